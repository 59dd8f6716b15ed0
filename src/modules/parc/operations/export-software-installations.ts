import { and, asc, eq, sql } from 'drizzle-orm';
import type { ExportColumn, ExportSource } from '../../../server/platform/export.js';
import { streamRows } from '../../../server/platform/query-stream.js';
import type { Ctx } from '../../../server/platform/context.js';
import { notFound } from '../../../server/platform/errors.js';
import { establishmentsView as establishments } from '../../referentiel/index.js';
import { assetClassLabels, assetStatusLabels, type AssetClass, type AssetStatus } from '../asset-classes.js';
import { assetSoftware, assets, software } from '../db/schema.js';
import { establishmentJoin, fleetScope } from './fleet-scope.js';
import { displayName } from '../../../shared/display-name.js';

export const maxInstallationExportRows = 200_000;

/** Every device × version line of one product the actor may see, in the page's order (school, name). */
export async function exportSoftwareInstallations(ctx: Ctx, input: { id: number; uai?: string }): Promise<ExportSource<InstallationRow>> {
  const scope = await fleetScope(ctx, input.uai);
  const [product] = await ctx.db
    .select({ id: software.id, name: software.name, publisher: software.publisher })
    .from(software)
    .where(and(eq(software.tenantId, scope.tenantId), eq(software.id, input.id)));
  if (!product) throw notFound('Logiciel');
  return { basename: `installations-${product.id}`, sheetName: 'Installations', columns: installationColumns, rows: streamRows(ctx.db, installationQuery(ctx, scope, input.id)) };
}

type Scope = Awaited<ReturnType<typeof fleetScope>>;

function installationQuery(ctx: Ctx, scope: Scope, id: number) {
  return ctx.db
    .select({
      uai: establishments.uai,
      establishmentName: establishments.name,
      name: assets.name,
      serial: assets.serial,
      assetClass: assets.assetClass,
      status: assets.status,
      version: assetSoftware.version,
      publisher: assetSoftware.publisher,
      lastInventoryAt: assets.lastInventoryAt,
    })
    .from(assetSoftware)
    .innerJoin(assets, and(eq(assets.tenantId, assetSoftware.tenantId), eq(assets.id, assetSoftware.assetId)))
    .leftJoin(establishments, establishmentJoin)
    .where(and(eq(assetSoftware.tenantId, scope.tenantId), eq(assetSoftware.softwareId, id), scope.where))
    .orderBy(sql`${establishments.uai} asc nulls last`, sql`${assets.name} asc nulls last`, asc(assets.id), asc(assetSoftware.version))
    .limit(maxInstallationExportRows);
}

type InstallationRow = Awaited<ReturnType<typeof installationQuery>>[number];

export const installationColumns: ExportColumn<InstallationRow>[] = [
  { header: 'UAI', value: (r) => r.uai },
  { header: 'Établissement', value: (r) => r.establishmentName && displayName(r.establishmentName) },
  { header: 'Nom', value: (r) => r.name },
  { header: 'N° de série', value: (r) => r.serial },
  { header: 'Type', value: (r) => assetClassLabels[r.assetClass as AssetClass] ?? r.assetClass },
  { header: 'Statut', value: (r) => assetStatusLabels[r.status as AssetStatus] ?? r.status },
  { header: 'Version', value: (r) => r.version },
  { header: 'Éditeur', value: (r) => r.publisher },
  { header: 'Dernier inventaire', value: (r) => r.lastInventoryAt?.toISOString().slice(0, 16).replace('T', ' ') ?? null },
];
