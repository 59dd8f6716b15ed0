import { recordAudit } from '../../../../server/platform/audit.js';
import type { Ctx } from '../../../../server/platform/context.js';
import { AppError } from '../../../../server/platform/errors.js';
import { governanceActor, invalid } from '../access.js';
import { votes } from '../db/schema.js';
import { loadDecision, membersOf } from '../meeting-store.js';
import { voteInput, type VoteInput } from './meeting.input.js';

/**
 * Records a member's vote on an open decision (the secretary writes what each member said). Only
 * a member of the body, present at the meeting, votes; a second vote replaces the first.
 */
export async function castVote(ctx: Ctx, decisionId: string, raw: VoteInput) {
  const actor = governanceActor(ctx, 'governance.manage');
  const input = voteInput.parse(raw);
  const tenantId = actor.tenantId;
  const { decision, meeting, body } = await loadDecision(ctx, tenantId, decisionId);
  if (decision.status !== 'open') throw new AppError('CONFLICT', 'Le vote de cette décision est clos.');
  const member = (await membersOf(ctx, tenantId, body.id)).find((m) => m.id === input.memberId);
  if (!member) throw invalid('memberId', `Cette personne n'est pas membre de l'instance « ${body.name} » : son vote est refusé.`);
  if (!meeting.attendance.includes(member.id)) throw invalid('memberId', `${member.name} n'est pas noté(e) présent(e) à cette réunion : son vote est refusé.`);
  return ctx.db.transaction(async (tx) => {
    const [vote] = await tx
      .insert(votes)
      .values({ tenantId, decisionId, memberId: member.id, choice: input.choice })
      .onConflictDoUpdate({ target: [votes.tenantId, votes.decisionId, votes.memberId], set: { choice: input.choice } })
      .returning();
    await recordAudit(ctx, tx, [{ tenantId, action: 'vote', entityType: 'governance-decision', entityId: decisionId, after: input }]);
    return vote;
  });
}
