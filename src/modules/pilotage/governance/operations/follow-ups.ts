import { and, asc, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../../../../server/platform/audit.js';
import type { Ctx } from '../../../../server/platform/context.js';
import { AppError, notFound } from '../../../../server/platform/errors.js';
import { governanceActor, invalid } from '../access.js';
import { bodies, bodyMembers, followUps, meetings } from '../db/schema.js';
import { loadMeeting, membersOf } from '../meeting-store.js';
import { isOverdue, parisDay } from '../rules.js';
import { followUpInput, type FollowUpInput } from './meeting.input.js';

/** An action decided in a meeting, owned by a member of its body. */
export async function addFollowUp(ctx: Ctx, meetingId: string, raw: FollowUpInput) {
  const actor = governanceActor(ctx, 'governance.manage');
  const input = followUpInput.parse(raw);
  const tenantId = actor.tenantId;
  const { meeting } = await loadMeeting(ctx, tenantId, meetingId);
  if (!(await membersOf(ctx, tenantId, meeting.bodyId)).some((m) => m.id === input.ownerMemberId)) {
    throw invalid('ownerMemberId', "Le porteur d'une action est un membre de l'instance.");
  }
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.insert(followUps).values({ ...input, tenantId, meetingId }).returning();
    await recordAudit(ctx, tx, [{ tenantId, action: 'create', entityType: 'governance-action', entityId: row.id, after: input }]);
    return row;
  });
}

/** Marks an action done today (Paris). */
export async function completeFollowUp(ctx: Ctx, followUpId: string) {
  const actor = governanceActor(ctx, 'governance.manage');
  const tenantId = actor.tenantId;
  const [row] = await ctx.db.select().from(followUps).where(and(eq(followUps.tenantId, tenantId), eq(followUps.id, followUpId)));
  if (!row) throw notFound('Action');
  if (row.doneOn) throw new AppError('CONFLICT', 'Cette action est déjà faite.');
  const done = await ctx.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(followUps)
      .set({ doneOn: parisDay(ctx.now()) })
      .where(and(eq(followUps.tenantId, tenantId), eq(followUps.id, followUpId), isNull(followUps.doneOn)))
      .returning();
    if (!updated) throw new AppError('CONFLICT', 'Cette action est déjà faite.');
    await recordAudit(ctx, tx, [{ tenantId, action: 'complete', entityType: 'governance-action', entityId: followUpId, after: { doneOn: updated.doneOn } }]);
    return updated;
  });
  return (await findFollowUps(ctx)).find((f) => f.id === done.id)!;
}

export function presentFollowUp(ctx: Ctx, f: typeof followUps.$inferSelect & { ownerName: string; bodyName: string; heldOn: string }) {
  return {
    id: f.id,
    meetingId: f.meetingId,
    title: f.title,
    ownerMemberId: f.ownerMemberId,
    ownerName: f.ownerName,
    bodyName: f.bodyName,
    meetingHeldOn: f.heldOn,
    dueOn: f.dueOn,
    doneOn: f.doneOn,
    overdue: isOverdue(f, ctx.now()),
  };
}

/** Every action of the authority's bodies, open ones first by due date: what the project group follows. */
export async function findFollowUps(ctx: Ctx, filter: { open?: boolean } = {}) {
  const actor = governanceActor(ctx, 'governance.read');
  const tenantId = actor.tenantId;
  const list = await ctx.db
    .select({ f: followUps, ownerName: bodyMembers.name, bodyName: bodies.name, heldOn: meetings.heldOn })
    .from(followUps)
    .innerJoin(bodyMembers, and(eq(bodyMembers.tenantId, followUps.tenantId), eq(bodyMembers.id, followUps.ownerMemberId)))
    .innerJoin(meetings, and(eq(meetings.tenantId, followUps.tenantId), eq(meetings.id, followUps.meetingId)))
    .innerJoin(bodies, and(eq(bodies.tenantId, meetings.tenantId), eq(bodies.id, meetings.bodyId)))
    .where(and(eq(followUps.tenantId, tenantId), filter.open ? isNull(followUps.doneOn) : undefined))
    .orderBy(asc(followUps.doneOn), asc(followUps.dueOn));
  return list.map((r) => presentFollowUp(ctx, { ...r.f, ownerName: r.ownerName, bodyName: r.bodyName, heldOn: r.heldOn }));
}
