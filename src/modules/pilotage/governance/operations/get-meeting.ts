import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../../../server/platform/context.js';
import { governanceActor } from '../access.js';
import { dataPacks, decisions, followUps, votes } from '../db/schema.js';
import { loadMeeting, membersOf } from '../meeting-store.js';
import { organizationNames } from '../names.js';
import { presentFollowUp } from './follow-ups.js';

/** A meeting with its agenda, attendance, decisions and votes, actions and issued data packs. */
export async function getMeeting(ctx: Ctx, meetingId: string) {
  const actor = governanceActor(ctx, 'governance.read');
  const tenantId = actor.tenantId;
  const { meeting, body } = await loadMeeting(ctx, tenantId, meetingId);
  const [members, decisionRows, actionRows, packs, names] = await Promise.all([
    membersOf(ctx, tenantId, body.id),
    ctx.db.select().from(decisions).where(and(eq(decisions.tenantId, tenantId), eq(decisions.meetingId, meetingId))).orderBy(asc(decisions.createdAt), asc(decisions.id)),
    ctx.db.select().from(followUps).where(and(eq(followUps.tenantId, tenantId), eq(followUps.meetingId, meetingId))).orderBy(asc(followUps.dueOn)),
    ctx.db
      .select({ version: dataPacks.version, issuedAt: dataPacks.issuedAt, issuedBy: dataPacks.issuedBy, sha256: dataPacks.sha256 })
      .from(dataPacks)
      .where(and(eq(dataPacks.tenantId, tenantId), eq(dataPacks.meetingId, meetingId)))
      .orderBy(desc(dataPacks.version)),
    organizationNames(ctx, tenantId),
  ]);
  const voteRows = decisionRows.length
    ? await ctx.db.select().from(votes).where(and(eq(votes.tenantId, tenantId), inArray(votes.decisionId, decisionRows.map((d) => d.id))))
    : [];
  const memberName = new Map(members.map((m) => [m.id, m.name]));
  return {
    id: meeting.id,
    version: meeting.version,
    heldOn: meeting.heldOn,
    place: meeting.place,
    agenda: meeting.agenda,
    minutes: meeting.minutes,
    body: { id: body.id, kind: body.kind, name: body.name, unanimity: body.unanimity },
    members: members.map((m) => ({
      id: m.id,
      name: m.name,
      title: m.title,
      organizationName: names.get(m.organizationId) ?? '—',
      present: meeting.attendance.includes(m.id),
    })),
    decisions: decisionRows.map((d) => {
      const cast = voteRows.filter((v) => v.decisionId === d.id);
      return {
        id: d.id,
        title: d.title,
        status: d.status,
        votes: cast.map((v) => ({ memberId: v.memberId, memberName: memberName.get(v.memberId) ?? '—', choice: v.choice })),
        tally: { for: cast.filter((v) => v.choice === 'for').length, against: cast.filter((v) => v.choice === 'against').length, abstain: cast.filter((v) => v.choice === 'abstain').length },
      };
    }),
    actions: actionRows.map((f) => presentFollowUp(ctx, { ...f, ownerName: memberName.get(f.ownerMemberId) ?? '—', bodyName: body.name, heldOn: meeting.heldOn })),
    dataPacks: packs.map((p) => ({ ...p, issuedAt: p.issuedAt.toISOString() })),
  };
}
