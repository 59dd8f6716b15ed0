import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../../server/platform/audit.js';
import { authorize, canOnEstablishment, establishmentScope } from '../../../server/platform/authz.js';
import type { AuthedCtx, Ctx } from '../../../server/platform/context.js';
import type { Db } from '../../../server/platform/db.js';
import { AppError, forbidden, notFound } from '../../../server/platform/errors.js';
import { establishmentsView as establishments, roomsView as rooms } from '../../referentiel/index.js';
import { assetEvents, assetMatches, assetSoftware, assets } from '../db/schema.js';
import { assetSearchText } from '../ingest/asset-fields.js';
import type { AssetRow } from './asset-input.js';
import { writePersonEvents } from './asset-history.js';
import { assetForUpdate, type ScopedAsset } from './asset-scope.js';
import { describeAsset, type MergeSnapshot } from './merge-assets.js';

export const matchParams = z.object({ id: z.uuid(), matchId: z.coerce.number().int().min(1) });

type MatchRow = typeof assetMatches.$inferSelect;

/**
 * Undoes what the matching (a link) or a person (a merge) did to a device, in one transaction,
 * audited and written in the history.
 *
 * - A link attached a new agent id to a known device. Undoing it detaches the agent: the device
 *   keeps its data and its history (what the agent wrote stays, dated and signed), its agent id is
 *   cleared, and the match is marked undone (asset_matches.undone_at, with the agent id). For the
 *   agent's next report to create a device of its own, the matching must skip a device whose link
 *   to that agent id was undone (findAssetCandidates, db/asset-candidates.ts); without that, the
 *   serial, UUID or MAC finds the device again and the new link can be undone again.
 * - A merge absorbed a duplicate. Undoing it restores the absorbed row as it was, moves back its
 *   history lines, earlier matches, cart members and software, and puts back the kept device's
 *   fields the merge had filled (those nobody changed since).
 */
export async function undoAssetMatch(ctx: Ctx, input: { id: string; matchId: number }): Promise<{ id: string; restoredId: string | null }> {
  authorize(ctx.actor, 'asset.update');
  const actx: AuthedCtx = { ...ctx, actor: ctx.actor };
  return ctx.db.transaction(async (tx) => {
    const current = await assetForUpdate(actx, tx, input.id);
    const [match] = await tx
      .select()
      .from(assetMatches)
      .where(and(eq(assetMatches.tenantId, actx.actor.tenantId), eq(assetMatches.id, input.matchId), eq(assetMatches.assetId, input.id)))
      .for('update');
    if (!match) throw notFound('Rapprochement');
    if (match.undoneAt) throw new AppError('CONFLICT', 'Ce rapprochement a déjà été annulé.');
    const restoredId = match.kind === 'merge' ? await undoMerge(actx, tx, current, match) : await undoLink(actx, tx, current, match);
    await tx.update(assetMatches).set({ undoneAt: ctx.now() }).where(and(eq(assetMatches.tenantId, match.tenantId), eq(assetMatches.id, match.id)));
    return { id: input.id, restoredId };
  });
}

async function undoLink(ctx: AuthedCtx, tx: Db, current: ScopedAsset, match: MatchRow): Promise<null> {
  const a = current.asset;
  const detach = match.agentDeviceId !== null && a.agentDeviceId === match.agentDeviceId;
  if (detach) {
    await tx
      .update(assets)
      .set({ agentDeviceId: null, version: sql`${assets.version} + 1`, updatedAt: ctx.now() })
      .where(and(eq(assets.tenantId, a.tenantId), eq(assets.id, a.id)));
  }
  const summary = `Rapprochement annulé : l’agent « ${match.agentDeviceId ?? '?'} » n’est plus rattaché à cet équipement (motif du rapprochement : ${match.reason})`;
  await writePersonEvents(ctx, tx, [{ assetId: a.id, kind: 'unlink', summary, details: { matchId: match.id, agentDeviceId: match.agentDeviceId, detached: detach } }]);
  await recordAudit(ctx, tx, [
    { tenantId: a.tenantId, action: 'undo-link', entityType: 'asset', entityId: a.id, before: { agentDeviceId: a.agentDeviceId }, after: { agentDeviceId: detach ? null : a.agentDeviceId, matchId: match.id } },
  ]);
  return null;
}

const timestampColumns = ['createdAt', 'updatedAt', 'firstInventoryAt', 'lastInventoryAt'] as const;

/** A row read back from JSON: timestamps were written as ISO strings. */
function revive<T extends Record<string, unknown>>(row: T): T {
  const copy: Record<string, unknown> = { ...row };
  for (const column of timestampColumns) {
    if (typeof copy[column] === 'string') copy[column] = new Date(copy[column] as string);
  }
  return copy as T;
}

async function undoMerge(ctx: AuthedCtx, tx: Db, current: ScopedAsset, match: MatchRow): Promise<string> {
  const snapshot = match.mergedAsset as MergeSnapshot | null;
  if (!snapshot?.asset?.id) throw new AppError('UNPROCESSABLE', 'Cette fusion ne peut pas être annulée : l’équipement absorbé n’a pas été conservé.');
  const kept = current.asset;
  const tenantId = kept.tenantId;
  const absorbed = revive(snapshot.asset as unknown as Record<string, unknown>) as unknown as AssetRow;
  await assertMayRestoreInto(ctx, tx, absorbed);
  const [taken] = await tx.select({ id: assets.id }).from(assets).where(and(eq(assets.tenantId, tenantId), eq(assets.id, absorbed.id)));
  if (taken) throw new AppError('CONFLICT', 'L’équipement absorbé existe de nouveau : la fusion ne peut pas être annulée.');
  const roomStillThere =
    absorbed.roomId && absorbed.establishmentId
      ? (await tx.select({ id: rooms.id }).from(rooms).where(and(eq(rooms.tenantId, tenantId), eq(rooms.id, absorbed.roomId)))).length > 0
      : false;
  await tx.insert(assets).values({ ...absorbed, roomId: roomStillThere ? absorbed.roomId : null, version: absorbed.version + 1, updatedAt: ctx.now() });
  await moveBack(tx, tenantId, kept.id, absorbed.id, snapshot);
  const restoredFields = await restoreKeptFields(tx, kept, snapshot);
  await writePersonEvents(ctx, tx, [
    { assetId: kept.id, kind: 'merge', summary: `Fusion annulée : l’équipement ${describeAsset(absorbed)} est rétabli`, details: { matchId: match.id, restoredAssetId: absorbed.id, restoredFields } },
    { assetId: absorbed.id, kind: 'merge', summary: `Rétabli : la fusion dans l’équipement ${describeAsset(kept)} est annulée`, details: { matchId: match.id, keptAssetId: kept.id } },
  ]);
  await recordAudit(ctx, tx, [
    { tenantId, action: 'undo-merge', entityType: 'asset', entityId: kept.id, after: { restoredAssetId: absorbed.id, restoredFields, matchId: match.id } },
    { tenantId, action: 'restore', entityType: 'asset', entityId: absorbed.id, after: { fromMatchId: match.id } },
  ]);
  return absorbed.id;
}

/** The restored device goes back to its school: the person undoing must reach that school too. */
async function assertMayRestoreInto(ctx: AuthedCtx, tx: Db, absorbed: AssetRow) {
  if (absorbed.establishmentId === null) {
    if (!establishmentScope(ctx.actor, 'asset.update').all) throw forbidden();
    return;
  }
  const [school] = await tx
    .select({ id: establishments.id, unitId: establishments.unitId, academyCode: establishments.academyCode })
    .from(establishments)
    .where(and(eq(establishments.tenantId, absorbed.tenantId), eq(establishments.id, absorbed.establishmentId)));
  if (!school) throw new AppError('CONFLICT', 'L’établissement de l’équipement absorbé n’existe plus : la fusion ne peut pas être annulée.');
  if (!canOnEstablishment(ctx.actor, 'asset.update', school)) throw forbidden('L’équipement absorbé appartient à un établissement hors de votre périmètre.');
}

async function moveBack(tx: Db, tenantId: string, from: string, to: string, snapshot: MergeSnapshot) {
  if (snapshot.eventIds.length) {
    await tx.update(assetEvents).set({ assetId: to }).where(and(eq(assetEvents.tenantId, tenantId), eq(assetEvents.assetId, from), inArray(assetEvents.id, snapshot.eventIds)));
  }
  if (snapshot.matchIds.length) {
    await tx.update(assetMatches).set({ assetId: to }).where(and(eq(assetMatches.tenantId, tenantId), eq(assetMatches.assetId, from), inArray(assetMatches.id, snapshot.matchIds)));
  }
  if (snapshot.childIds.length) {
    await tx.update(assets).set({ parentAssetId: to }).where(and(eq(assets.tenantId, tenantId), eq(assets.parentAssetId, from), inArray(assets.id, snapshot.childIds)));
  }
  if (snapshot.software.length) {
    await tx.insert(assetSoftware).values(snapshot.software.map((s) => ({ tenantId, assetId: to, ...s }))).onConflictDoNothing();
  }
  for (let i = 0; i < snapshot.addedSoftware.length; i += 1000) {
    const pairs = snapshot.addedSoftware.slice(i, i + 1000);
    await tx.delete(assetSoftware).where(
      and(
        eq(assetSoftware.tenantId, tenantId),
        eq(assetSoftware.assetId, from),
        sql`(${assetSoftware.softwareId}, ${assetSoftware.version}) in (${sql.join(pairs.map((p) => sql`(${p.softwareId}::bigint, ${p.version}::text)`), sql`, `)})`,
      ),
    );
  }
}

/** Puts back the kept device's fields the merge filled, unless someone changed them since. */
async function restoreKeptFields(tx: Db, kept: AssetRow, snapshot: MergeSnapshot): Promise<string[]> {
  const filled = revive(snapshot.filled);
  const before = revive(snapshot.keptBefore);
  const restore: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(filled)) {
    if (JSON.stringify(kept[column as keyof AssetRow]) === JSON.stringify(value)) restore[column] = before[column];
  }
  const [{ n }] = await tx.select({ n: count() }).from(assetSoftware).where(and(eq(assetSoftware.tenantId, kept.tenantId), eq(assetSoftware.assetId, kept.id)));
  const next = { ...kept, ...restore };
  await tx
    .update(assets)
    .set({ ...restore, searchText: assetSearchText(next as AssetRow), softwareCount: n, version: sql`${assets.version} + 1` })
    .where(and(eq(assets.tenantId, kept.tenantId), eq(assets.id, kept.id)));
  return Object.keys(restore);
}
