import { z } from 'zod';
import { can, type Actor } from '../../../server/platform/authz.js';
import type { budgetLines, deliveries, invoices, orderLines, purchaseOrders } from './db/schema.js';
import { orderStatuses } from './operations/order.input.js';
import { organizationsOf } from './order-access.js';
import { canMove } from './states.js';

type Order = typeof purchaseOrders.$inferSelect;
type Head = { order: Order; memberName: string; lotNumber: number; lotTitle: string; holderName: string | null };

export const orderSummarySchema = z.object({
  id: z.string(),
  reference: z.string(),
  status: z.enum(orderStatuses),
  contractId: z.string(),
  lotId: z.string(),
  lotNumber: z.number(),
  lotTitle: z.string(),
  holderName: z.string().nullable(),
  memberOrganizationId: z.string(),
  memberName: z.string(),
  budgetLineId: z.string(),
  orderDate: z.string(),
  totalExclTaxCents: z.number(),
  totalVatCents: z.number(),
  totalInclTaxCents: z.number(),
  totalQuantity: z.number(),
  acknowledgedAt: z.string().nullable(),
  source: z.string(),
  version: z.number(),
  permissions: z.object({ sign: z.boolean(), send: z.boolean(), cancel: z.boolean(), deliver: z.boolean(), invoice: z.boolean() }),
});
export const orderListSchema = z.object({ items: z.array(orderSummarySchema), total: z.number() });

/** The public contract's creation answer carries id, status and totalExclTaxCents (and the rest of the summary). */
export function presentOrder(h: Head, actor: Actor): z.infer<typeof orderSummarySchema> {
  const o = h.order;
  const status = o.status as (typeof orderStatuses)[number];
  const mine = organizationsOf(actor, 'order.place').includes(o.memberOrganizationId) || can(actor, 'budget.manage');
  return {
    id: o.id,
    reference: o.reference,
    status,
    contractId: o.contractId,
    lotId: o.lotId,
    lotNumber: h.lotNumber,
    lotTitle: h.lotTitle,
    holderName: h.holderName,
    memberOrganizationId: o.memberOrganizationId,
    memberName: h.memberName,
    budgetLineId: o.budgetLineId,
    orderDate: o.orderDate,
    totalExclTaxCents: o.totalExclTaxCents,
    totalVatCents: o.totalVatCents,
    totalInclTaxCents: o.totalInclTaxCents,
    totalQuantity: o.totalQuantity,
    acknowledgedAt: o.acknowledgedAt?.toISOString() ?? null,
    source: o.source,
    version: o.version,
    permissions: {
      sign: mine && canMove(status, 'signed'),
      send: mine && canMove(status, 'sent'),
      cancel: mine && canMove(status, 'cancelled'),
      deliver: can(actor, 'order.fulfil') && (status === 'sent' || status === 'partly-delivered'),
      invoice: can(actor, 'budget.manage') && (status === 'delivered' || status === 'invoiced'),
    },
  };
}

export const orderDetailSchema = orderSummarySchema.extend({
  lines: z.array(
    z.object({
      lineNo: z.number(),
      priceItemId: z.string(),
      code: z.string(),
      label: z.string(),
      unitPriceExclTaxCents: z.number(),
      vatRateBp: z.number(),
      quantity: z.number(),
      deliveredQuantity: z.number(),
      uai: z.string(),
      establishmentName: z.string(),
      roomId: z.string().nullable(),
      totalExclTaxCents: z.number(),
    }),
  ),
  deliveries: z.array(z.object({ id: z.string(), deliveredAt: z.string(), source: z.string(), deviceCount: z.number(), recordedBy: z.string() })),
  invoices: z.array(
    z.object({
      id: z.string(),
      number: z.string(),
      invoiceDate: z.string(),
      totalExclTaxCents: z.number(),
      totalInclTaxCents: z.number(),
      discrepancies: z.array(z.object({ lineNo: z.number(), kind: z.string(), expected: z.number().nullable(), invoiced: z.number() })),
    }),
  ),
});

type Detail = Head & {
  lines: { line: typeof orderLines.$inferSelect; uai: string; establishmentName: string }[];
  deliveries: (typeof deliveries.$inferSelect)[];
  invoices: (typeof invoices.$inferSelect)[];
};

export function presentOrderDetail(d: Detail, actor: Actor): z.infer<typeof orderDetailSchema> {
  return {
    ...presentOrder(d, actor),
    lines: d.lines.map(({ line: l, uai, establishmentName }) => ({
      lineNo: l.lineNo,
      priceItemId: l.priceItemId,
      code: l.code,
      label: l.label,
      unitPriceExclTaxCents: l.unitPriceExclTaxCents,
      vatRateBp: l.vatRateBp,
      quantity: l.quantity,
      deliveredQuantity: l.deliveredQuantity,
      uai,
      establishmentName,
      roomId: l.roomId,
      totalExclTaxCents: l.totalExclTaxCents,
    })),
    deliveries: d.deliveries.map((x) => ({ id: x.id, deliveredAt: x.deliveredAt.toISOString(), source: x.source, deviceCount: x.deviceCount, recordedBy: x.recordedBy })),
    invoices: d.invoices.map((i) => ({ id: i.id, number: i.number, invoiceDate: i.invoiceDate, totalExclTaxCents: i.totalExclTaxCents, totalInclTaxCents: i.totalInclTaxCents, discrepancies: i.discrepancies })),
  };
}

export const budgetLineSchema = z.object({
  id: z.string(),
  memberOrganizationId: z.string(),
  memberName: z.string(),
  year: z.number(),
  fundingSource: z.string(),
  label: z.string(),
  ceilingCents: z.number(),
  committedCents: z.number(),
  invoicedCents: z.number(),
  remainingCents: z.number(),
  orders: z.number(),
});

export function presentBudgetLine(r: { line: typeof budgetLines.$inferSelect; memberName: string; committedCents: number; invoicedCents: number; remainingCents: number; orders: number }) {
  const l = r.line;
  return {
    id: l.id,
    memberOrganizationId: l.memberOrganizationId,
    memberName: r.memberName,
    year: l.year,
    fundingSource: l.fundingSource,
    label: l.label,
    ceilingCents: l.ceilingCents,
    committedCents: r.committedCents,
    invoicedCents: r.invoicedCents,
    remainingCents: r.remainingCents,
    orders: r.orders,
  };
}

export const consumptionSchema = z.object({
  items: z.array(
    z.object({
      contractId: z.string(),
      contractReference: z.string(),
      lotId: z.string(),
      lotNumber: z.number(),
      lotTitle: z.string(),
      maxAmountCents: z.number().nullable(),
      lotRemainingCents: z.number().nullable(),
      memberOrganizationId: z.string(),
      memberName: z.string(),
      orders: z.number(),
      committedCents: z.number(),
      consumedCents: z.number(),
    }),
  ),
});
