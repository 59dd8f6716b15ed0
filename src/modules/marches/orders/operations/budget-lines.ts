import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import { recordAudit } from '../../../../server/platform/audit.js';
import { authorize } from '../../../../server/platform/authz.js';
import type { Ctx } from '../../../../server/platform/context.js';
import { isDatabaseError } from '../../../../server/platform/database-errors.js';
import { AppError, notFound } from '../../../../server/platform/errors.js';
import { organizationsView } from '../../../referentiel/index.js';
import { groupMembers } from '../../db/schema.js';
import { budgetLines, invoices, orderDelegations, purchaseOrders } from '../db/schema.js';
import { organizationsOf, seesWholeGroup } from '../order-access.js';
import { budgetLineInput, delegationInput } from './order.input.js';

export { budgetLineInput, delegationInput };

export async function createBudgetLine(ctx: Ctx, input: typeof budgetLineInput._output) {
  authorize(ctx.actor, 'budget.manage');
  const tenantId = ctx.actor.tenantId;
  // a member of one of the tenant's purchasing groups, or the authority itself
  const [member] = await ctx.db
    .select({ id: groupMembers.organizationId })
    .from(groupMembers)
    .where(and(eq(groupMembers.tenantId, tenantId), eq(groupMembers.organizationId, input.memberOrganizationId)))
    .limit(1);
  if (!member && input.memberOrganizationId !== tenantId) throw notFound('Membre du groupement');
  try {
    return await ctx.db.transaction(async (tx) => {
      const [line] = await tx.insert(budgetLines).values({ tenantId, ...input }).returning();
      await recordAudit(ctx, tx, [{ tenantId, action: 'create', entityType: 'budget_line', entityId: line.id, after: input }]);
      return line;
    });
  } catch (error) {
    if (isDatabaseError(error, '23505')) throw new AppError('CONFLICT', `Ce membre a déjà une ligne « ${input.label} » pour ${input.year}.`);
    throw error;
  }
}

/** A member lets another organization order for it; an unknown organization is « not found », nothing written. */
export async function createDelegation(ctx: Ctx, input: typeof delegationInput._output) {
  authorize(ctx.actor, 'budget.manage');
  const tenantId = ctx.actor.tenantId;
  const ids = [input.memberOrganizationId, input.delegateOrganizationId];
  // organizations are identified by their own id (tenant_id of the référentiel's directory)
  const known = await ctx.db.select({ id: organizationsView.tenantId }).from(organizationsView).where(inArray(organizationsView.tenantId, ids));
  if (ids.some((id) => !known.some((o) => o.id === id))) throw notFound('Organisation');
  try {
    await ctx.db.insert(orderDelegations).values({ tenantId, ...input }).onConflictDoNothing();
  } catch (error) {
    if (isDatabaseError(error, '23503')) throw notFound('Organisation');
    throw error;
  }
  return input;
}

/**
 * Budget lines with what is committed (orders not cancelled), invoiced and left, always the sums
 * of the orders and invoices beneath: the coordinator's side sees every member's, a member only its own.
 */
export async function findBudgetLines(ctx: Ctx, input: { year?: number; memberOrganizationId?: string }) {
  authorize(ctx.actor, 'order.read');
  const tenantId = ctx.actor.tenantId;
  const own = seesWholeGroup(ctx.actor) ? null : organizationsOf(ctx.actor, 'order.read');
  const committed = ctx.db
    .select({
      budgetLineId: purchaseOrders.budgetLineId,
      committed: sql<number>`sum(${purchaseOrders.totalExclTaxCents})`.as('committed'),
      orders: sql<number>`count(*)`.as('orders'),
    })
    .from(purchaseOrders)
    .where(and(eq(purchaseOrders.tenantId, tenantId), ne(purchaseOrders.status, 'cancelled')))
    .groupBy(purchaseOrders.budgetLineId)
    .as('committed');
  const invoiced = ctx.db
    .select({ budgetLineId: purchaseOrders.budgetLineId, invoiced: sql<number>`sum(${invoices.totalExclTaxCents})`.as('invoiced') })
    .from(invoices)
    .innerJoin(purchaseOrders, and(eq(purchaseOrders.tenantId, invoices.tenantId), eq(purchaseOrders.id, invoices.orderId)))
    .where(eq(invoices.tenantId, tenantId))
    .groupBy(purchaseOrders.budgetLineId)
    .as('invoiced');
  const rows = await ctx.db
    .select({
      line: budgetLines,
      memberName: organizationsView.name,
      committedCents: sql<number>`coalesce(${committed.committed}, 0)`.mapWith(Number),
      orders: sql<number>`coalesce(${committed.orders}, 0)`.mapWith(Number),
      invoicedCents: sql<number>`coalesce(${invoiced.invoiced}, 0)`.mapWith(Number),
    })
    .from(budgetLines)
    .innerJoin(organizationsView, eq(organizationsView.tenantId, budgetLines.memberOrganizationId))
    .leftJoin(committed, eq(committed.budgetLineId, budgetLines.id))
    .leftJoin(invoiced, eq(invoiced.budgetLineId, budgetLines.id))
    .where(
      and(
        eq(budgetLines.tenantId, tenantId),
        own ? (own.length ? inArray(budgetLines.memberOrganizationId, own) : sql`false`) : undefined,
        input.year ? eq(budgetLines.year, input.year) : undefined,
        input.memberOrganizationId ? eq(budgetLines.memberOrganizationId, input.memberOrganizationId) : undefined,
      ),
    )
    .orderBy(asc(organizationsView.name), asc(budgetLines.year), asc(budgetLines.label));
  return rows.map((r) => ({ ...r, remainingCents: r.line.ceilingCents - r.committedCents }));
}
