import { sql } from 'drizzle-orm';
import type { Ctx } from '../../../server/platform/context.js';
import { rows } from '../../../server/platform/db.js';
import { tickets } from '../db/schema.js';
import { findTickets, ticketWhere, type FindTicketsInput } from './find-tickets.js';

/**
 * What a person's home page shows of the desk, in one request: a school its own open tickets, a
 * technician (or a contractor) their queue with its breaches first, the people who run the desk
 * its backlog and what is late. Every figure is counted over the actor's ticket scope.
 */
export type HomeFocus = 'school' | 'queue' | 'desk';

const deskRoles = new Set(['authority-admin', 'steering', 'auditor', 'academy-staff']);
const queueRoles = new Set(['technician', 'contractor']);

export function homeFocus(roles: string[]): HomeFocus {
  if (roles.some((r) => deskRoles.has(r))) return 'desk';
  if (roles.some((r) => queueRoles.has(r))) return 'queue';
  return 'school';
}

/** Which tickets lead the page: the school's latest news, the queue's most urgent, the desk's late ones. */
const firstTickets: Record<HomeFocus, Partial<FindTicketsInput>> = {
  school: { status: 'open', sort: 'updatedAt', order: 'desc' },
  queue: { status: 'open', sort: 'dueToResolve', order: 'asc' },
  desk: { status: 'open', breached: 'true', sort: 'dueToResolve', order: 'asc' },
};

export const homeTicketCount = 5;

export async function getDeskHome(ctx: Ctx) {
  const scope = await ticketWhere(ctx, {});
  const actor = ctx.actor!;
  const focus = homeFocus(actor.assignments.map((a) => a.role));
  const now = ctx.now();
  const open = sql`${tickets.status} not in ('solved', 'closed')`;
  const late = sql`(coalesce(${tickets.dueToOwn} <= ${now}, false) or coalesce(${tickets.dueToResolve} <= ${now}, false))`;
  const me = actor.kind === 'user' ? actor.id : null;
  const since = new Date(now.getTime() - 30 * 86_400_000);
  const [counts] = await rows<Record<'open' | 'late' | 'unowned' | 'assignedToMe' | 'requestedByMe' | 'solvedLast30Days', number>>(
    ctx.db,
    sql`select count(*) filter (where ${open})::int as "open",
               count(*) filter (where ${open} and ${late})::int as "late",
               count(*) filter (where ${tickets.status} = 'new')::int as "unowned",
               count(*) filter (where ${open} and ${tickets.assignedUserId} = ${me}::uuid)::int as "assignedToMe",
               count(*) filter (where ${open} and ${tickets.requesterUserId} = ${me}::uuid)::int as "requestedByMe",
               count(*) filter (where ${tickets.solvedAt} >= ${since})::int as "solvedLast30Days"
          from ${tickets} where ${scope}`,
  );
  const first = await findTickets(ctx, { ...firstTickets[focus], page: 1, pageSize: homeTicketCount } as FindTicketsInput);
  return { focus, counts, first, now };
}
