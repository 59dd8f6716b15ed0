import { and, count, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../../server/platform/audit.js';
import { authorize } from '../../../server/platform/authz.js';
import type { AuthedCtx, Ctx } from '../../../server/platform/context.js';
import type { Db } from '../../../server/platform/db.js';
import { AppError } from '../../../server/platform/errors.js';
import { assetEvents, assetMatches, assetSoftware, assets } from '../db/schema.js';
import { assetSearchText } from '../ingest/asset-fields.js';
import type { AssetRow } from './asset-input.js';
import type { MergeAssetsInput } from './merge-assets.input.js';
import { writePersonEvents } from './asset-history.js';
import { assetsForUpdate } from './asset-scope.js';

export { mergeAssetsInput } from './merge-assets.input.js';

/** What undoing a merge needs, kept in asset_matches.merged_asset. */
export interface MergeSnapshot {
  asset: AssetRow;
  /** Columns of the kept device the merge filled: their values before, and the values set. */
  keptBefore: Record<string, unknown>;
  filled: Record<string, unknown>;
  eventIds: number[];
  matchIds: number[];
  childIds: string[];
  software: { softwareId: number; version: string }[];
  /** Software rows the kept device did not have and got from the absorbed one. */
  addedSoftware: { softwareId: number; version: string }[];
}

/** Columns an absorbed duplicate fills on the kept device when the kept one has nothing there. */
const fillable = [
  'name',
  'serial',
  'inventoryNumber',
  'hardwareUuid',
  'agentDeviceId',
  'manufacturer',
  'model',
  'funder',
  'fundingSource',
  'supplier',
  'orderReference',
  'purchaseDate',
  'purchasePrice',
  'warrantyEnd',
  'imageVersion',
  'osName',
  'osVersion',
  'cpuName',
  'memoryMb',
  'diskTotalMb',
  'hardware',
  'lastUser',
  'firstInventoryAt',
  'lastInventoryAt',
] as const satisfies readonly (keyof AssetRow)[];

export function describeAsset(a: Pick<AssetRow, 'id' | 'name' | 'serial' | 'inventoryNumber'>): string {
  const keys = [a.name, a.serial && `série ${a.serial}`, a.inventoryNumber && `inventaire ${a.inventoryNumber}`].filter(Boolean);
  return keys.length ? `« ${keys.join(', ')} »` : a.id;
}

/**
 * Merges two records of one machine (an imported purchase line and the device the agent found,
 * a reinstalled PC seen twice). One transaction; the absorbed row is kept whole in the match
 * record so that undoing the merge restores it, with its history and software.
 */
export async function mergeAssets(ctx: Ctx, input: MergeAssetsInput): Promise<{ id: string; matchId: number }> {
  authorize(ctx.actor, 'asset.update');
  const actx: AuthedCtx = { ...ctx, actor: ctx.actor };
  if (input.keepId === input.mergeId) {
    throw new AppError('VALIDATION', 'Choisissez deux équipements différents à fusionner.', { issues: [{ path: 'mergeId', message: 'Identique à keepId.' }] });
  }
  return ctx.db.transaction(async (tx) => {
    const rows = await assetsForUpdate(actx, tx, [input.keepId, input.mergeId]);
    const keep = rows.find((r) => r.asset.id === input.keepId)!.asset;
    const absorbed = rows.find((r) => r.asset.id === input.mergeId)!.asset;
    const tenantId = keep.tenantId;
    const { keptBefore, filled } = fillFrom(keep, absorbed);
    const moved = await moveDependents(tx, tenantId, absorbed.id, keep.id);
    const software = await moveSoftware(tx, tenantId, absorbed.id, keep.id);
    await tx.delete(assets).where(and(eq(assets.tenantId, tenantId), eq(assets.id, absorbed.id)));
    const next = { ...keep, ...filled };
    await tx
      .update(assets)
      .set({
        ...filled,
        anonymousAgent: null,
        searchText: assetSearchText(next),
        ...(software.added.length ? { softwareCount: software.count, softwareHash: null } : {}),
        version: sql`${assets.version} + 1`,
        updatedAt: ctx.now(),
      })
      .where(and(eq(assets.tenantId, tenantId), eq(assets.id, keep.id)));
    const snapshot: MergeSnapshot = { asset: absorbed, keptBefore, filled, ...moved, software: software.absorbed, addedSoftware: software.added };
    const reason = `Fusion manuelle avec l’équipement ${describeAsset(absorbed)}${input.reason ? ` : ${input.reason}` : ''}`;
    const [match] = await tx
      .insert(assetMatches)
      .values({ tenantId, assetId: keep.id, at: ctx.now(), kind: 'merge', reason, agentDeviceId: absorbed.agentDeviceId, mergedAsset: snapshot })
      .returning({ id: assetMatches.id });
    await writePersonEvents(actx, tx, [{ assetId: keep.id, kind: 'merge', summary: reason, details: { mergedAssetId: absorbed.id, matchId: match.id, filled: Object.keys(filled) } }]);
    await recordAudit(ctx, tx, [
      { tenantId, action: 'merge', entityType: 'asset', entityId: keep.id, before: keptBefore, after: { ...filled, mergedAssetId: absorbed.id } },
      { tenantId, action: 'merged-into', entityType: 'asset', entityId: absorbed.id, before: absorbed, after: { keptAssetId: keep.id, matchId: match.id } },
    ]);
    return { id: keep.id, matchId: match.id };
  });
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

function fillFrom(keep: AssetRow, absorbed: AssetRow) {
  const keptBefore: Record<string, unknown> = {};
  const filled: Record<string, unknown> = {};
  const set = (column: string, value: unknown) => {
    keptBefore[column] = keep[column as keyof AssetRow];
    filled[column] = value;
  };
  for (const column of fillable) {
    if (isEmpty(keep[column]) && !isEmpty(absorbed[column])) set(column, absorbed[column]);
  }
  if (keep.establishmentId === null && absorbed.establishmentId !== null) {
    set('establishmentId', absorbed.establishmentId);
    set('roomId', absorbed.roomId);
  }
  const macs = [...new Set([...keep.macAddresses, ...absorbed.macAddresses])].sort();
  if (macs.length !== keep.macAddresses.length) set('macAddresses', macs);
  const locks = [...new Set([...keep.lockedFields, ...absorbed.lockedFields])].sort();
  if (locks.length !== keep.lockedFields.length) set('lockedFields', locks);
  return { keptBefore, filled };
}

/** History lines, earlier matches and the devices of a cart move to the kept device; their ids are kept for undo. */
async function moveDependents(tx: Db, tenantId: string, from: string, to: string) {
  const events = await tx
    .update(assetEvents)
    .set({ assetId: to })
    .where(and(eq(assetEvents.tenantId, tenantId), eq(assetEvents.assetId, from)))
    .returning({ id: assetEvents.id });
  const matches = await tx
    .update(assetMatches)
    .set({ assetId: to })
    .where(and(eq(assetMatches.tenantId, tenantId), eq(assetMatches.assetId, from)))
    .returning({ id: assetMatches.id });
  const children = await tx
    .update(assets)
    .set({ parentAssetId: to })
    .where(and(eq(assets.tenantId, tenantId), eq(assets.parentAssetId, from)))
    .returning({ id: assets.id });
  return { eventIds: events.map((e) => e.id), matchIds: matches.map((m) => m.id), childIds: children.map((c) => c.id) };
}

async function moveSoftware(tx: Db, tenantId: string, from: string, to: string) {
  const absorbed = await tx
    .select({ softwareId: assetSoftware.softwareId, version: assetSoftware.version, publisher: assetSoftware.publisher })
    .from(assetSoftware)
    .where(and(eq(assetSoftware.tenantId, tenantId), eq(assetSoftware.assetId, from)));
  const added = absorbed.length
    ? await tx
        .insert(assetSoftware)
        .values(absorbed.map((s) => ({ tenantId, assetId: to, ...s })))
        .onConflictDoNothing()
        .returning({ softwareId: assetSoftware.softwareId, version: assetSoftware.version, publisher: assetSoftware.publisher })
    : [];
  const [{ n }] = await tx.select({ n: count() }).from(assetSoftware).where(and(eq(assetSoftware.tenantId, tenantId), eq(assetSoftware.assetId, to)));
  return { absorbed, added, count: n };
}
