/** Shared test fixtures for the clock tests: the demo agreement and calendar, and short helpers. */
import { DEMO_CALENDAR_ID, type ServiceAgreement, demoAgreement } from './agreement.js';
import type { BusinessCalendar } from './calendar-schema.js';
import { demoCalendar } from './calendar-schema.js';
import { type SlaClock, computeSlaClock } from './clock.js';
import type { Priority } from './priority.js';
import type { TicketEvent, TicketTimelines } from './ticket-history.js';
import { type Timeline, always } from './timeline.js';

export const AGREEMENT = demoAgreement.id;

export const demoTimelines = {
  agreements: { [AGREEMENT]: always(demoAgreement) } as Record<string, Timeline<ServiceAgreement>>,
  calendars: { [DEMO_CALENDAR_ID]: always(demoCalendar) } as Record<string, Timeline<BusinessCalendar>>,
};

/** The first event of a ticket: new, category "poste-de-travail", medium priority, demo agreement. */
export function opened(at: string, overrides: Partial<TicketEvent> = {}): TicketEvent {
  return { at, status: 'new', category: 'poste-de-travail', priority: 3 as Priority, agreementId: AGREEMENT, ...overrides };
}

export function readClock(
  history: TicketEvent[],
  now: string,
  more: Partial<Omit<TicketTimelines, 'history'>> = {},
): SlaClock {
  return computeSlaClock({ ...demoTimelines, ...more, history, now });
}

/** The same instant as an ISO string in UTC, which is how the clock reports instants. */
export const utc = (iso: string) => new Date(iso).toISOString();
