import { and, eq } from 'drizzle-orm';
import { authorize, type Action } from '../../../server/platform/authz.js';
import type { AuthedCtx, Ctx } from '../../../server/platform/context.js';
import type { Db } from '../../../server/platform/db.js';
import { instructorGroupMembers, instructorGroups } from '../db/schema.js';

/**
 * Personal data (income, tax notice, identity) is the campaign's instructors' only: an
 * administrator of the authority, or a member of one of the campaign's instructor groups.
 * Anyone else holding the action learns nothing: the file does not exist for them (404).
 */
export async function isCampaignInstructor(ctx: AuthedCtx, db: Db, campaignId: string): Promise<boolean> {
  if (ctx.actor.assignments.some((a) => a.role === 'authority-admin')) return true;
  const [member] = await db
    .select({ groupId: instructorGroupMembers.groupId })
    .from(instructorGroupMembers)
    .innerJoin(instructorGroups, and(eq(instructorGroups.tenantId, instructorGroupMembers.tenantId), eq(instructorGroups.id, instructorGroupMembers.groupId)))
    .where(and(eq(instructorGroupMembers.tenantId, ctx.actor.tenantId), eq(instructorGroupMembers.userId, ctx.actor.id), eq(instructorGroups.campaignId, campaignId)))
    .limit(1);
  return !!member;
}

export function authed(ctx: Ctx, action: Action): AuthedCtx {
  authorize(ctx.actor, action);
  return { ...ctx, actor: ctx.actor };
}
