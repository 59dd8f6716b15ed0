import { asc, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../../../server/platform/context.js';
import { governanceActor } from '../access.js';
import { organizationNames } from '../names.js';
import { bodies, bodyMembers, meetings } from '../db/schema.js';

/** The bodies with their members (and the organization each sits for) and their meetings, latest first. */
export async function findBodies(ctx: Ctx) {
  const actor = governanceActor(ctx, 'governance.read');
  const tenantId = actor.tenantId;
  const [list, members, meetingRows, orgs] = await Promise.all([
    ctx.db.select().from(bodies).where(eq(bodies.tenantId, tenantId)).orderBy(asc(bodies.createdAt), asc(bodies.name)),
    ctx.db.select().from(bodyMembers).where(eq(bodyMembers.tenantId, tenantId)).orderBy(asc(bodyMembers.name)),
    ctx.db
      .select({ id: meetings.id, bodyId: meetings.bodyId, heldOn: meetings.heldOn, place: meetings.place })
      .from(meetings)
      .where(eq(meetings.tenantId, tenantId))
      .orderBy(sql`${meetings.heldOn} desc`),
    organizationNames(ctx, tenantId),
  ]);
  const orgName = orgs;
  return list.map((b) => ({
    id: b.id,
    kind: b.kind,
    name: b.name,
    cadence: b.cadence,
    unanimity: b.unanimity,
    version: b.version,
    members: members
      .filter((m) => m.bodyId === b.id)
      .map((m) => ({ id: m.id, name: m.name, title: m.title, organizationId: m.organizationId, organizationName: orgName.get(m.organizationId) ?? '—', version: m.version })),
    meetings: meetingRows.filter((m) => m.bodyId === b.id).map((m) => ({ id: m.id, heldOn: m.heldOn, place: m.place })),
  }));
}
