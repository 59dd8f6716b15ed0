import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AuthedCtx, Ctx } from '../../../server/platform/context.js';
import { establishmentsView as establishments } from '../../referentiel/index.js';
import { attachments, followups, tasks, ticketAssets, ticketEvents, tickets } from '../db/schema.js';
import { ticketClock } from '../sla-view.js';
import { seesPrivate, ticketScope, ticketScopeWhere } from '../ticket-access.js';
import { accessRow, loadTicket, type LoadedTicket } from '../ticket-store.js';
import type { CreatedTicket } from './create-ticket.js';

export const ticketIdParams = z.object({ id: z.uuid() });

const maxChildren = 500;

/** One ticket with everything the actor may see of it: private follow-ups and tasks only for the desk. */
export async function getTicket(ctx: Ctx, input: { id: string }) {
  const loaded = await loadTicket(ctx, input.id);
  return ticketDetail(ctx, loaded);
}

export type TicketDetail = Awaited<ReturnType<typeof ticketDetail>>;

export async function ticketDetail(ctx: Ctx, loaded: LoadedTicket & { ctx?: AuthedCtx }) {
  const { ticket, config, scope } = loaded;
  const actor = ctx.actor!;
  const tenantId = ticket.tenantId;
  const internal = seesPrivate(actor);
  const byTicket = (table: typeof ticketEvents | typeof followups | typeof tasks | typeof attachments | typeof ticketAssets) =>
    and(eq(table.tenantId, tenantId), eq(table.ticketId, ticket.id));
  const [events, followupRows, taskRows, attachmentRows, assetRows, children, parent] = await Promise.all([
    ctx.db.select().from(ticketEvents).where(byTicket(ticketEvents)).orderBy(asc(ticketEvents.at), asc(ticketEvents.id)),
    ctx.db
      .select()
      .from(followups)
      .where(internal ? byTicket(followups) : and(byTicket(followups), eq(followups.isPrivate, false)))
      .orderBy(asc(followups.at)),
    internal ? ctx.db.select().from(tasks).where(byTicket(tasks)).orderBy(asc(tasks.at)) : Promise.resolve([]),
    ctx.db
      .select()
      .from(attachments)
      .where(internal ? byTicket(attachments) : and(byTicket(attachments), eq(attachments.isPrivate, false)))
      .orderBy(asc(attachments.at)),
    ctx.db.select().from(ticketAssets).where(byTicket(ticketAssets)).orderBy(asc(ticketAssets.assetLabel)),
    ctx.db
      .select({ id: tickets.id, number: tickets.number, title: tickets.title, status: tickets.status, uai: establishments.uai, establishmentName: establishments.name })
      .from(tickets)
      .innerJoin(establishments, and(eq(establishments.tenantId, tickets.tenantId), eq(establishments.id, tickets.establishmentId)))
      .where(and(eq(tickets.tenantId, tenantId), eq(tickets.parentId, ticket.id), ticketScopeWhere(scope, tenantId)))
      .orderBy(desc(tickets.number))
      .limit(maxChildren),
    ticket.parentId
      ? ctx.db
          .select({ id: tickets.id, number: tickets.number, title: tickets.title, status: tickets.status })
          .from(tickets)
          .where(and(eq(tickets.tenantId, tenantId), eq(tickets.id, ticket.parentId), ticketScopeWhere(scope, tenantId)))
          .then((r) => r[0] ?? null)
      : Promise.resolve(null),
  ]);
  const [{ childCount }] = await ctx.db
    .select({ childCount: sql<number>`count(*)::int` })
    .from(tickets)
    .where(and(eq(tickets.tenantId, tenantId), eq(tickets.parentId, ticket.id), ticketScopeWhere(scope, tenantId)));
  const clock = ticketClock(config, ticket, events, ctx.now());
  return {
    ...loaded,
    clock,
    events,
    followups: followupRows,
    tasks: taskRows,
    attachments: attachmentRows,
    assets: assetRows,
    children,
    childCount,
    parent,
  };
}

/** The detail of a ticket just created, from what the creation returned: no read back. */
export async function createdTicketDetail(ctx: Ctx, created: CreatedTicket): Promise<TicketDetail> {
  const { ticket, school, config } = created;
  const scope = await ticketScope(ctx.db, ctx.actor!, 'ticket.read');
  return {
    ticket,
    school: { uai: school.uai, name: school.name, unitId: school.unitId, academyCode: school.academyCode },
    access: accessRow(ticket, school.unitId),
    scope,
    config,
    ctx: ctx as AuthedCtx,
    clock: created.clock,
    events: [created.event],
    followups: [],
    tasks: [],
    attachments: [],
    assets: created.assets,
    children: [],
    childCount: 0,
    parent: null,
  };
}
