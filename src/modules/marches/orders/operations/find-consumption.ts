import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { authorize } from '../../../../server/platform/authz.js';
import { defineCache } from '../../../../server/platform/cache.js';
import type { Ctx } from '../../../../server/platform/context.js';
import type { Db } from '../../../../server/platform/db.js';
import { organizationsView } from '../../../referentiel/index.js';
import { contracts, lots } from '../../db/schema.js';
import { orderTotals } from '../db/schema.js';
import { organizationsOf, seesWholeGroup } from '../order-access.js';

export const consumptionInput = z.object({ contractId: z.uuid().optional(), lotId: z.uuid().optional() });
type ConsumptionInput = z.infer<typeof consumptionInput>;

export type ConsumptionRow = Awaited<ReturnType<typeof computeConsumption>>[number];

/**
 * The whole group's consumption per tenant and filter: the coordinator's page and every member's
 * read it at once, and it changes only when an order is created or changes state or a lot's
 * ceiling is amended (those writes invalidate it; the lifetime bounds a lost notification). The
 * figure underneath is cheap without it (computeConsumption reads the running totals): the bench
 * measures both.
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
 * `cached: false` computes it afresh (the server's COHERENCE_MARCHES_CONSUMPTION_CACHE=off).
 */
export async function findConsumption(ctx: Ctx, input: ConsumptionInput, options: { cached?: boolean } = {}) {
  authorize(ctx.actor, 'order.read');
  const tenantId = ctx.actor.tenantId;
  const own = seesWholeGroup(ctx.actor) ? null : organizationsOf(ctx.actor, 'order.read');
  const key = `${tenantId}|${input.contractId ?? ''}|${input.lotId ?? ''}`;
  const rows = options.cached === false ? await computeConsumption(ctx, tenantId, input) : await ctx.cache.of(consumptionCache).remember(key, () => computeConsumption(ctx, tenantId, input));
  return own ? rows.filter((r) => own.includes(r.memberOrganizationId)) : rows;
}

/**
 * The group's rows from the running totals (one row per lot and member that ordered, kept by a
 * trigger on the orders), with each lot's remaining amount over every member's rows of that lot.
 */
export async function computeConsumption(ctx: Ctx, tenantId: string, input: ConsumptionInput) {
  const rows = await consumptionQuery(ctx, tenantId, input);
  const usedOf = new Map<string, number>();
  for (const r of rows) usedOf.set(r.lotId, (usedOf.get(r.lotId) ?? 0) + r.committedCents + r.consumedCents);
  return rows.map((r) => ({ ...r, lotRemainingCents: r.maxAmountCents === null ? null : r.maxAmountCents - (usedOf.get(r.lotId) ?? 0) }));
}

/** The one query behind computeConsumption (the bench reads its plan), a named prepared statement per database handle. */
export function consumptionQuery(ctx: Ctx, tenantId: string, input: ConsumptionInput) {
  return consumptionStatement(ctx.db).execute({ tenantId, contractId: input.contractId ?? null, lotId: input.lotId ?? null });
}

/** Its SQL and parameters, for EXPLAIN. */
export function consumptionSql(ctx: Ctx, tenantId: string, input: ConsumptionInput) {
  return { ...consumptionSelect(ctx.db).toSQL(), params: [tenantId, input.contractId ?? null, input.contractId ?? null, input.lotId ?? null, input.lotId ?? null] };
}

const statements = new WeakMap<Db, ReturnType<typeof prepare>>();
const prepare = (db: Db) => consumptionSelect(db).prepare('marches_consumption');
function consumptionStatement(db: Db) {
  let statement = statements.get(db);
  if (!statement) statements.set(db, (statement = prepare(db)));
  return statement;
}

// one statement for every filter (an absent one is null), so the server plans it once per connection
function consumptionSelect(db: Db) {
  const contractId = sql`${sql.placeholder('contractId')}::uuid`;
  const lotId = sql`${sql.placeholder('lotId')}::uuid`;
  return db
    .select({
      contractId: orderTotals.contractId,
      contractReference: contracts.reference,
      lotId: orderTotals.lotId,
      lotNumber: lots.number,
      lotTitle: lots.title,
      maxAmountCents: lots.maxAmountCents,
      memberOrganizationId: orderTotals.memberOrganizationId,
      memberName: organizationsView.name,
      orders: orderTotals.orders,
      committedCents: orderTotals.committedCents,
      consumedCents: orderTotals.consumedCents,
    })
    .from(orderTotals)
    .innerJoin(lots, and(eq(lots.tenantId, orderTotals.tenantId), eq(lots.id, orderTotals.lotId)))
    .innerJoin(contracts, and(eq(contracts.tenantId, orderTotals.tenantId), eq(contracts.id, orderTotals.contractId)))
    .innerJoin(organizationsView, eq(organizationsView.tenantId, orderTotals.memberOrganizationId))
    .where(
      and(
        eq(orderTotals.tenantId, sql.placeholder('tenantId')),
        sql`${orderTotals.orders} > 0`,
        sql`(${contractId} is null or ${orderTotals.contractId} = ${contractId})`,
        sql`(${lotId} is null or ${orderTotals.lotId} = ${lotId})`,
      ),
    )
    .orderBy(asc(contracts.reference), asc(lots.number), asc(organizationsView.name));
}
