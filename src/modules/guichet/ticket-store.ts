import { and, asc, eq, sql } from 'drizzle-orm';
import { authorize, type Action, type Actor } from '../../server/platform/authz.js';
import type { AuthedCtx, Ctx } from '../../server/platform/context.js';
import type { Db } from '../../server/platform/db.js';
import { AppError, forbidden, notFound } from '../../server/platform/errors.js';
import { assertUpdated, assertVersion } from '../../server/platform/versioned-update.js';
import { establishmentsView as establishments } from '../referentiel/index.js';
import { ticketEvents, tickets, type TicketRow } from './db/schema.js';
import { dashboardColumns } from './dashboard-columns.js';
import { loadDeskConfig, type DeskConfig } from './desk-config.js';
import { dueColumns, ticketClock, type ClockEvent } from './sla-view.js';
import { canHandle, inTicketScope, ticketScope, type TicketAccessRow, type TicketScope } from './ticket-access.js';
import { isOpen } from './vocabulary.js';

/** Shared steps of the operations on one ticket: find it within scope, change it, replay its clock. */

export interface TicketSchool {
  uai: string;
  name: string;
  unitId: string | null;
  academyCode: string | null;
}

export interface LoadedTicket {
  ticket: TicketRow;
  school: TicketSchool;
  access: TicketAccessRow;
  scope: TicketScope;
  config: DeskConfig;
}

export type NewEvent = Omit<typeof ticketEvents.$inferInsert, 'tenantId' | 'ticketId' | 'at' | 'actorType' | 'actorId' | 'actorLabel'> & { at?: Date };

export function accessRow(ticket: TicketRow, unitId: string | null): TicketAccessRow {
  return {
    establishmentId: ticket.establishmentId,
    unitId,
    requesterUserId: ticket.requesterUserId,
    schoolVisible: ticket.schoolVisible,
    responsibleOrgId: ticket.responsibleOrgId,
    assignedOrgId: ticket.assignedOrgId,
    assignedUserId: ticket.assignedUserId,
  };
}

export function actorFields(ctx: Ctx) {
  if (!ctx.actor) return { actorType: 'system', actorId: null, actorLabel: 'Système' };
  return { actorType: ctx.actor.kind, actorId: ctx.actor.id, actorLabel: ctx.actor.label };
}

/**
 * A ticket the actor may read: another tenant's or out-of-scope ticket is "not found". With
 * `handle`, the actor must also be able to work on it (403 when they only see it).
 */
export async function loadTicket(
  ctx: Ctx,
  id: string,
  options: { action?: Action; handle?: boolean; db?: Db; /** The ticket the actor just created or changed (it may have left their scope: a token opening one, a contractor handing one back). */ afterOwnChange?: boolean } = {},
): Promise<LoadedTicket & { ctx: AuthedCtx }> {
  authorize(ctx.actor, options.action ?? 'ticket.read');
  const actor = ctx.actor;
  const db = options.db ?? ctx.db;
  const [found] = await db
    .select({ ticket: tickets, uai: establishments.uai, name: establishments.name, unitId: establishments.unitId, academyCode: establishments.academyCode })
    .from(tickets)
    .innerJoin(establishments, and(eq(establishments.tenantId, tickets.tenantId), eq(establishments.id, tickets.establishmentId)))
    .where(and(eq(tickets.tenantId, actor.tenantId), eq(tickets.id, id)));
  if (!found) throw notFound('Ticket');
  const scope = await ticketScope(ctx.db, actor, 'ticket.read');
  const access = accessRow(found.ticket, found.unitId);
  if (!options.afterOwnChange && !inTicketScope(scope, access)) throw notFound('Ticket');
  if (options.handle && !canHandle(actor, access)) throw forbidden("Ce ticket n'est pas dans le périmètre de votre équipe : vous pouvez le consulter, pas le traiter.");
  const config = await loadDeskConfig(ctx, actor.tenantId);
  return {
    ctx: ctx as AuthedCtx,
    ticket: found.ticket,
    school: { uai: found.uai, name: found.name, unitId: found.unitId, academyCode: found.academyCode },
    access,
    scope,
    config,
  };
}

export function requireVersion(ticket: TicketRow, version: number) {
  assertVersion(ticket, version);
}

export function requireOpen(ticket: TicketRow, message = 'Ce ticket est résolu ou clos : rouvrez-le d’abord.') {
  if (!isOpen(ticket.status)) throw new AppError('CONFLICT', message);
}

export function requireNotClosed(ticket: TicketRow) {
  if (ticket.status === 'closed') throw new AppError('CONFLICT', 'Ce ticket est clos : il ne peut plus être modifié.');
}

export async function clockEventsOf(db: Db, tenantId: string, ticketId: string): Promise<ClockEvent[]> {
  return db
    .select({ at: ticketEvents.at, status: ticketEvents.status, category: ticketEvents.category, priority: ticketEvents.priority, agreementId: ticketEvents.agreementId })
    .from(ticketEvents)
    .where(and(eq(ticketEvents.tenantId, tenantId), eq(ticketEvents.ticketId, ticketId)))
    .orderBy(asc(ticketEvents.at), asc(ticketEvents.id));
}

/**
 * Changes a ticket if the version the caller read is still current, writes its events, and
 * stores the deadlines of the clock replayed with them. Runs in the caller's transaction.
 */
export async function writeTicketChange(
  ctx: Ctx,
  tx: Db,
  options: { ticket: TicketRow; config: DeskConfig; version: number; changes: Partial<typeof tickets.$inferInsert>; events: NewEvent[] },
): Promise<TicketRow> {
  const { ticket, config } = options;
  const now = ctx.now();
  const who = actorFields(ctx);
  const stamped = options.events.map((e) => ({ ...e, at: e.at ?? now, tenantId: ticket.tenantId, ticketId: ticket.id, ...who }));
  const history = [...(await clockEventsOf(tx, ticket.tenantId, ticket.id)), ...stamped.map(clockFields)];
  const clock = ticketClock(config, ticket, history, now);
  const [updated] = await tx
    .update(tickets)
    .set({ ...options.changes, ...dueColumns(clock), ...dashboardColumns(clock), updatedAt: now, version: sql`${tickets.version} + 1` })
    .where(and(eq(tickets.tenantId, ticket.tenantId), eq(tickets.id, ticket.id), eq(tickets.version, options.version)))
    .returning();
  assertUpdated(updated);
  if (stamped.length) await tx.insert(ticketEvents).values(stamped);
  return updated;
}

function clockFields(e: NewEvent & { at: Date }): ClockEvent {
  return { at: e.at, status: e.status ?? null, category: e.category ?? null, priority: e.priority ?? null, agreementId: e.agreementId ?? null };
}

export const actorUserId = (actor: Actor): string | null => (actor.kind === 'user' ? actor.id : null);
