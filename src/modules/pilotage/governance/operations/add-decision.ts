import { recordAudit } from '../../../../server/platform/audit.js';
import type { Ctx } from '../../../../server/platform/context.js';
import { governanceActor } from '../access.js';
import { decisions } from '../db/schema.js';
import { loadMeeting } from '../meeting-store.js';
import { decisionInput } from './meeting.input.js';

/** A decision put to the vote at a meeting. */
export async function addDecision(ctx: Ctx, meetingId: string, raw: { title: string }) {
  const actor = governanceActor(ctx, 'governance.manage');
  const input = decisionInput.parse(raw);
  const tenantId = actor.tenantId;
  await loadMeeting(ctx, tenantId, meetingId);
  return ctx.db.transaction(async (tx) => {
    const [decision] = await tx.insert(decisions).values({ tenantId, meetingId, title: input.title, status: 'open', createdAt: ctx.now() }).returning();
    await recordAudit(ctx, tx, [{ tenantId, action: 'create', entityType: 'governance-decision', entityId: decision.id, after: input }]);
    return decision;
  });
}
