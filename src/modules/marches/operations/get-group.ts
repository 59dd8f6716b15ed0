import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { authorize } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { groupScopeWhere, marchesScope } from '../contract-access.js';
import { organizationNames } from '../contract-store.js';
import { decisionVotes, groupDecisions, groupMembers, purchasingGroups } from '../db/schema.js';
import { loadGroup, type GroupRow } from '../group-store.js';

export async function findGroups(ctx: Ctx): Promise<(GroupRow & { coordinatorName: string })[]> {
  authorize(ctx.actor, 'group.read');
  const rows = await ctx.db.select().from(purchasingGroups).where(groupScopeWhere(ctx.actor.tenantId, marchesScope(ctx.actor, 'group.read'))).orderBy(asc(purchasingGroups.name));
  const names = await organizationNames(ctx.db, rows.map((g) => g.coordinatorOrganizationId));
  return rows.map((g) => ({ ...g, coordinatorName: names.get(g.coordinatorOrganizationId) ?? '' }));
}

export async function getGroup(ctx: Ctx, id: string) {
  const group = await loadGroup(ctx, id);
  const t = group.tenantId;
  const members = await ctx.db.select().from(groupMembers).where(and(eq(groupMembers.tenantId, t), eq(groupMembers.groupId, group.id))).orderBy(asc(groupMembers.admittedOn), asc(groupMembers.createdAt));
  const decisions = await ctx.db.select().from(groupDecisions).where(and(eq(groupDecisions.tenantId, t), eq(groupDecisions.groupId, group.id))).orderBy(desc(groupDecisions.proposedAt));
  const votes = decisions.length ? await ctx.db.select().from(decisionVotes).where(and(eq(decisionVotes.tenantId, t), inArray(decisionVotes.decisionId, decisions.map((d) => d.id)))).orderBy(asc(decisionVotes.votedAt)) : [];
  const names = await organizationNames(ctx.db, [group.coordinatorOrganizationId, ...members.map((m) => m.organizationId), ...decisions.flatMap((d) => (d.admit ? [d.admit.organizationId] : []))]);
  return { group, members, decisions, votes, names };
}
