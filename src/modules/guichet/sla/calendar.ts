import { AppError } from '../../../server/platform/errors.js';
import type { BusinessCalendar } from './calendar-schema.js';
import { dayCursor, type Span } from './calendar-days.js';
import { type Instant, toMillis } from './instant.js';

/**
 * Business time on a calendar. Every day is built from its local wall-clock opening ranges in the
 * calendar's zone with luxon, so a day of 23 or 25 hours (29 March / 25 October 2026 in Paris) has
 * exactly the minutes the clocks on the wall show. Intervals are half-open [start, end): an
 * instant at closing time is closed, an instant at opening time is open.
 *
 * Wall-clock times that do not exist (02:30 on 29 March in Paris) move forward to the first
 * instant after the jump (03:30); ambiguous ones (02:30 on 25 October) take their first occurrence
 * (still summer time). A given boundary always maps to the same instant, so no time is lost or
 * counted twice.
 *
 * The days come from calendar-days.ts, which computes each month of a calendar once and keeps it:
 * a deadline is a few reads, not a luxon computation per day.
 */

const msPerMinute = 60_000;
/** How far ahead a deadline may lie before we call the calendar too closed to be usable. */
const maxDaysAhead = 3660;

export interface OpenInterval {
  start: Date;
  end: Date;
}

export function isOpenAt(calendar: BusinessCalendar, at: Instant): boolean {
  const t = toMillis(at);
  return dayCursor(calendar, t).spans.some(([start, end]) => start <= t && t < end);
}

/** The opening intervals between two instants, clipped to them, in order. */
export function openIntervals(calendar: BusinessCalendar, from: Instant, to: Instant): OpenInterval[] {
  const result: OpenInterval[] = [];
  for (const [start, end] of spansBetween(calendar, toMillis(from), toMillis(to))) {
    result.push({ start: new Date(start), end: new Date(end) });
  }
  return result;
}

/** Business minutes between two instants (fractional when they carry seconds). */
export function businessMinutesBetween(calendar: BusinessCalendar, from: Instant, to: Instant): number {
  return businessMillisBetween(calendar, toMillis(from), toMillis(to)) / msPerMinute;
}

/**
 * The instant `minutes` business minutes after `start`: the deadline. A deadline that lands on a
 * closing time stays there (17:30, not 08:00 the next morning); zero minutes gives `start` itself.
 */
export function addBusinessMinutes(calendar: BusinessCalendar, start: Instant, minutes: number): Date {
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new AppError('VALIDATION', 'Le nombre de minutes ouvrées doit être positif ou nul.');
  }
  return new Date(addBusinessMillis(calendar, toMillis(start), Math.round(minutes * msPerMinute)));
}

/** Millisecond form used by the clock, which keeps full precision until it reports. */
export function businessMillisBetween(calendar: BusinessCalendar, fromMs: number, toMs: number): number {
  if (toMs < fromMs) throw new AppError('VALIDATION', 'La fin de la période précède son début.');
  let total = 0;
  for (const day = dayCursor(calendar, fromMs); day.start < toMs; day.next()) {
    for (const [s, e] of day.spans) {
      const start = Math.max(s, fromMs);
      const end = Math.min(e, toMs);
      if (start < end) total += end - start;
    }
  }
  return total;
}

export function addBusinessMillis(calendar: BusinessCalendar, startMs: number, ms: number): number {
  if (ms <= 0) return startMs;
  let remaining = ms;
  const day = dayCursor(calendar, startMs);
  for (let i = 0; i < maxDaysAhead; i++, day.next()) {
    for (const [s, end] of day.spans) {
      const start = Math.max(s, startMs);
      if (end <= start) continue;
      if (remaining <= end - start) return start + remaining;
      remaining -= end - start;
    }
  }
  throw new AppError('UNPROCESSABLE', "Le calendrier n'a pas assez d'heures ouvrées dans les dix ans qui viennent pour fixer cette échéance.");
}

function* spansBetween(calendar: BusinessCalendar, fromMs: number, toMs: number): Generator<Span> {
  for (const day = dayCursor(calendar, fromMs); day.start < toMs; day.next()) {
    for (const [s, e] of day.spans) {
      const start = Math.max(s, fromMs);
      const end = Math.min(e, toMs);
      if (start < end) yield [start, end];
    }
  }
}
