import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { AuditEntry } from '../../../server/platform/audit.js';
import { authorize } from '../../../server/platform/authz.js';
import type { AuthedCtx, Ctx } from '../../../server/platform/context.js';
import type { Db } from '../../../server/platform/db.js';
import { AppError } from '../../../server/platform/errors.js';
import { assetStatuses, type AssetStatus } from '../asset-classes.js';
import { assets } from '../db/schema.js';
import { placementLock } from '../ingest/asset-fields.js';
import { maxBulkAssets, type BulkAssetsInput } from './bulk-update-assets.input.js';
import { moveEvent, recordAuditSet, statusEvent, writePersonEvents, type PersonEvent } from './asset-history.js';
import { assetsForUpdate, resolvePlacement, roomNames, type ScopedAsset } from './asset-scope.js';

export { bulkAssetsInput, maxBulkAssets } from './bulk-update-assets.input.js';

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
  return ctx.db.transaction(async (tx) => {
    // a cart is lent and given back with what it holds
    const wanted = input.action === 'lend' || input.action === 'return' ? await withCartContents(tx, actx.actor.tenantId, input.ids) : [...new Set(input.ids)];
    const rows = await assetsForUpdate(actx, tx, wanted);
    const plan =
      input.action === 'move'
        ? await planMove(actx, tx, rows, input)
        : input.action === 'put-in-cart'
          ? await planPutInCart(actx, tx, rows, input)
          : input.action === 'take-out-of-cart'
            ? planTakeOutOfCart(rows, input)
            : planStatus(rows, input, actx.now());
    if (plan.changes.length === 0) return { changed: 0, unchanged: rows.length };
    const changedIds = plan.changes.map((c) => c.asset.id);
    await tx
      .update(assets)
      .set({ ...plan.set, anonymousAgent: null, version: sql`${assets.version} + 1`, updatedAt: ctx.now() })
      .where(and(eq(assets.tenantId, actx.actor.tenantId), inArray(assets.id, changedIds)));
    await writePersonEvents(actx, tx, plan.events);
    await recordAuditSet(actx, tx, plan.changes.map((c) => c.audit));
    return { changed: plan.changes.length, unchanged: rows.length - plan.changes.length };
  });
}

interface Plan {
  /** The columns set on every changed device; the locks by an expression (each device keeps its own). */
  set: Omit<Partial<typeof assets.$inferInsert>, 'lockedFields'> & { lockedFields?: SQL };
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
    // moved by a person: the place is locked against the agent's tag (sorted, as mergeLocks keeps it)
    set: {
      establishmentId: to.establishmentId,
      roomId: to.roomId,
      lockedFields: sql`array(select distinct f from unnest(array_append(${assets.lockedFields}, ${placementLock}::text)) as l(f) order by f)`,
    },
    changes: moving.map((r) => ({ asset: r.asset, audit: audit(r) })),
    events: moving.map((r) => {
      const from = { establishmentId: r.asset.establishmentId, roomId: r.asset.roomId, uai: r.uai, establishmentName: r.establishmentName, roomName: r.asset.roomId ? (names.get(r.asset.roomId) ?? null) : null };
      return moveEvent(r.asset.id, from, to, input.note);
    }),
  };
}

type StatusInput = Extract<BulkAssetsInput, { action: 'set-status' | 'lend' | 'return' }>;

function planStatus(rows: ScopedAsset[], input: StatusInput, now: Date): Plan {
  const target: AssetStatus = input.action === 'set-status' ? input.status : input.action === 'lend' ? 'lent' : 'in-service';
  const refuse = (test: (status: AssetStatus) => boolean, message: (n: number) => string) => {
    const refused = rows.filter((r) => !test(r.asset.status as AssetStatus)).map((r) => r.asset.id);
    if (refused.length) throw new AppError('VALIDATION', message(refused.length), { details: { ids: refused } });
  };
  if (input.action === 'lend') {
    if (input.until < isoDay(now)) throw new AppError('VALIDATION', 'La date de retour est déjà passée.', { issues: [{ path: 'until', message: 'La date de retour est déjà passée.' }] });
    refuse((s) => lendable.has(s), (n) => `${n} équipement(s) ne peuvent pas être prêtés (réformés, perdus, en réparation ou déjà prêtés) : aucun n’a été modifié.`);
  }
  if (input.action === 'return') refuse((s) => s === 'lent', (n) => `${n} équipement(s) ne sont pas prêtés : aucun n’a été modifié.`);
  const changing = rows.filter((r) => r.asset.status !== target);
  const loan = input.action === 'lend' ? { loanBorrower: input.borrower, loanDue: input.until } : { loanBorrower: null, loanDue: null };
  const note = input.action === 'lend' ? [`à ${input.borrower} jusqu’au ${frenchDay(input.until)}`, input.note].filter(Boolean).join(' — ') : input.note;
  return {
    set: { status: target, ...(input.action === 'set-status' ? {} : loan) },
    changes: changing.map((r) => ({
      asset: r.asset,
      audit: {
        tenantId: r.asset.tenantId,
        action: `bulk-${input.action}`,
        entityType: 'asset',
        entityId: r.asset.id,
        before: { status: r.asset.status },
        after: { status: target, ...(input.action === 'lend' ? { borrower: input.borrower, until: input.until } : {}), ...(input.note ? { note: input.note } : {}) },
      },
    })),
    events: changing.map((r) => statusEvent(r.asset.id, r.asset.status, target, note)),
  };
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const frenchDay = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** The ids, and the devices held by those of them that are mobile carts. */
async function withCartContents(tx: Db, tenantId: string, ids: string[]): Promise<string[]> {
  const held = await tx
    .select({ id: assets.id })
    .from(assets)
    .where(and(eq(assets.tenantId, tenantId), inArray(assets.parentAssetId, ids)));
  return [...new Set([...ids, ...held.map((h) => h.id)])];
}

const cartAudit = (r: ScopedAsset, action: string, before: string | null, after: string | null): AuditEntry => ({
  tenantId: r.asset.tenantId,
  action,
  entityType: 'asset',
  entityId: r.asset.id,
  before: { parentAssetId: before },
  after: { parentAssetId: after },
});

/** The cart must be a mobile cart the actor may change; the devices join it where it stands. */
async function planPutInCart(ctx: AuthedCtx, tx: Db, rows: ScopedAsset[], input: Extract<BulkAssetsInput, { action: 'put-in-cart' }>): Promise<Plan> {
  const refuse = (message: string) => new AppError('VALIDATION', message, { issues: [{ path: 'cartId', message }] });
  if (rows.some((r) => r.asset.id === input.cartId)) throw refuse('Une classe mobile ne peut pas se contenir elle-même.');
  const [cart] = await assetsForUpdate(ctx, tx, [input.cartId]);
  if (cart.asset.assetClass !== 'mobile-cart') throw refuse('L’équipement choisi n’est pas une classe mobile.');
  const carts = rows.filter((r) => r.asset.assetClass === 'mobile-cart').length;
  if (carts) throw refuse(`${carts} des équipements choisis sont des classes mobiles : une classe mobile ne se range pas dans une autre.`);
  const cartName = cart.asset.name ?? cart.asset.serial ?? 'sans nom';
  const entering = rows.filter((r) => r.asset.parentAssetId !== cart.asset.id || r.asset.establishmentId !== cart.asset.establishmentId || r.asset.roomId !== cart.asset.roomId);
  return {
    set: { parentAssetId: cart.asset.id, establishmentId: cart.asset.establishmentId, roomId: cart.asset.roomId },
    changes: entering.map((r) => ({ asset: r.asset, audit: cartAudit(r, 'bulk-put-in-cart', r.asset.parentAssetId, cart.asset.id) })),
    events: entering.map((r) => ({
      assetId: r.asset.id,
      kind: 'move',
      summary: [`Rangé dans la classe mobile « ${cartName} »`, input.note].filter(Boolean).join(' — '),
      details: { cart: { before: r.asset.parentAssetId, after: cart.asset.id }, to: { establishmentId: cart.asset.establishmentId, roomId: cart.asset.roomId } },
    })),
  };
}

function planTakeOutOfCart(rows: ScopedAsset[], input: Extract<BulkAssetsInput, { action: 'take-out-of-cart' }>): Plan {
  const leaving = rows.filter((r) => r.asset.parentAssetId !== null);
  return {
    set: { parentAssetId: null },
    changes: leaving.map((r) => ({ asset: r.asset, audit: cartAudit(r, 'bulk-take-out-of-cart', r.asset.parentAssetId, null) })),
    events: leaving.map((r) => ({
      assetId: r.asset.id,
      kind: 'move',
      summary: ['Sorti de sa classe mobile', input.note].filter(Boolean).join(' — '),
      details: { cart: { before: r.asset.parentAssetId, after: null } },
    })),
  };
}
