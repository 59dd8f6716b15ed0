import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../../server/platform/context.js';
import { notFound } from '../../../server/platform/errors.js';
import { bodies, bodyMembers, decisions, meetings } from './db/schema.js';

/** A meeting of the tenant with its body, or 404 (an id of another tenant is unknown here). */
export async function loadMeeting(ctx: Ctx, tenantId: string, meetingId: string) {
  const [found] = await ctx.db
    .select({ meeting: meetings, body: bodies })
    .from(meetings)
    .innerJoin(bodies, and(eq(bodies.tenantId, meetings.tenantId), eq(bodies.id, meetings.bodyId)))
    .where(and(eq(meetings.tenantId, tenantId), eq(meetings.id, meetingId)));
  if (!found) throw notFound('Réunion');
  return found;
}

export async function loadDecision(ctx: Ctx, tenantId: string, decisionId: string) {
  const [found] = await ctx.db.select().from(decisions).where(and(eq(decisions.tenantId, tenantId), eq(decisions.id, decisionId)));
  if (!found) throw notFound('Décision');
  return { decision: found, ...(await loadMeeting(ctx, tenantId, found.meetingId)) };
}

export async function membersOf(ctx: Ctx, tenantId: string, bodyId: string) {
  return ctx.db.select().from(bodyMembers).where(and(eq(bodyMembers.tenantId, tenantId), eq(bodyMembers.bodyId, bodyId)));
}
