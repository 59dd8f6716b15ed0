import { and, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../../../server/platform/audit.js';
import { authorize, can } from '../../../../server/platform/authz.js';
import type { Ctx } from '../../../../server/platform/context.js';
import { AppError, forbidden, versionConflict } from '../../../../server/platform/errors.js';
import { lots } from '../../db/schema.js';
import { purchaseOrders } from '../db/schema.js';
import { actsFor, orderInScope, organizationsOf } from '../order-access.js';
import { canMove } from '../states.js';
import { changeStatusInput, orderStatusLabels, type OrderStatus } from './order.input.js';
import { consumptionChanged } from './find-consumption.js';

export { changeStatusInput };

/** The member's people (or the coordinator) sign, send, cancel and mark paid; an impossible move is 409. */
export async function changeOrderStatus(ctx: Ctx, input: { id: string; status: 'signed' | 'sent' | 'cancelled' | 'paid'; version: number }) {
  authorize(ctx.actor, input.status === 'paid' ? 'budget.manage' : 'order.place');
  const order = await orderInScope(ctx, input.id);
  if (input.status !== 'paid' && !can(ctx.actor, 'budget.manage') && !(await actsFor(ctx, order.memberOrganizationId))) {
    throw forbidden('Seul le membre qui a passé cette commande peut la faire avancer.');
  }
  const from = order.status as OrderStatus;
  if (!canMove(from, input.status)) {
    throw new AppError('CONFLICT', `Une commande « ${orderStatusLabels[from]} » ne peut pas passer à « ${orderStatusLabels[input.status]} ».`);
  }
  const tenantId = ctx.actor.tenantId;
  const changed = await ctx.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(purchaseOrders)
      .set({ status: input.status, updatedAt: ctx.now(), version: sql`${purchaseOrders.version} + 1` })
      .where(and(eq(purchaseOrders.tenantId, tenantId), eq(purchaseOrders.id, input.id), eq(purchaseOrders.version, input.version), eq(purchaseOrders.status, from)))
      .returning();
    if (!updated) throw versionConflict();
    await recordAudit(ctx, tx, [{ tenantId, action: 'update', entityType: 'purchase_order', entityId: input.id, before: { status: from }, after: { status: input.status } }]);
    return updated;
  });
  consumptionChanged(ctx);
  return changed;
}

/** The holder acknowledges an order sent to it (once). */
export async function acknowledgeOrder(ctx: Ctx, input: { id: string }) {
  authorize(ctx.actor, 'order.fulfil');
  const order = await holderOrder(ctx, input.id);
  if (order.acknowledgedAt) throw new AppError('CONFLICT', 'Cette commande a déjà été accusée de réception.');
  const tenantId = ctx.actor!.tenantId;
  return ctx.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(purchaseOrders)
      .set({ acknowledgedAt: ctx.now(), updatedAt: ctx.now(), version: sql`${purchaseOrders.version} + 1` })
      .where(and(eq(purchaseOrders.tenantId, tenantId), eq(purchaseOrders.id, input.id), sql`${purchaseOrders.acknowledgedAt} is null`))
      .returning();
    if (!updated) throw new AppError('CONFLICT', 'Cette commande a déjà été accusée de réception.');
    await recordAudit(ctx, tx, [{ tenantId, action: 'update', entityType: 'purchase_order', entityId: input.id, after: { acknowledgedAt: updated.acknowledgedAt } }]);
    return updated;
  });
}

/** An order the actor may fulfil: sent to a lot its organization holds (the authority's admin too). */
export async function holderOrder(ctx: Ctx, id: string) {
  const order = await orderInScope(ctx, id);
  if (ctx.actor!.assignments.some((a) => a.role === 'authority-admin')) return order;
  const [lot] = await ctx.db.select({ holder: lots.holderOrganizationId }).from(lots).where(and(eq(lots.tenantId, order.tenantId), eq(lots.id, order.lotId)));
  if (!lot?.holder || !organizationsOf(ctx.actor!, 'order.fulfil').includes(lot.holder)) throw forbidden('Seul le titulaire du lot enregistre ses livraisons.');
  return order;
}
