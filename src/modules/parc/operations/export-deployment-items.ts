import type { ExportColumn, ExportSource } from '../../../server/platform/export.js';
import type { Ctx } from '../../../server/platform/context.js';
import { deploymentStepLabels, type DeploymentStep } from '../lifecycle/deployment-progress.js';
import { frenchDateTime } from './export-cells.js';
import { getDeploymentBatch } from './get-deployment-batch.js';

export type DeploymentItemExportRow = Awaited<ReturnType<typeof getDeploymentBatch>>['items'][number];

/** One delivery's devices, each at its step: the same read (and scope) as the delivery's page. */
export async function exportDeploymentItems(ctx: Ctx, input: { id: string }): Promise<ExportSource<DeploymentItemExportRow>> {
  const detail = await getDeploymentBatch(ctx, input);
  return { basename: `livraison-${detail.uai}-${detail.batch.id.slice(0, 8)}`, sheetName: 'Livraison', columns: deploymentItemColumns, rows: detail.items };
}

export const deploymentItemColumns: ExportColumn<DeploymentItemExportRow>[] = [
  { header: 'N° de série', value: (r) => r.serial },
  { header: 'Étape', value: (r) => deploymentStepLabels[r.step as DeploymentStep] ?? r.step },
  { header: 'Étape atteinte le', value: (r) => frenchDateTime(r.stepAt) },
  { header: 'Installé le', value: (r) => frenchDateTime(r.installedAt) },
  { header: 'Masterisé le', value: (r) => frenchDateTime(r.imagedAt) },
  { header: 'En service le', value: (r) => frenchDateTime(r.inServiceAt) },
  { header: 'Vu par l’inventaire le', value: (r) => frenchDateTime(r.firstSeenAt) },
  { header: 'Équipement', value: (r) => r.assetName },
];
