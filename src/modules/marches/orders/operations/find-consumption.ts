import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { authorize } from '../../../../server/platform/authz.js';
import { defineCache } from '../../../../server/platform/cache.js';
import type { Ctx } from '../../../../server/platform/context.js';
import { organizationsView } from '../../../referentiel/index.js';
import { contracts, lots } from '../../db/schema.js';
import { purchaseOrders } from '../db/schema.js';
import { organizationsOf, seesWholeGroup } from '../order-access.js';

export const consumptionInput = z.object({ contractId: z.uuid().optional(), lotId: z.uuid().optional() });

type ConsumptionRow = Awaited<ReturnType<typeof groupConsumption>>[number];

/**
 * The whole group's consumption per tenant and filter: the coordinator's page and every member's
 * read it at once, and it changes only when an order is created or changes state or a lot's
 * ceiling is amended (those writes invalidate it; the lifetime bounds a lost notification).
 */
export const consumptionCache = defineCache<Promise<ConsumptionRow[]>>('marches-consumption', { max: 2_000, ttlMs: 60_000 });

/** After a write that moves an amount or a ceiling: every filter of every tenant is read again. */
export function consumptionChanged(ctx: Ctx): void {
  ctx.cache.invalidate(consumptionCache);
}

/**
 * Consumption per lot and member: orders, committed (not cancelled, not yet invoiced), consumed
 * (invoiced or paid), and the lot's ceiling and what is left of it. The coordinator's side sees
 * every member; a member only its own rows (the lot's remaining amount is the group's, shown to all).
 */
export async function findConsumption(ctx: Ctx, input: z.infer<typeof consumptionInput>) {
  authorize(ctx.actor, 'order.read');
  const tenantId = ctx.actor.tenantId;
  const own = seesWholeGroup(ctx.actor) ? null : organizationsOf(ctx.actor, 'order.read');
  const key = `${tenantId}|${input.contractId ?? ''}|${input.lotId ?? ''}`;
  const rows = await ctx.cache.of(consumptionCache).remember(key, () => groupConsumption(ctx, tenantId, input));
  return own ? rows.filter((r) => own.includes(r.memberOrganizationId)) : rows;
}

async function groupConsumption(ctx: Ctx, tenantId: string, input: z.infer<typeof consumptionInput>) {
  const scope = and(
    eq(purchaseOrders.tenantId, tenantId),
    sql`${purchaseOrders.status} <> 'cancelled'`,
    input.contractId ? eq(purchaseOrders.contractId, input.contractId) : undefined,
    input.lotId ? eq(purchaseOrders.lotId, input.lotId) : undefined,
  );
  const rows = await ctx.db
    .select({
      contractId: purchaseOrders.contractId,
      contractReference: contracts.reference,
      lotId: purchaseOrders.lotId,
      lotNumber: lots.number,
      lotTitle: lots.title,
      maxAmountCents: lots.maxAmountCents,
      memberOrganizationId: purchaseOrders.memberOrganizationId,
      memberName: organizationsView.name,
      orders: sql<number>`count(*)`.mapWith(Number),
      committedCents: sql<number>`coalesce(sum(${purchaseOrders.totalExclTaxCents}) filter (where ${purchaseOrders.status} not in ('invoiced', 'paid')), 0)`.mapWith(Number),
      consumedCents: sql<number>`coalesce(sum(${purchaseOrders.totalExclTaxCents}) filter (where ${purchaseOrders.status} in ('invoiced', 'paid')), 0)`.mapWith(Number),
    })
    .from(purchaseOrders)
    .innerJoin(lots, and(eq(lots.tenantId, purchaseOrders.tenantId), eq(lots.id, purchaseOrders.lotId)))
    .innerJoin(contracts, and(eq(contracts.tenantId, purchaseOrders.tenantId), eq(contracts.id, purchaseOrders.contractId)))
    .innerJoin(organizationsView, eq(organizationsView.tenantId, purchaseOrders.memberOrganizationId))
    .where(scope)
    .groupBy(purchaseOrders.contractId, contracts.reference, purchaseOrders.lotId, lots.number, lots.title, lots.maxAmountCents, purchaseOrders.memberOrganizationId, organizationsView.name)
    .orderBy(asc(contracts.reference), asc(lots.number), asc(organizationsView.name));
  const lotIds = [...new Set(rows.map((r) => r.lotId))];
  const totals = lotIds.length
    ? await ctx.db
        .select({ lotId: purchaseOrders.lotId, used: sql<number>`coalesce(sum(${purchaseOrders.totalExclTaxCents}), 0)`.mapWith(Number) })
        .from(purchaseOrders)
        .where(and(scope, inArray(purchaseOrders.lotId, lotIds)))
        .groupBy(purchaseOrders.lotId)
    : [];
  const usedOf = new Map(totals.map((t) => [t.lotId, t.used]));
  return rows.map((r) => ({ ...r, lotRemainingCents: r.maxAmountCents === null ? null : r.maxAmountCents - (usedOf.get(r.lotId) ?? 0) }));
}
