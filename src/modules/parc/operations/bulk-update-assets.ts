import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AuditEntry } from '../../../server/platform/audit.js';
import { authorize } from '../../../server/platform/authz.js';
import type { AuthedCtx, Ctx } from '../../../server/platform/context.js';
import type { Db } from '../../../server/platform/db.js';
import { AppError } from '../../../server/platform/errors.js';
import { assetStatuses, type AssetStatus } from '../asset-classes.js';
import { assets } from '../db/schema.js';
import { noteInput } from './asset-input.js';
import { moveEvent, recordAuditSet, statusEvent, writePersonEvents, type PersonEvent } from './asset-history.js';
import { assetsForUpdate, resolvePlacement, roomNames, type ScopedAsset } from './asset-scope.js';

export const maxBulkAssets = 1000;

const ids = z
  .array(z.uuid())
  .min(1)
  .max(maxBulkAssets, `${maxBulkAssets} équipements au plus par opération groupée.`);

export const bulkAssetsInput = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('move'),
    ids,
    uai: z.string().trim().toUpperCase().regex(/^[0-9]{7}[A-Z]$/, 'UAI : 7 chiffres suivis d’une lettre.').nullable(),
    roomId: z.uuid().nullable().default(null),
    note: noteInput.optional(),
  }),
  z.object({ action: z.literal('set-status'), ids, status: z.enum(assetStatuses), note: noteInput.optional() }),
  /** A loan to a class project: the note says to whom and what for. */
  z.object({ action: z.literal('lend'), ids, note: noteInput }),
  z.object({ action: z.literal('return'), ids, note: noteInput.optional() }),
]);
export type BulkAssetsInput = z.infer<typeof bulkAssetsInput>;

export interface BulkAssetsResult {
  /** Devices the action changed; the others were already as asked. */
  changed: number;
  unchanged: number;
}

/** Statuses a device can be lent from: not retired, lost, in repair or already lent. */
const lendable = new Set<AssetStatus>(['ordered', 'in-stock', 'delivered', 'installed', 'imaged', 'in-service']);

/**
 * One action on up to 1,000 devices (move 30 PCs to a room, retire a batch, lend a cart of
 * tablets): every device must be in the actor's scope, or nothing changes. One transaction,
 * one UPDATE, one INSERT of history lines and one of audit entries.
 */
export async function bulkUpdateAssets(ctx: Ctx, input: BulkAssetsInput): Promise<BulkAssetsResult> {
  authorize(ctx.actor, 'asset.update');
  const actx: AuthedCtx = { ...ctx, actor: ctx.actor };
  const wanted = [...new Set(input.ids)];
  return ctx.db.transaction(async (tx) => {
    const rows = await assetsForUpdate(actx, tx, wanted);
    const plan = input.action === 'move' ? await planMove(actx, tx, rows, input) : planStatus(rows, input);
    if (plan.changes.length === 0) return { changed: 0, unchanged: rows.length };
    const changedIds = plan.changes.map((c) => c.asset.id);
    await tx
      .update(assets)
      .set({ ...plan.set, version: sql`${assets.version} + 1`, updatedAt: ctx.now() })
      .where(and(eq(assets.tenantId, actx.actor.tenantId), inArray(assets.id, changedIds)));
    await writePersonEvents(actx, tx, plan.events);
    await recordAuditSet(actx, tx, plan.changes.map((c) => c.audit));
    return { changed: plan.changes.length, unchanged: rows.length - plan.changes.length };
  });
}

interface Plan {
  set: Partial<typeof assets.$inferInsert>;
  changes: { asset: ScopedAsset['asset']; audit: AuditEntry }[];
  events: PersonEvent[];
}

async function planMove(ctx: AuthedCtx, tx: Db, rows: ScopedAsset[], input: Extract<BulkAssetsInput, { action: 'move' }>): Promise<Plan> {
  const to = await resolvePlacement(ctx, tx, { uai: input.uai, roomId: input.roomId });
  const moving = rows.filter((r) => r.asset.establishmentId !== to.establishmentId || r.asset.roomId !== to.roomId);
  const names = await roomNames(tx, ctx.actor.tenantId, moving.map((r) => r.asset.roomId));
  const audit = (r: ScopedAsset): AuditEntry => ({
    tenantId: ctx.actor.tenantId,
    action: 'bulk-move',
    entityType: 'asset',
    entityId: r.asset.id,
    before: { establishmentId: r.asset.establishmentId, roomId: r.asset.roomId },
    after: { establishmentId: to.establishmentId, roomId: to.roomId },
  });
  return {
    set: { establishmentId: to.establishmentId, roomId: to.roomId },
    changes: moving.map((r) => ({ asset: r.asset, audit: audit(r) })),
    events: moving.map((r) => {
      const from = { establishmentId: r.asset.establishmentId, roomId: r.asset.roomId, uai: r.uai, establishmentName: r.establishmentName, roomName: r.asset.roomId ? (names.get(r.asset.roomId) ?? null) : null };
      return moveEvent(r.asset.id, from, to, input.note);
    }),
  };
}

function planStatus(rows: ScopedAsset[], input: Exclude<BulkAssetsInput, { action: 'move' }>): Plan {
  const target: AssetStatus = input.action === 'set-status' ? input.status : input.action === 'lend' ? 'lent' : 'in-service';
  const refuse = (test: (status: AssetStatus) => boolean, message: (n: number) => string) => {
    const refused = rows.filter((r) => !test(r.asset.status as AssetStatus)).map((r) => r.asset.id);
    if (refused.length) throw new AppError('VALIDATION', message(refused.length), { details: { ids: refused } });
  };
  if (input.action === 'lend') {
    refuse((s) => lendable.has(s), (n) => `${n} équipement(s) ne peuvent pas être prêtés (réformés, perdus, en réparation ou déjà prêtés) : aucun n’a été modifié.`);
  }
  if (input.action === 'return') refuse((s) => s === 'lent', (n) => `${n} équipement(s) ne sont pas prêtés : aucun n’a été modifié.`);
  const changing = rows.filter((r) => r.asset.status !== target);
  return {
    set: { status: target },
    changes: changing.map((r) => ({
      asset: r.asset,
      audit: {
        tenantId: r.asset.tenantId,
        action: `bulk-${input.action}`,
        entityType: 'asset',
        entityId: r.asset.id,
        before: { status: r.asset.status },
        after: { status: target, ...(input.note ? { note: input.note } : {}) },
      },
    })),
    events: changing.map((r) => statusEvent(r.asset.id, r.asset.status, target, input.note)),
  };
}
