import { and, asc, desc, eq, ilike, inArray, isNull, sql, type Placeholder, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { authorize, type Action, type Actor } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { tickets, type TicketRow } from '../db/schema.js';
import { loadDeskConfig } from '../desk-config.js';
import { runTemplate, statementTemplate } from '../../../server/platform/prepared.js';
import { ticketScope, ticketScopeWhere, type TicketScope } from '../ticket-access.js';
import { openStatuses, ticketStatuses, ticketTypes } from '../vocabulary.js';

const statusWord = `(open|${ticketStatuses.join('|')})`;
const statusList = new RegExp(`^${statusWord}(,${statusWord})*$`);

export const sortableTicketColumns = ['openedAt', 'priority', 'dueToResolve', 'dueToOwn', 'number', 'updatedAt'] as const;

export const ticketFilters = z.object({
  status: z
    .string()
    .regex(statusList, `Statuts séparés par des virgules parmi : open, ${ticketStatuses.join(', ')}.`)
    .optional()
    .describe('« open » = tout ce qui n’est ni résolu ni clos'),
  teamId: z.union([z.uuid(), z.literal('none')]).optional().describe('« none » = sans équipe'),
  uai: z.string().trim().max(20).optional(),
  category: z.string().trim().max(63).optional(),
  priority: z.coerce.number().int().min(1).max(6).optional(),
  type: z.enum(ticketTypes).optional(),
  level: z.coerce.number().int().min(0).max(3).optional().describe('Niveau de support (0 sur site … 3 prestataire)'),
  breached: z.enum(['true', 'false']).optional().describe('Un délai (prise en charge ou résolution) est ou a été dépassé'),
  problem: z.enum(['true', 'false']).optional().describe('Pannes répétées signalées comme problème'),
  mine: z.enum(['requested', 'assigned']).optional(),
  majorId: z.uuid().optional().describe('Les tickets rattachés à cet incident majeur'),
  search: z.string().trim().max(200).optional().describe('Numéro ou mots du titre'),
  sort: z.enum(sortableTicketColumns).default('openedAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type TicketFilters = z.infer<typeof ticketFilters>;

export const findTicketsInput = ticketFilters.extend({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
});
export type FindTicketsInput = z.infer<typeof findTicketsInput>;

/** The actor's scope first, then what the person asked for; all in SQL. */
export async function ticketWhere(ctx: Ctx, filters: Omit<TicketFilters, 'sort' | 'order'>, action: Action = 'ticket.read'): Promise<SQL> {
  authorize(ctx.actor, action);
  const scope = await ticketScope(ctx.db, ctx.actor, 'ticket.read');
  return ticketConditions(ctx.actor, scope, filters, ctx.now());
}

/**
 * The conditions of a scope and filters. `now` (for « breached ») is an instant, or a drizzle
 * placeholder when the statement is built once and run many times (findTickets' template).
 */
function ticketConditions(actor: Actor, scope: TicketScope, filters: Omit<TicketFilters, 'sort' | 'order'>, now: Date | Placeholder): SQL {
  const tenantId = actor.tenantId;
  const conditions: (SQL | undefined)[] = [eq(tickets.tenantId, tenantId), ticketScopeWhere(scope, tenantId)];
  if (filters.status) {
    const asked = filters.status.split(',');
    // "open" alone is written as the backlog index's own predicate, so PostgreSQL needs no recheck
    if (asked.every((s) => s === 'open')) conditions.push(sql`${tickets.status} not in ('solved', 'closed')`);
    else conditions.push(inArray(tickets.status, [...new Set(asked.flatMap((s) => (s === 'open' ? [...openStatuses] : [s])))]));
  }
  if (filters.teamId === 'none') conditions.push(isNull(tickets.assignedTeamId));
  else if (filters.teamId) conditions.push(eq(tickets.assignedTeamId, filters.teamId));
  if (filters.uai) {
    conditions.push(
      sql`${tickets.establishmentId} = (select e.id from referentiel.establishments_view e where e.tenant_id = ${tenantId} and e.uai = ${filters.uai.toUpperCase()})`,
    );
  }
  if (filters.category) conditions.push(eq(tickets.category, filters.category));
  if (filters.priority) conditions.push(eq(tickets.priority, filters.priority));
  if (filters.type) conditions.push(eq(tickets.type, filters.type));
  if (filters.level !== undefined) conditions.push(eq(tickets.level, filters.level));
  const breached = sql`(coalesce(${tickets.dueToOwn} <= ${now}, false) or coalesce(${tickets.dueToResolve} <= ${now}, false))`;
  if (filters.breached === 'true') conditions.push(breached);
  if (filters.breached === 'false') conditions.push(sql`not ${breached}`);
  if (filters.problem) conditions.push(eq(tickets.problemFlag, filters.problem === 'true'));
  if (filters.mine === 'requested') conditions.push(actor.kind === 'user' ? eq(tickets.requesterUserId, actor.id) : sql`false`);
  if (filters.mine === 'assigned') conditions.push(actor.kind === 'user' ? eq(tickets.assignedUserId, actor.id) : sql`false`);
  if (filters.majorId) conditions.push(eq(tickets.parentId, filters.majorId));
  if (filters.search) {
    const text = filters.search.replace(/^#/, '');
    if (/^\d{1,15}$/.test(text)) conditions.push(eq(tickets.number, Number(text)));
    else conditions.push(ilike(tickets.title, `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  }
  return and(...conditions)!;
}

export function ticketOrder(filters: Pick<TicketFilters, 'sort' | 'order'>): SQL[] {
  const column = tickets[filters.sort];
  const nulls = filters.order === 'asc' ? sql`asc nulls last` : sql`desc nulls last`;
  return [sql`${column} ${nulls}`, filters.sort === 'number' ? asc(tickets.id) : desc(tickets.number)];
}

/** The columns a list shows: never the description (up to 20,000 characters) nor the solution. */
export const listColumns = {
  tenantId: tickets.tenantId,
  id: tickets.id,
  number: tickets.number,
  type: tickets.type,
  title: tickets.title,
  status: tickets.status,
  priority: tickets.priority,
  urgency: tickets.urgency,
  impact: tickets.impact,
  category: tickets.category,
  establishmentId: tickets.establishmentId,
  channel: tickets.channel,
  level: tickets.level,
  assignedTeamId: tickets.assignedTeamId,
  assignedUserId: tickets.assignedUserId,
  requesterName: tickets.requesterName,
  openedAt: tickets.openedAt,
  updatedAt: tickets.updatedAt,
  problemFlag: tickets.problemFlag,
  parentId: tickets.parentId,
  dueToOwn: tickets.dueToOwn,
  dueToResolve: tickets.dueToResolve,
  version: tickets.version,
};
export type TicketListFields = Pick<TicketRow, keyof typeof listColumns>;

const listColumnEntries = Object.entries(listColumns) as [keyof typeof listColumns, PgColumn][];
/** Column names of the schema, aliased: identifiers fixed at load time, no data. */
const listSelectText = listColumnEntries.map(([key, column]) => `"guichet"."tickets"."${column.name}" as "${key}"`).join(', ');
const listSelect = sql.raw(listSelectText);

/** The instants of a list line as the statement gives them: PostgreSQL's text (see instants.ts), or a Date. */
type ListInstant = 'openedAt' | 'updatedAt' | 'dueToOwn' | 'dueToResolve';
export type ListedTicketFields = Omit<TicketListFields, ListInstant> & {
  openedAt: Date | string;
  updatedAt: Date | string;
  dueToOwn: Date | string | null;
  dueToResolve: Date | string | null;
};

export interface ListedTicket {
  ticket: ListedTicketFields;
  uai: string;
  establishmentName: string;
}

/**
 * One page and the total in one statement (one round trip, one plan): the count of the matching
 * tickets, joined to the page. The page's order is applied inside (where the backlog index
 * serves it and the scan stops after the page) and again outside, on its 25 rows, since a join
 * keeps no order. On a PostgreSQL server the statement is prepared (see prepared.ts): the same
 * filters of the same person are parsed and planned once per connection.
 *
 * The statement is built and rendered by drizzle once per scope and filters (a template: a
 * technician browsing his team's first pages sends the same few), « now » its only value filled
 * per request; rendering it each time was more of the request's CPU than presenting its 25 rows.
 * Instants come back as text and go to the response without a Date each.
 */
export async function findTickets(ctx: Ctx, input: FindTicketsInput) {
  authorize(ctx.actor, 'ticket.read');
  const actor = ctx.actor;
  const scope = await ticketScope(ctx.db, actor, 'ticket.read');
  // everything the text and its values depend on: the person (« mine »), the scope, the filters, the page
  const key = JSON.stringify([actor.tenantId, actor.kind, actor.id, scope, input]);
  const template = statementTemplate('guichet_page', key, () => listStatement(ticketConditions(actor, scope, input, sql.placeholder('now')), input));
  const [found, config] = await Promise.all([
    runTemplate<Record<string, unknown> & { total: number | string }>(ctx.db, template, { now: ctx.now() }, { instants: 'text' }),
    loadDeskConfig(ctx, actor.tenantId),
  ]);
  const total = Number(found[0]?.total ?? 0);
  const items: ListedTicket[] = found.filter((r) => r.id !== null).map(listedTicket);
  return { items, total, config };
}

function listStatement(where: SQL, input: FindTicketsInput): SQL {
  const order = sql.join(ticketOrder(input), sql`, `);
  const nulls = input.order === 'asc' ? sql`asc nulls last` : sql`desc nulls last`;
  const tiebreak = input.sort === 'number' ? sql`page."id" asc` : sql`page."number" desc`;
  return sql`
    select matching.total, page.*
      from (select count(*)::int as total from guichet.tickets where ${where}) matching
      left join lateral (
        select ${listSelect}, e.uai as "uai", e.name as "establishmentName"
          from guichet.tickets
          join referentiel.establishments_view e on e.tenant_id = "guichet"."tickets"."tenant_id" and e.id = "guichet"."tickets"."establishment_id"
         where ${where}
         order by ${order}
         limit ${input.pageSize} offset ${(input.page - 1) * input.pageSize}
      ) page on true
     order by page.${sql.identifier(input.sort)} ${nulls}, ${tiebreak}`;
}

/** The ticket number (a bigint) as drizzle maps it; instants stay as the driver gives them (presenters take both). */
const numberColumn = listColumns.number;

/** A row of the statement as the presenter takes it. */
function listedTicket(r: Record<string, unknown>): ListedTicket {
  const { uai, establishmentName, total: _total, ...ticket } = r;
  if (ticket.number !== null) ticket.number = numberColumn.mapFromDriverValue(ticket.number as string | number);
  return { ticket: ticket as unknown as ListedTicketFields, uai: uai as string, establishmentName: establishmentName as string };
}
