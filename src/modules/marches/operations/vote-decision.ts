import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../../../server/platform/audit.js';
import type { Ctx } from '../../../server/platform/context.js';
import { AppError, notFound } from '../../../server/platform/errors.js';
import { requireVersion } from '../contract-store.js';
import { decisionVotes, groupDecisions, groupMembers } from '../db/schema.js';
import { loadGroup, memberIds, voterOrganization } from '../group-store.js';
import { tally, type Vote } from '../rules/votes.js';
import type { voteInput } from './group-input.js';
import { notifyDecisionClosed } from '../notify.js';

/**
 * A member's vote, once, for its organization: the decision is adopted when the last member
 * approves, rejected at the first vote against. The decision row is locked, so two last votes
 * arriving together close it once. Adopting an admission adds the member.
 */
export async function voteDecision(ctx: Ctx, groupId: string, decisionId: string, input: z.infer<typeof voteInput>): Promise<typeof groupDecisions.$inferSelect> {
  const group = await loadGroup(ctx, groupId, 'group.vote');
  const members = await memberIds(ctx, group);
  const organizationId = voterOrganization(ctx, members, input.organizationId);
  const t = group.tenantId;
  return ctx.db.transaction(async (tx) => {
    const [decision] = await tx.select().from(groupDecisions).where(and(eq(groupDecisions.tenantId, t), eq(groupDecisions.id, decisionId), eq(groupDecisions.groupId, group.id))).for('update');
    if (!decision) throw notFound('Décision');
    requireVersion(decision, input.version);
    if (decision.status !== 'proposed') throw new AppError('CONFLICT', `Cette décision est déjà ${decision.status === 'adopted' ? 'adoptée' : 'rejetée'} : le vote est clos.`);
    const [already] = await tx.select().from(decisionVotes).where(and(eq(decisionVotes.tenantId, t), eq(decisionVotes.decisionId, decision.id), eq(decisionVotes.organizationId, organizationId)));
    if (already) throw new AppError('CONFLICT', 'Votre organisation a déjà voté sur cette décision.');
    const at = ctx.now();
    await tx.insert(decisionVotes).values({ tenantId: t, decisionId: decision.id, organizationId, vote: input.vote, votedBy: ctx.actor!.id, votedAt: at });
    const votes = await tx.select({ organizationId: decisionVotes.organizationId, vote: decisionVotes.vote }).from(decisionVotes).where(and(eq(decisionVotes.tenantId, t), eq(decisionVotes.decisionId, decision.id)));
    const status = tally(members, votes as { organizationId: string; vote: Vote }[]);
    const [updated] = await tx
      .update(groupDecisions)
      .set({ status, closedAt: status === 'proposed' ? null : at, version: sql`${groupDecisions.version} + 1` })
      .where(and(eq(groupDecisions.tenantId, t), eq(groupDecisions.id, decision.id)))
      .returning();
    if (status === 'adopted' && decision.kind === 'admit-member' && decision.admit) {
      await tx.insert(groupMembers).values({ ...decision.admit, tenantId: t, groupId: group.id, admittedOn: at.toISOString().slice(0, 10) }).onConflictDoNothing();
    }
    if (status !== 'proposed') await notifyDecisionClosed(tx, { group, decision: updated, at });
    await recordAudit(ctx, tx, [{ tenantId: t, action: 'decision.vote', entityType: 'group-decision', entityId: decision.id, after: { organizationId, vote: input.vote, status } }]);
    return updated;
  });
}
