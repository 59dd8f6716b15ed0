import { and, asc, eq } from 'drizzle-orm';
import { authorize, type Action } from '../../server/platform/authz.js';
import type { Ctx } from '../../server/platform/context.js';
import { forbidden, notFound } from '../../server/platform/errors.js';
import { assignmentsFor, groupScopeWhere, marchesScope } from './contract-access.js';
import { groupMembers, purchasingGroups } from './db/schema.js';

export type GroupRow = typeof purchasingGroups.$inferSelect;

export async function loadGroup(ctx: Ctx, id: string, action: Action = 'group.read'): Promise<GroupRow> {
  authorize(ctx.actor, action);
  const [group] = await ctx.db.select().from(purchasingGroups).where(and(eq(purchasingGroups.id, id), groupScopeWhere(ctx.actor.tenantId, marchesScope(ctx.actor, 'group.read'))));
  if (!group) throw notFound('Groupement de commandes');
  return group;
}

export async function memberIds(ctx: Ctx, group: GroupRow): Promise<string[]> {
  const rows = await ctx.db.select({ id: groupMembers.organizationId }).from(groupMembers).where(and(eq(groupMembers.tenantId, group.tenantId), eq(groupMembers.groupId, group.id))).orderBy(asc(groupMembers.admittedOn));
  return rows.map((r) => r.id);
}

/** The coordinator (or the tenant's own staff) manages the group. */
export function requireCoordinator(ctx: Ctx, group: GroupRow): void {
  const ok = assignmentsFor(ctx.actor!, 'group.manage').some((a) => a.organizationId === ctx.actor!.tenantId || a.organizationId === group.coordinatorOrganizationId);
  if (!ok) throw forbidden('Seul le coordonnateur du groupement peut le faire.');
}

/**
 * The member organization a user votes for: one of its `group.vote` assignments held for a member.
 * A user acting for several members names the one (`organizationId`); a non-member is refused.
 */
export function voterOrganization(ctx: Ctx, members: readonly string[], organizationId?: string): string {
  const mine = [...new Set(assignmentsFor(ctx.actor!, 'group.vote').map((a) => a.organizationId))].filter((id) => members.includes(id));
  if (!mine.length) throw forbidden("Seuls les membres du groupement votent : votre organisation n'en fait pas partie.");
  if (organizationId) {
    if (!mine.includes(organizationId)) throw forbidden("Vous ne votez pas pour cette organisation.");
    return organizationId;
  }
  if (mine.length > 1) throw forbidden('Vous représentez plusieurs membres : indiquez pour lequel vous votez.');
  return mine[0];
}
