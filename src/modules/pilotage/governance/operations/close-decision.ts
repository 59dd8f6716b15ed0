import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../../server/platform/audit.js';
import type { Ctx } from '../../../../server/platform/context.js';
import { AppError } from '../../../../server/platform/errors.js';
import { governanceActor } from '../access.js';
import { decisions, votes } from '../db/schema.js';
import { loadDecision } from '../meeting-store.js';
import { decisionOutcome, type Choice } from '../rules.js';

/** Closes the vote: adopted or rejected by the body's rule (unanimity or majority of those present). */
export async function closeDecision(ctx: Ctx, decisionId: string) {
  const actor = governanceActor(ctx, 'governance.manage');
  const tenantId = actor.tenantId;
  const { decision, meeting, body } = await loadDecision(ctx, tenantId, decisionId);
  if (decision.status !== 'open') throw new AppError('CONFLICT', 'Le vote de cette décision est déjà clos.');
  const cast = await ctx.db.select().from(votes).where(and(eq(votes.tenantId, tenantId), eq(votes.decisionId, decisionId)));
  const status = decisionOutcome(meeting.attendance, cast.map((v) => ({ memberId: v.memberId, choice: v.choice as Choice })), body.unanimity);
  return ctx.db.transaction(async (tx) => {
    const [closed] = await tx
      .update(decisions)
      .set({ status, closedAt: ctx.now() })
      .where(and(eq(decisions.tenantId, tenantId), eq(decisions.id, decisionId), eq(decisions.status, 'open')))
      .returning();
    if (!closed) throw new AppError('CONFLICT', 'Le vote de cette décision est déjà clos.');
    await recordAudit(ctx, tx, [{ tenantId, action: 'close', entityType: 'governance-decision', entityId: decisionId, after: { status } }]);
    return closed;
  });
}
