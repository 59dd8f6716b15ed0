import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../../server/platform/audit.js';
import type { Ctx } from '../../../../server/platform/context.js';
import { notFound } from '../../../../server/platform/errors.js';
import { governanceActor } from '../access.js';
import { bodies, meetings } from '../db/schema.js';
import { createMeetingInput, type CreateMeetingInput } from './meeting.input.js';

export async function createMeeting(ctx: Ctx, raw: CreateMeetingInput) {
  const actor = governanceActor(ctx, 'governance.manage');
  const input = createMeetingInput.parse(raw);
  const tenantId = actor.tenantId;
  const [body] = await ctx.db.select({ id: bodies.id }).from(bodies).where(and(eq(bodies.tenantId, tenantId), eq(bodies.id, input.bodyId)));
  if (!body) throw notFound('Instance');
  return ctx.db.transaction(async (tx) => {
    const [meeting] = await tx.insert(meetings).values({ ...input, tenantId }).returning();
    await recordAudit(ctx, tx, [{ tenantId, action: 'create', entityType: 'governance-meeting', entityId: meeting.id, after: input }]);
    return meeting;
  });
}
