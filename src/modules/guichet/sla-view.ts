import type { DeskConfig } from './desk-config.js';
import { computeSlaClock, holidayPlaceOfDepartment, slaAlerts, type Priority, type SlaAlert, type SlaClock, type TicketEvent, type TicketStatus } from './sla/index.js';

/** What the clock needs of a stored event. */
export interface ClockEvent {
  at: Date;
  status: string | null;
  category: string | null;
  priority: number | null;
  agreementId: string | null;
}

export function toTicketEvent(e: ClockEvent): TicketEvent {
  return {
    at: e.at,
    ...(e.status ? { status: e.status as TicketStatus } : {}),
    ...(e.category ? { category: e.category } : {}),
    ...(e.priority ? { priority: e.priority as Priority } : {}),
    ...(e.agreementId ? { agreementId: e.agreementId } : {}),
  };
}

/** Where a ticket is: its school's département, whose public holidays close its clock. */
export interface TicketPlace {
  openedAt: Date;
  departmentCode: string | null;
}

/** The service-level clock of a ticket, rebuilt from its events (see sla/clock.ts for the rules). */
export function ticketClock(config: DeskConfig, ticket: TicketPlace, events: ClockEvent[], now: Date): SlaClock {
  return computeSlaClock({
    openedAt: ticket.openedAt,
    place: holidayPlaceOfDepartment(ticket.departmentCode),
    history: events.map(toTicketEvent),
    agreements: config.agreements,
    calendars: config.calendars,
    now,
  });
}

export interface SlaView {
  dueToOwn: string | null;
  dueToResolve: string | null;
  breached: boolean;
  own: SlaClock['own'];
  resolve: SlaClock['resolve'];
  alerts: SlaAlert[];
}

export function slaView(clock: SlaClock, now: Date): SlaView {
  return {
    dueToOwn: clock.own.dueAt,
    dueToResolve: clock.resolve.dueAt,
    breached: clock.own.breached || clock.resolve.breached,
    own: clock.own,
    resolve: clock.resolve,
    alerts: slaAlerts(clock, now),
  };
}

/** The columns stored for list filters and the jobs to come. */
export function dueColumns(clock: SlaClock) {
  return {
    dueToOwn: clock.own.dueAt ? new Date(clock.own.dueAt) : null,
    dueToResolve: clock.resolve.dueAt ? new Date(clock.resolve.dueAt) : null,
  };
}
