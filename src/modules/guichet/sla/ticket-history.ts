import { ticketStatuses, type TicketStatus } from '../../../shared/desk.js';
import { AppError } from '../../../server/platform/errors.js';
import { type ServiceAgreement, type SlaTarget, targetFor } from './agreement.js';
import { calendarAtPlace } from './calendar-days.js';
import type { BusinessCalendar } from './calendar-schema.js';
import type { HolidayPlace } from './public-holidays.js';
import { type Instant, toIso, toMillis } from './instant.js';
import type { Priority } from './priority.js';
import { type Timeline, changeInstants, versionAt } from './timeline.js';

/**
 * Replays a ticket's history into segments of constant terms: between two consecutive change
 * instants (a history event, a new agreement version, a new calendar version) the status, the
 * category, the priority, the agreement and the calendar are all fixed. clock.ts measures them.
 */

export { ticketStatuses, type TicketStatus };

/** One entry of the history; each field it carries changes from `at` on. The first one carries them all. */
export interface TicketEvent {
  at: Instant;
  status?: TicketStatus;
  category?: string;
  priority?: Priority;
  agreementId?: string;
}

export interface TicketState {
  status: TicketStatus;
  category: string;
  priority: Priority;
  agreementId: string;
}

export interface TicketTimelines {
  /** When the request really came in (a call logged later); defaults to the first event. */
  openedAt?: Instant;
  history: readonly TicketEvent[];
  /** Versions of each agreement, by agreement id. */
  agreements: Readonly<Record<string, Timeline<ServiceAgreement>>>;
  /** Versions of each calendar, by calendar id. */
  calendars: Readonly<Record<string, Timeline<BusinessCalendar>>>;
  /** Where the ticket's school is: its public holidays close every calendar (public-holidays.ts). */
  place?: HolidayPlace;
}

export interface Terms {
  agreement: ServiceAgreement;
  target: SlaTarget;
  calendar: BusinessCalendar;
}

export interface Segment extends Terms {
  start: number;
  end: number;
  state: TicketState;
}

export interface Replay {
  startMs: number;
  segments: Segment[];
  /** State after every event up to and including `atMs`; before the first event, the first event's. */
  stateAt(atMs: number): TicketState;
  /** First instant the status left 'new' (ownership), if it did by now. */
  ownedAt: number | null;
  /** Since when the ticket has been solved or closed without reopening, if it is now. */
  stoppedSince: number | null;
}

export const isStopped = (status: TicketStatus) => status === 'solved' || status === 'closed';

export function termsAt(timelines: TicketTimelines, state: TicketState, atMs: number): Terms {
  const agreement = versionAt(timelines.agreements[state.agreementId] ?? [], atMs);
  if (!agreement) {
    throw new AppError('UNPROCESSABLE', `Aucune version de la convention « ${state.agreementId} » n'est en vigueur le ${toIso(atMs)}.`);
  }
  const target = targetFor(agreement, state.category, state.priority);
  const calendar = versionAt(timelines.calendars[target.calendarId] ?? [], atMs);
  if (!calendar) {
    throw new AppError('UNPROCESSABLE', `Aucune version du calendrier « ${target.calendarId} » n'est en vigueur le ${toIso(atMs)}.`);
  }
  return { agreement, target, calendar: calendarAtPlace(calendar, timelines.place) };
}

export function replayHistory(timelines: TicketTimelines, nowMs: number): Replay {
  const events = timelines.history
    .map((event, index) => ({ event, at: toMillis(event.at), index }))
    .sort((a, b) => a.at - b.at || a.index - b.index);
  const first = events[0]?.event;
  if (!first || !first.status || !first.category || !first.priority || !first.agreementId) {
    throw new AppError('VALIDATION', "Le premier événement du ticket doit indiquer son statut, sa catégorie, sa priorité et sa convention.");
  }
  const initial: TicketState = { status: first.status, category: first.category, priority: first.priority, agreementId: first.agreementId };
  const startMs = Math.min(events[0].at, timelines.openedAt === undefined ? Infinity : toMillis(timelines.openedAt));
  const known = events.filter((e) => e.at <= nowMs);

  const stateAt = (atMs: number): TicketState => {
    const state = { ...initial };
    for (const { event, at } of known) {
      if (at > atMs) break;
      Object.assign(state, definedFields(event));
    }
    return state;
  };

  // The first event's state applies from startMs (a call logged later: the clock starts at openedAt).
  let ownedAt: number | null = null;
  let stoppedSince: number | null = null;
  let previous: TicketStatus | null = null;
  known.forEach(({ event, at }, i) => {
    const when = i === 0 ? startMs : at;
    if (!event.status) return;
    if (ownedAt === null && event.status !== 'new') ownedAt = when;
    if (!isStopped(event.status)) stoppedSince = null;
    else if (previous === null || !isStopped(previous)) stoppedSince = when;
    previous = event.status;
  });

  const cuts = new Set<number>([startMs, nowMs]);
  for (const { at } of known) cuts.add(at);
  for (const timeline of Object.values(timelines.agreements)) for (const at of changeInstants(timeline)) cuts.add(at);
  for (const timeline of Object.values(timelines.calendars)) for (const at of changeInstants(timeline)) cuts.add(at);
  const bounds = [...cuts].filter((t) => t >= startMs && t <= nowMs).sort((a, b) => a - b);

  const segments: Segment[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const state = stateAt(bounds[i]);
    segments.push({ start: bounds[i], end: bounds[i + 1], state, ...termsAt(timelines, state, bounds[i]) });
  }
  return { startMs, segments, stateAt, ownedAt, stoppedSince };
}

function definedFields(event: TicketEvent): Partial<TicketState> {
  const fields: Partial<TicketState> = {};
  if (event.status) fields.status = event.status;
  if (event.category) fields.category = event.category;
  if (event.priority) fields.priority = event.priority;
  if (event.agreementId) fields.agreementId = event.agreementId;
  return fields;
}
