import { and, eq, exists, inArray, or, sql, type SQL } from 'drizzle-orm';
import { authorize, can, establishmentScope, type Action, type Actor } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { notFound } from '../../../server/platform/errors.js';
import { establishmentsView as establishments, establishmentScopeWhere } from '../../referentiel/index.js';
import { lots } from '../db/schema.js';
import { orderDelegations, orderLines, purchaseOrders } from './db/schema.js';

/** Roles that read every member's orders and budgets: the coordinator's side and the auditor. */
const wholeGroupRoles = new Set(['authority-admin', 'buyer', 'steering', 'auditor']);

/** The organizations the actor acts for with an action (a member's people act for their member). */
export function organizationsOf(actor: Actor, action: Action): string[] {
  if (!can(actor, action)) return [];
  return [...new Set(actor.assignments.filter((a) => can({ ...actor, assignments: [a] }, action)).map((a) => a.organizationId))];
}

export function seesWholeGroup(actor: Actor): boolean {
  return can(actor, 'order.read') && actor.assignments.some((a) => wholeGroupRoles.has(a.role));
}

/** States the holder sees: once the order was sent to it. */
export const sentStates = ['sent', 'partly-delivered', 'delivered', 'invoiced', 'paid'];

/**
 * The orders an actor reads: every one for the coordinator's side and the auditor; its own
 * organization's (and those it was delegated); those sent to the holder it works for; those with a
 * line at a school it reaches (a school's staff, a technician).
 */
export function orderReadWhere(ctx: Ctx): SQL {
  authorize(ctx.actor, 'order.read');
  const actor = ctx.actor;
  const tenant = eq(purchaseOrders.tenantId, actor.tenantId);
  if (seesWholeGroup(actor)) return tenant;
  const orgs = organizationsOf(actor, 'order.read');
  const roles = new Set(actor.assignments.map((a) => a.role));
  const parts: SQL[] = [];
  if (roles.has('academy-staff') && orgs.length) {
    parts.push(inArray(purchaseOrders.memberOrganizationId, orgs));
    // and the orders of the members that delegated theirs to its organization
    parts.push(
      exists(
        ctx.db
          .select({ one: sql`1` })
          .from(orderDelegations)
          .where(and(eq(orderDelegations.tenantId, purchaseOrders.tenantId), eq(orderDelegations.memberOrganizationId, purchaseOrders.memberOrganizationId), inArray(orderDelegations.delegateOrganizationId, orgs))),
      ),
    );
  }
  if (roles.has('contractor')) {
    parts.push(
      and(
        inArray(purchaseOrders.status, sentStates),
        orgs.length ? exists(ctx.db.select({ one: sql`1` }).from(lots).where(and(eq(lots.tenantId, purchaseOrders.tenantId), eq(lots.id, purchaseOrders.lotId), inArray(lots.holderOrganizationId, orgs)))) : sql`false`,
      )!,
    );
  }
  if (roles.has('establishment-staff') || roles.has('technician')) {
    parts.push(
      exists(
        ctx.db
          .select({ one: sql`1` })
          .from(orderLines)
          .innerJoin(establishments, and(eq(establishments.tenantId, orderLines.tenantId), eq(establishments.id, orderLines.establishmentId)))
          .where(and(eq(orderLines.tenantId, purchaseOrders.tenantId), eq(orderLines.orderId, purchaseOrders.id), establishmentScopeWhere(establishmentScope(actor, 'order.read')))),
      ),
    );
  }
  return and(tenant, parts.length ? or(...parts) : sql`false`)!;
}

/** One order the actor reads; elsewhere: not found. */
export async function orderInScope(ctx: Ctx, id: string) {
  const where = orderReadWhere(ctx);
  const [order] = await ctx.db.select().from(purchaseOrders).where(and(where, eq(purchaseOrders.id, id)));
  if (!order) throw notFound('Bon de commande');
  return order;
}


/** Whether the actor places orders for this member: its own organization, or one that delegated it. */
export async function actsFor(ctx: Ctx, member: string): Promise<boolean> {
  const own = organizationsOf(ctx.actor!, 'order.place');
  if (own.includes(member)) return true;
  if (own.length === 0) return false;
  const [row] = await ctx.db
    .select({ one: orderDelegations.memberOrganizationId })
    .from(orderDelegations)
    .where(and(eq(orderDelegations.tenantId, ctx.actor!.tenantId), eq(orderDelegations.memberOrganizationId, member), inArray(orderDelegations.delegateOrganizationId, own)));
  return Boolean(row);
}
