import { and, asc, desc, eq, exists, sql } from 'drizzle-orm';
import type { Ctx } from '../../../../server/platform/context.js';
import { establishmentsView as establishments, organizationsView } from '../../../referentiel/index.js';
import { lots } from '../../db/schema.js';
import { deliveries, invoices, orderLines, purchaseOrders } from '../db/schema.js';
import { orderInScope, orderReadWhere } from '../order-access.js';
import { findOrdersInput, type FindOrdersInput } from './order.input.js';

export { findOrdersInput };

export function ordersWhere(ctx: Ctx, input: Omit<FindOrdersInput, 'page' | 'pageSize'>) {
  return and(
    orderReadWhere(ctx),
    input.status ? eq(purchaseOrders.status, input.status) : undefined,
    input.lotId ? eq(purchaseOrders.lotId, input.lotId) : undefined,
    input.contractId ? eq(purchaseOrders.contractId, input.contractId) : undefined,
    input.memberOrganizationId ? eq(purchaseOrders.memberOrganizationId, input.memberOrganizationId) : undefined,
    input.budgetLineId ? eq(purchaseOrders.budgetLineId, input.budgetLineId) : undefined,
    input.uai ? forSchool(ctx, input.uai) : undefined,
  );
}

/** An order with at least one line for the school (an order may serve several sites). */
const forSchool = (ctx: Ctx, uai: string) =>
  exists(
    ctx.db
      .select({ one: sql`1` })
      .from(orderLines)
      .innerJoin(establishments, and(eq(establishments.tenantId, orderLines.tenantId), eq(establishments.id, orderLines.establishmentId)))
      .where(and(eq(orderLines.tenantId, purchaseOrders.tenantId), eq(orderLines.orderId, purchaseOrders.id), eq(establishments.uai, uai))),
  );

export const orderListColumns = {
  order: purchaseOrders,
  memberName: organizationsView.name,
  lotNumber: lots.number,
  lotTitle: lots.title,
  holderName: lots.holderName,
};

/** Orders the actor reads, latest first. */
export async function findOrders(ctx: Ctx, input: FindOrdersInput) {
  const where = ordersWhere(ctx, input);
  const base = () =>
    ctx.db
      .select(orderListColumns)
      .from(purchaseOrders)
      .innerJoin(organizationsView, eq(organizationsView.tenantId, purchaseOrders.memberOrganizationId))
      .innerJoin(lots, and(eq(lots.tenantId, purchaseOrders.tenantId), eq(lots.id, purchaseOrders.lotId)));
  const [items, [{ total }]] = await Promise.all([
    base().where(where).orderBy(desc(purchaseOrders.createdAt), desc(purchaseOrders.id)).limit(input.pageSize).offset((input.page - 1) * input.pageSize),
    ctx.db.select({ total: sql<number>`count(*)`.mapWith(Number) }).from(purchaseOrders).where(where),
  ]);
  return { items, total };
}

/** One order with its lines (site by UAI), deliveries and invoices. */
export async function getOrder(ctx: Ctx, input: { id: string }) {
  const order = await orderInScope(ctx, input.id);
  const tenantId = order.tenantId;
  const [head] = await ctx.db
    .select(orderListColumns)
    .from(purchaseOrders)
    .innerJoin(organizationsView, eq(organizationsView.tenantId, purchaseOrders.memberOrganizationId))
    .innerJoin(lots, and(eq(lots.tenantId, purchaseOrders.tenantId), eq(lots.id, purchaseOrders.lotId)))
    .where(and(eq(purchaseOrders.tenantId, tenantId), eq(purchaseOrders.id, order.id)));
  const [lines, delivered, invoiced] = await Promise.all([
    ctx.db
      .select({ line: orderLines, uai: establishments.uai, establishmentName: establishments.name })
      .from(orderLines)
      .innerJoin(establishments, and(eq(establishments.tenantId, orderLines.tenantId), eq(establishments.id, orderLines.establishmentId)))
      .where(and(eq(orderLines.tenantId, tenantId), eq(orderLines.orderId, order.id)))
      .orderBy(asc(orderLines.lineNo)),
    ctx.db.select().from(deliveries).where(and(eq(deliveries.tenantId, tenantId), eq(deliveries.orderId, order.id))).orderBy(asc(deliveries.deliveredAt)),
    ctx.db.select().from(invoices).where(and(eq(invoices.tenantId, tenantId), eq(invoices.orderId, order.id))).orderBy(asc(invoices.invoiceDate)),
  ]);
  return { ...head, lines, deliveries: delivered, invoices: invoiced };
}
