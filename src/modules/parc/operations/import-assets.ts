import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { authorize, canOnEstablishment, establishmentScope } from '../../../server/platform/authz.js';
import type { AuthedCtx, Ctx } from '../../../server/platform/context.js';
import type { Db } from '../../../server/platform/db.js';
import { buildingsView as buildings, establishmentsView as establishments, roomsView as rooms } from '../../referentiel/index.js';
import { assets } from '../db/schema.js';
import { resolveMapping, suggestMapping, type ColumnMapping } from '../import/column-mapping.js';
import { parseAssetRow, type ParsedAssetRow } from '../import/parse-asset-row.js';
import { planImportRow, type ImportLookups, type ImportSchool, type PlannedRow } from '../import/plan-import-row.js';
import { readAssetFile } from '../import/read-asset-file.js';
import { textArray, unique, writePlans } from '../import/write-import-plan.js';
import { serialKey } from './asset-identity.js';
import type { ScopedAsset } from './asset-scope.js';

export const importModes = ['all-or-nothing', 'apply-valid'] as const;

export const assetImportReportSchema = z.object({
  status: z.enum(['applied', 'refused']),
  format: z.enum(['csv', 'xlsx']),
  mapping: z.record(z.string(), z.string()),
  totals: z.object({ rows: z.number(), created: z.number(), updated: z.number(), unchanged: z.number(), rejected: z.number() }),
  rejected: z.array(z.object({ line: z.number(), reason: z.string() })),
});
export type AssetImportReport = z.infer<typeof assetImportReportSchema>;

export interface ImportAssetsInput {
  bytes: Uint8Array;
  filename: string;
  /** Field → header; the suggested mapping when absent. */
  mapping?: ColumnMapping;
  /** all-or-nothing: one rejected line and nothing is written; apply-valid: the valid lines are. */
  mode: (typeof importModes)[number];
}

/**
 * Imports a CSV or XLSX file of devices: each line updates the device its serial or inventory
 * number names (an empty cell changes nothing) or creates one, in the actor's scope. A file that
 * cannot be read is refused whole; otherwise the report says, line by line, what was rejected
 * and why. One transaction, set-based writes, history and audit for every device touched.
 */
export async function importAssets(ctx: Ctx, input: ImportAssetsInput): Promise<AssetImportReport> {
  authorize(ctx.actor, 'asset.update');
  const actx: AuthedCtx = { ...ctx, actor: ctx.actor };
  const table = await readAssetFile(input.bytes);
  const mapping = input.mapping ?? suggestMapping(table.header);
  const columns = resolveMapping(table.header, mapping);
  const parsed = rejectDuplicates(table.rows.map((r) => (r.problem ? { line: r.line, values: {}, errors: [`La ${r.problem}.`] } : parseAssetRow(r.line, r.cells, columns))));
  return ctx.db.transaction(async (tx) => {
    const lookups = await loadLookups(actx, tx, parsed);
    const claimed = new Set<string>();
    const plans = parsed.map((row) => planImportRow(row, lookups, claimed));
    const count = (kind: PlannedRow['kind']) => plans.filter((p) => p.kind === kind).length;
    const rejected = plans.flatMap((p) => (p.kind === 'rejected' ? [{ line: p.line, reason: p.reason }] : []));
    const report = (status: AssetImportReport['status'], written: boolean): AssetImportReport => ({
      status,
      format: table.format,
      mapping: mapping as Record<string, string>,
      totals: { rows: plans.length, created: written ? count('create') : 0, updated: written ? count('update') : 0, unchanged: count('unchanged'), rejected: rejected.length },
      rejected,
    });
    if (rejected.length && input.mode === 'all-or-nothing') return report('refused', false);
    await writePlans(actx, tx, plans, input.filename);
    ctx.log.info({ totals: report('applied', true).totals }, 'asset import finished');
    return report('applied', true);
  });
}

/** A serial or inventory number met again later in the file: the later line is rejected. */
function rejectDuplicates(rows: ParsedAssetRow[]): ParsedAssetRow[] {
  const seen = new Map<string, number>();
  return rows.map((row) => {
    if (row.errors.length) return row;
    const keys = [row.values.serial && `s:${row.values.serial}`, row.values.inventoryNumber && `i:${row.values.inventoryNumber}`].filter(Boolean) as string[];
    const first = keys.map((k) => seen.get(k)).find((l) => l !== undefined);
    if (first !== undefined) return { ...row, errors: [`Même numéro de série ou d’inventaire que la ligne ${first} : cette ligne n’est pas importée.`] };
    for (const k of keys) seen.set(k, row.line);
    return row;
  });
}

const assetWithSchool = { asset: assets, uai: establishments.uai, establishmentName: establishments.name, unitId: establishments.unitId, academyCode: establishments.academyCode };

/** Schools, rooms and devices the file names, read once (devices locked for the transaction). */
async function loadLookups(ctx: AuthedCtx, tx: Db, rows: ParsedAssetRow[]): Promise<ImportLookups> {
  const tenantId = ctx.actor.tenantId;
  const serials = unique(rows.map((r) => r.values.serial));
  const inventoryNumbers = unique(rows.map((r) => r.values.inventoryNumber));
  const keys = [
    serials.length ? sql`${serialKey} = any(${textArray(serials)})` : undefined,
    inventoryNumbers.length ? sql`${assets.inventoryNumber} = any(${textArray(inventoryNumbers)})` : undefined,
  ].filter(Boolean);
  const named = and(eq(assets.tenantId, tenantId), or(...keys));
  // locked first (drizzle's FOR UPDATE OF carries the schema, which PostgreSQL refuses), then read with the school
  if (keys.length) await tx.select({ id: assets.id }).from(assets).where(named).for('update');
  const existing: ScopedAsset[] = keys.length
    ? await tx
        .select(assetWithSchool)
        .from(assets)
        .leftJoin(establishments, and(eq(establishments.tenantId, assets.tenantId), eq(establishments.id, assets.establishmentId)))
        .where(named)
    : [];
  const uais = unique(rows.map((r) => r.values.uai));
  const schoolIds = unique(existing.map((e) => e.asset.establishmentId));
  const schoolRows = uais.length || schoolIds.length
    ? await tx
        .select({ id: establishments.id, uai: establishments.uai, name: establishments.name, unitId: establishments.unitId, academyCode: establishments.academyCode })
        .from(establishments)
        .where(
          and(
            eq(establishments.tenantId, tenantId),
            or(uais.length ? sql`${establishments.uai} = any(${textArray(uais)})` : undefined, schoolIds.length ? sql`${establishments.id} = any(${textArray(schoolIds)}::uuid[])` : undefined),
          ),
        )
    : [];
  const schools: ImportSchool[] = schoolRows.map((s) => ({ id: s.id, uai: s.uai, name: s.name, updatable: canOnEstablishment(ctx.actor, 'asset.update', s) }));
  const roomRows = schools.length
    ? await tx
        .select({ id: rooms.id, name: rooms.name, establishmentId: rooms.establishmentId, buildingName: buildings.name })
        .from(rooms)
        .innerJoin(buildings, and(eq(buildings.tenantId, rooms.tenantId), eq(buildings.id, rooms.buildingId)))
        .where(and(eq(rooms.tenantId, tenantId), inArray(rooms.establishmentId, schools.map((s) => s.id))))
    : [];
  const scope = establishmentScope(ctx.actor, 'asset.update');
  return {
    schools: new Map(schools.map((s) => [s.uai, s])),
    schoolsById: new Map(schools.map((s) => [s.id, s])),
    rooms: groupBy(roomRows, (r) => r.establishmentId),
    bySerial: groupBy(existing.filter((e) => e.asset.serial), (e) => e.asset.serial!.replace(/\s+/g, '').toUpperCase()),
    byInventory: groupBy(existing.filter((e) => e.asset.inventoryNumber), (e) => e.asset.inventoryNumber!),
    tenantWide: scope.all,
    canUpdate: (e) =>
      e.asset.establishmentId === null ? scope.all : canOnEstablishment(ctx.actor, 'asset.update', { id: e.asset.establishmentId, unitId: e.unitId, academyCode: e.academyCode }),
  };
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}
