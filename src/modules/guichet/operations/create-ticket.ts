import { getTableColumns } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { authorize, can, canOnEstablishment } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import type { Db } from '../../../server/platform/db.js';
import { AppError } from '../../../server/platform/errors.js';
import { directoryEntryOfUai } from '../../referentiel/index.js';
import { ticketAssets, ticketEvents, tickets, type TicketAssetRow, type TicketEventRow, type TicketRow } from '../db/schema.js';
import { agreementIdFor, loadDeskConfig, matrixAt, type DeskConfig } from '../desk-config.js';
import { nextTicketNumber } from '../numbering.js';
import { prepared, runPrepared, type Prepared } from '../../../server/platform/prepared.js';
import { uuidv7 } from '../../../server/platform/uuid7.js';
import { routeTicket, type RoutingDecision } from '../routing.js';
import { devicesOfSchool, personInTenant, roomOfSchool, type SchoolRow } from '../school-lookups.js';
import { computePriority, type Level, type SlaClock, versionAt } from '../sla/index.js';
import { dueColumns, ticketClock } from '../sla-view.js';
import { actorFields } from '../ticket-store.js';
import { TRIAGE_KEY, type Channel } from '../vocabulary.js';
import { flagRepeatedFailures } from './flag-repeated-failures.js';
import { createTicketInput, type CreateTicketInput } from './create-ticket.input.js';

const maxBackdatingDays = 30;

export { createTicketInput, type CreateTicketInput };

const invalid = (path: string, message: string) => new AppError('VALIDATION', message, { issues: [{ path, message }] });

export interface CreatedTicket {
  ticket: TicketRow;
  routing: RoutingDecision;
  /** What the new ticket's detail needs without reading it back: its first event and devices. */
  event: TicketEventRow;
  assets: TicketAssetRow[];
  school: SchoolRow;
  config: DeskConfig;
  clock: SlaClock;
}

/** How a ticket came in when the caller is not the HTTP API: the mail intake says "email". */
export interface CreateTicketOrigin {
  channel: 'email';
}

function channelOf(ctx: Ctx & { actor: NonNullable<Ctx['actor']> }, requested: Channel | undefined, origin?: CreateTicketOrigin): Channel {
  if (origin) return origin.channel;
  if (ctx.actor.kind === 'token') return 'api';
  if (requested === 'email' || requested === 'api') throw invalid('channel', 'Les canaux « courriel » et « API » sont réservés à la réception des courriels et aux jetons d’API.');
  if ((requested === 'phone' || requested === 'onsite') && !can(ctx.actor, 'ticket.handle')) {
    throw invalid('channel', 'Seuls le guichet et le niveau 0 saisissent des appels et des interventions sur site.');
  }
  return requested ?? 'web';
}

/** Opens a ticket: the school's scope, routing, priority, agreement and deadlines, in one transaction. */
export async function createTicket(ctx: Ctx, rawInput: CreateTicketInput, origin?: CreateTicketOrigin): Promise<CreatedTicket> {
  authorize(ctx.actor, 'ticket.create');
  const actor = ctx.actor;
  const input = createTicketInput.parse(rawInput);
  const tenantId = actor.tenantId;
  const now = ctx.now();
  const channel = channelOf({ ...ctx, actor }, input.channel, origin);

  const openedAt = input.openedAt ? new Date(input.openedAt) : now;
  if (openedAt.getTime() > now.getTime()) throw invalid('openedAt', "L'heure de l'appel ne peut pas être dans le futur.");
  if (now.getTime() - openedAt.getTime() > maxBackdatingDays * 86_400_000) {
    throw invalid('openedAt', `L'heure de l'appel date de plus de ${maxBackdatingDays} jours : ouvrez le ticket à la date du jour et précisez-la dans la description.`);
  }
  if (input.major && !can(actor, 'ticket.handle')) throw invalid('major', 'Seul le guichet déclare un incident majeur.');

  const school = await schoolOfTicket(ctx, tenantId, input.uai);
  if (!school || !canOnEstablishment(actor, 'ticket.create', school)) {
    throw invalid('uai', `Établissement ${input.uai} inconnu ou hors de votre périmètre.`);
  }
  const config = await loadDeskConfig(ctx, tenantId);
  const category = input.category ?? null;
  if (category !== null && !config.categories.get(category)?.active) throw invalid('category', `Catégorie « ${category} » inconnue.`);

  const [room, devices, requester] = await Promise.all([
    input.roomId ? roomOfSchool(ctx.db, tenantId, school.id, input.roomId) : Promise.resolve(null),
    devicesOfSchool(ctx.db, tenantId, school.id, input.assetIds),
    resolveRequester(ctx, input.requester),
  ]);

  const routing = routeTicket(config, {
    category,
    channel,
    school,
    assets: devices,
    today: parisDate(now),
  });
  const priority = computePriority(matrixAt(config, openedAt), { urgency: input.urgency as Level, impact: input.impact as Level, major: input.major });
  const agreementId = agreementIdFor(config, category);
  if (!config.agreements[agreementId] || !versionAt(config.agreements[agreementId], openedAt.getTime())) {
    throw new AppError('UNPROCESSABLE', `La convention de service « ${agreementId} » n'est pas en vigueur à la date d'ouverture du ticket.`);
  }

  const opening = { at: now, status: 'new', category: category ?? TRIAGE_KEY, priority, agreementId };
  const clock = ticketClock(config, { openedAt, departmentCode: school.departmentCode }, [opening], now);
  const number = await nextTicketNumber(ctx.db, tenantId);
  const who = actorFields(ctx);

  const row: TicketRow = {
    tenantId,
    id: uuidv7(),
    number,
    type: input.type,
    title: input.title,
    description: input.description,
    establishmentId: school.id,
    departmentCode: school.departmentCode,
    roomId: room?.id ?? null,
    roomLabel: room?.name ?? null,
    requesterUserId: requester.userId,
    requesterName: requester.name,
    requesterContact: requester.contact,
    channel,
    category,
    urgency: input.urgency,
    impact: input.impact,
    priority,
    status: 'new',
    responsibleOrgId: routing.responsibleOrgId,
    assignedTeamId: routing.team?.id ?? null,
    assignedOrgId: routing.team?.organizationId ?? null,
    assignedUserId: null,
    level: routing.level,
    agreementId,
    openedAt,
    loggedAt: now,
    updatedAt: now,
    plannedFor: null,
    solvedAt: null,
    closedAt: null,
    parentId: null,
    problemFlag: false,
    schoolVisible: input.schoolVisible,
    solution: null,
    satisfaction: null,
    satisfactionComment: null,
    ...dueColumns(clock),
    createdBy: who.actorLabel,
    version: 1,
  };
  const event = {
    tenantId,
    ticketId: row.id,
    ...opening,
    kind: 'created',
    level: routing.level,
    teamId: routing.team?.id ?? null,
    reason: routing.reason,
    ...who,
    details: { channel, openedAt: openedAt.toISOString(), warranty: routing.warranty },
  };
  const assets = devices.map((d) => ({ tenantId, ticketId: row.id, assetId: d.id, assetLabel: d.label, openedAt, incident: input.type === 'incident' }));
  const created = { ticket: row, routing, assets, school, config, clock };

  if (assets.length === 0) {
    // the common case in one prepared statement (one round trip, atomic): the ticket and its first event
    const insert = insertOpening(row, event);
    const [{ id }] = await runPrepared<{ id: string | number }>(ctx.db, insert.statement, insert.values);
    return { ...created, event: { ...event, id: Number(id) } as TicketEventRow };
  }
  return ctx.db.transaction(async (tx) => {
    await tx.insert(tickets).values(row);
    const [stored] = await tx.insert(ticketEvents).values(event).returning();
    await tx.insert(ticketAssets).values(assets);
    if (input.type === 'incident') {
      row.problemFlag = await flagRepeatedFailures(ctx, tx, { config, ticketId: row.id, assetIds: devices.map((d) => d.id), openedAt });
    }
    return { ...created, event: stored };
  });
}

/**
 * The statements of every creation, prepared once (see prepared.ts): the school by its UAI, and
 * the ticket with its first event. Their columns come from the drizzle tables, in a fixed order,
 * and each value goes through its column's own driver mapping (dates, JSON) as drizzle would.
 */
const selectSchool = prepared(
  'guichet_school_by_uai',
  `select id, uai, name, unit_id as "unitId", academy_code as "academyCode", department_code as "departmentCode" from referentiel.establishments_view where tenant_id = $1 and uai = $2`,
);

/**
 * Schools by UAI from the référentiel's directory (kept in the process's caches, invalidated by the
 * writes to schools: a school moved to another unit is routed by its new unit at once); an unknown
 * UAI is asked again every time, so a school just created is found at once.
 */
async function schoolOfTicket(ctx: Ctx, tenantId: string, uai: string): Promise<SchoolRow | null> {
  const code = uai.trim().toUpperCase();
  const known = await directoryEntryOfUai(ctx, tenantId, code);
  if (known) return known;
  const [found] = await runPrepared<SchoolRow>(ctx.db, selectSchool, [tenantId, code]);
  return found ?? null;
}

type OpeningEvent = Omit<typeof ticketEvents.$inferInsert, 'id'>;
const ticketColumnList = Object.entries(getTableColumns(tickets)) as [keyof TicketRow, PgColumn][];
const eventColumnList = (
  ['tenantId', 'ticketId', 'at', 'status', 'category', 'priority', 'agreementId', 'kind', 'level', 'teamId', 'reason', 'actorType', 'actorId', 'actorLabel', 'details'] as const
).map((key) => [key, getTableColumns(ticketEvents)[key]] as [keyof OpeningEvent, PgColumn]);
const placeholders = (count: number, from: number) => Array.from({ length: count }, (_, i) => `$${from + i + 1}`).join(', ');
const columnNames = (list: [string, PgColumn][]) => list.map(([, column]) => `"${column.name}"`).join(', ');
const driverValue = (column: PgColumn, value: unknown) => (value === null || value === undefined ? null : column.mapToDriverValue(value));

/** By the ticket columns a row sets (always the same ones): the others keep their default, as drizzle would. */
const openingStatements = new Map<string, { statement: Prepared; columns: [keyof TicketRow, PgColumn][] }>();

function insertOpening(row: TicketRow, event: OpeningEvent): { statement: Prepared; values: unknown[] } {
  const columns = ticketColumnList.filter(([key]) => row[key] !== undefined);
  const signature = columns.map(([key]) => key).join(',');
  let found = openingStatements.get(signature);
  if (!found) {
    const statement = prepared(
      `guichet_insert_opening_${openingStatements.size + 1}`,
      `with ticket as (insert into guichet.tickets (${columnNames(columns)}) values (${placeholders(columns.length, 0)}))
       insert into guichet.ticket_events (${columnNames(eventColumnList)}) values (${placeholders(eventColumnList.length, columns.length)}) returning id`,
    );
    openingStatements.set(signature, (found = { statement, columns }));
  }
  const values = [...found.columns.map(([key, column]) => driverValue(column, row[key])), ...eventColumnList.map(([key, column]) => driverValue(column, event[key]))];
  return { statement: found.statement, values };
}

/** Today's date in Paris (YYYY-MM-DD), for warranties: formatted once a minute, not on every ticket. */
const parisDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });
let lastDay = { minute: NaN, date: '' };
function parisDate(at: Date): string {
  const minute = Math.floor(at.getTime() / 60_000);
  if (minute !== lastDay.minute) {
    const parts = Object.fromEntries(parisDay.formatToParts(at).map((p) => [p.type, p.value]));
    lastDay = { minute, date: `${parts.year}-${parts.month}-${parts.day}` };
  }
  return lastDay.date;
}

async function resolveRequester(ctx: Ctx, requested: z.infer<typeof createTicketInput>['requester']) {
  const actor = ctx.actor!;
  const onBehalf = requested && (requested.userId || requested.name);
  if (onBehalf && !can(actor, 'ticket.handle')) {
    throw invalid('requester', 'Vous ne pouvez ouvrir un ticket qu’en votre nom.');
  }
  if (requested?.userId) {
    const person = await personInTenant(ctx.db, actor.tenantId, requested.userId);
    if (!person) throw invalid('requester.userId', 'Cette personne n’a pas de rôle dans la collectivité.');
    return { userId: person.id, name: person.displayName, contact: requested.contact ?? person.email };
  }
  if (requested?.name) return { userId: null, name: requested.name, contact: requested.contact ?? null };
  if (actor.kind === 'token') throw invalid('requester', 'Un ticket ouvert par l’API indique son demandeur (requester.name ou requester.userId).');
  return { userId: actor.id, name: actor.label, contact: requested?.contact ?? null };
}
