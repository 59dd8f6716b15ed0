import { and, eq, sql } from 'drizzle-orm';
import { diff, recordAudit } from '../../../server/platform/audit.js';
import { authorize } from '../../../server/platform/authz.js';
import type { AuthedCtx, Ctx } from '../../../server/platform/context.js';
import type { Db } from '../../../server/platform/db.js';
import { AppError } from '../../../server/platform/errors.js';
import { assertUpdated, assertVersion, type VersionedUpdateInput } from '../../../server/platform/versioned-update.js';
import { assets } from '../db/schema.js';
import { assetSearchText, placementLock } from '../ingest/asset-fields.js';
import { columnChanges, fieldsToLock, mergeLocks, warrantyIssue } from './asset-input.js';
import { updateAssetInput, type UpdateAssetInput } from './update-asset.input.js';
import { assertUniqueIdentifiers } from './asset-identity.js';
import { changeEvent, moveEvent, statusEvent, writePersonEvents, type PersonEvent } from './asset-history.js';
import { assetForUpdate, resolvePlacement, roomNames, type Placement, type ScopedAsset } from './asset-scope.js';
import { softwareSummaries } from './find-software-installations.js';

export { updateAssetInput, type UpdateAssetInput };

/**
 * Edits a device with optimistic concurrency (a stale version gets a 409). A field the agent also
 * writes is locked against it once a person changed it. History: a move of school or room, a
 * status change and any other change each get their IMAC line; the whole change is audited.
 */
export async function updateAsset(ctx: Ctx, input: VersionedUpdateInput<UpdateAssetInput>): Promise<{ id: string }> {
  authorize(ctx.actor, 'asset.update');
  const actx = { ...ctx, actor: ctx.actor };
  const tenantId = ctx.actor.tenantId;
  const { version, lockedFields, note, uai, roomId, ...fields } = input.changes;
  let movedSchool = false;
  const result = await ctx.db.transaction(async (tx) => {
    const current = await assetForUpdate(actx, tx, input.id);
    const a = current.asset;
    assertVersion(a, version);
    const columns: Record<string, unknown> = { ...columnChanges(fields) };
    const place = await placementChange(actx, tx, current, { uai, roomId });
    if (place) Object.assign(columns, { establishmentId: place.establishmentId, roomId: place.roomId });
    const change = diff(a as unknown as Record<string, unknown>, columns);
    // a move of room alone is a person's placement too: it locks the place against the agent's tag
    const moved = 'roomId' in change.after ? [placementLock] : [];
    const locks = mergeLocks(lockedFields ?? a.lockedFields, [...fieldsToLock(Object.keys(change.after)), ...moved]);
    const locksChanged = locks.join() !== [...a.lockedFields].sort().join();
    if (!change.changed && !locksChanged) return { id: a.id };

    const next = { ...a, ...columns };
    const warranty = warrantyIssue(next);
    if (warranty) throw new AppError('VALIDATION', warranty, { issues: [{ path: 'warrantyEnd', message: warranty }] });
    if ('serial' in change.after || 'inventoryNumber' in change.after) {
      await assertUniqueIdentifiers(tx, {
        tenantId,
        serial: 'serial' in change.after ? next.serial : null,
        inventoryNumber: 'inventoryNumber' in change.after ? next.inventoryNumber : null,
        exceptId: a.id,
      });
    }
    const [updated] = await tx
      .update(assets)
      .set({ ...columns, anonymousAgent: null, lockedFields: locks, searchText: assetSearchText(next), version: sql`${assets.version} + 1`, updatedAt: ctx.now() })
      .where(and(eq(assets.tenantId, tenantId), eq(assets.id, a.id), eq(assets.version, version)))
      .returning({ id: assets.id });
    assertUpdated(updated);

    await writePersonEventsFor(actx, tx, current, change, place, note);
    const before = locksChanged ? { ...change.before, lockedFields: a.lockedFields } : change.before;
    const after = locksChanged ? { ...change.after, lockedFields: locks } : change.after;
    await recordAudit(ctx, tx, [{ tenantId, action: 'update', entityType: 'asset', entityId: a.id, before, after }]);
    movedSchool = 'establishmentId' in change.after;
    return updated;
  });
  // « where is this software installed » counts lines by school
  if (movedSchool) ctx.cache.invalidate(softwareSummaries);
  return result;
}

/** The new school and room when the request moves the device; null when it does not. */
async function placementChange(
  ctx: AuthedCtx,
  tx: Db,
  current: ScopedAsset,
  input: { uai?: string | null; roomId?: string | null },
): Promise<Placement | null> {
  if (input.uai === undefined && input.roomId === undefined) return null;
  const uai = input.uai === undefined ? current.uai : (input.uai?.trim().toUpperCase() ?? null);
  const schoolChanged = uai !== current.uai;
  // a new school without a room named: the old room belongs to the old school
  const roomId = input.roomId !== undefined ? input.roomId : schoolChanged ? null : current.asset.roomId;
  return resolvePlacement(ctx, tx, { uai, roomId });
}

async function writePersonEventsFor(
  ctx: AuthedCtx,
  tx: Db,
  current: ScopedAsset,
  change: ReturnType<typeof diff>,
  place: Placement | null,
  note: string | undefined,
) {
  const a = current.asset;
  const events: PersonEvent[] = [];
  const { establishmentId: _e, roomId: _r, status: _s, ...others } = change.after;
  if (place && ('establishmentId' in change.after || 'roomId' in change.after)) {
    const names = await roomNames(tx, a.tenantId, [a.roomId]);
    const from = { establishmentId: a.establishmentId, roomId: a.roomId, uai: current.uai, establishmentName: current.establishmentName, roomName: a.roomId ? (names.get(a.roomId) ?? null) : null };
    events.push(moveEvent(a.id, from, place, note));
  }
  if ('status' in change.after) events.push(statusEvent(a.id, a.status, change.after.status as string, note));
  const otherBefore = Object.fromEntries(Object.keys(others).map((k) => [k, change.before[k]]));
  const other = changeEvent(a.id, otherBefore, others, note);
  if (other) events.push(other);
  await writePersonEvents(ctx, tx, events);
}

