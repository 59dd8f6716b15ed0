import type { BodyOf, ItemOf, ResponseOf } from '../../api/types';

/** Shapes of the fleet API, named from the generated contract (src/web/api/schema.d.ts). */
export type AssetSummary = ItemOf<ResponseOf<'/api/assets'>['items']>;
export type AssetDetail = ResponseOf<'/api/assets/{id}'>;
export type Hardware = NonNullable<AssetDetail['hardware']>;
export type HardwareCpu = ItemOf<NonNullable<Hardware['cpus']>>;
export type AssetEvent = ItemOf<AssetDetail['history']>;
export type AssetChanges = Omit<BodyOf<'/api/assets/{id}', 'patch'>, 'version'>;
export type BulkAction = BodyOf<'/api/assets/bulk', 'post'>;
export type FleetStats = ResponseOf<'/api/fleet/stats'>;
export type RenewalForecast = ResponseOf<'/api/fleet/renewal'>;
export type DeploymentList = ResponseOf<'/api/deployments'>;
export type Deployment = ItemOf<DeploymentList['items']>;
export type DeploymentDetail = ResponseOf<'/api/deployments/{id}'>;
export type DeploymentItem = ItemOf<DeploymentDetail['items']>;
export type InventorySettings = ResponseOf<'/api/inventory/settings'>;
export type AgentCredential = ItemOf<ResponseOf<'/api/inventory/credentials'>['items']>;
export type UnassignedReport = ItemOf<ResponseOf<'/api/inventory/unassigned'>['items']>;
export type FleetEstablishment = ItemOf<ResponseOf<'/api/fleet/establishments'>['items']>;
export type SoftwareLine = ItemOf<ResponseOf<'/api/software'>['items']>;
export type SoftwareInstallations = ResponseOf<'/api/software/{id}/installations'>;
