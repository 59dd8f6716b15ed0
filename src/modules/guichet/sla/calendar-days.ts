import { DateTime } from 'luxon';
import { AppError } from '../../../server/platform/errors.js';
import { type BusinessCalendar, weekdayKeys } from './calendar-schema.js';
import { alsaceMoselle, isPublicHoliday, metropolitanFrance, type HolidayPlace } from './public-holidays.js';

/**
 * The local days of a business calendar and their opening spans, computed once per calendar and
 * month, then read from memory. Building one day with luxon costs about 0.1 ms (zone arithmetic,
 * holidays, closures) and a deadline of 16 business hours walks several days: computing a ticket's
 * deadlines day by day would spend most of a creation there. Here a deadline is a few array reads.
 *
 * The table of a calendar is shared by every equal calendar (same JSON: the same version reloaded
 * with the desk configuration), and a month is built from the very same luxon steps as before
 * (start of the local day, wall-clock boundaries, next local day), so the cache cannot answer
 * differently from the day-by-day computation: calendar-days.test.ts checks it across DST
 * changes, holidays, midnight and year ends.
 */

/** A local day's opening spans as instants [start, end), in order. */
export type Span = readonly [number, number];

interface MonthDays {
  /** year × 12 + month index (0 = January). */
  key: number;
  /** Start of each local day of the month, then the start of the next month's first day. */
  starts: number[];
  spans: Span[][];
}

/** The opening spans of one local day (`day` is its start in the calendar's zone): the uncached computation. */
export function openingsOfLocalDay(calendar: BusinessCalendar, day: DateTime): Span[] {
  if (isClosedDay(calendar, day.toISODate() ?? '')) return [];
  const spans: Span[] = [];
  for (const range of calendar.week[weekdayKeys[day.weekday - 1]]) {
    const start = wallClock(day, range.from);
    const end = wallClock(day, range.to);
    if (start < end) spans.push([start, end]);
  }
  return spans;
}

/** The start of the local day after `day`. */
export function nextLocalDay(day: DateTime): DateTime {
  return day.plus({ days: 1 }).startOf('day');
}

function isClosedDay(calendar: BusinessCalendar, date: string): boolean {
  const place = holidayPlaceOf(calendar);
  if (place !== null && isPublicHoliday(place, date)) return true;
  return calendar.closures.some((c) => c.start <= date && date <= c.end);
}

/** A calendar read for one place: closed on that place's public holidays (see calendarAtPlace). */
interface PlacedCalendar extends BusinessCalendar {
  holidayPlace?: HolidayPlace;
}

/**
 * Whose public holidays close a calendar: none for 'none' (a calendar open on holidays, a 24/7
 * desk); else the place it is read for, whatever regime it names (a Bas-Rhin school keeps Good
 * Friday under a « fr » calendar, an overseas school its own days), Alsace-Moselle winning over
 * metropolitan France when the calendar names it; without a place, the calendar's own regime.
 */
function holidayPlaceOf(calendar: PlacedCalendar): HolidayPlace | null {
  if (calendar.holidays === 'none') return null;
  const named = calendar.holidays === 'fr-alsace-moselle' ? alsaceMoselle : metropolitanFrance;
  const place = calendar.holidayPlace;
  return place && place !== metropolitanFrance ? place : named;
}

const placedCalendars = new WeakMap<BusinessCalendar, Map<HolidayPlace, BusinessCalendar>>();

/**
 * The same calendar closed on the public holidays of `place` (a school's département). One object
 * per calendar and place, so the month tables below are found by object, kept apart by place.
 */
export function calendarAtPlace(calendar: BusinessCalendar, place: HolidayPlace | undefined): BusinessCalendar {
  if (!place || calendar.holidays === 'none') return calendar;
  let byPlace = placedCalendars.get(calendar);
  if (!byPlace) placedCalendars.set(calendar, (byPlace = new Map()));
  let placed = byPlace.get(place);
  if (!placed) byPlace.set(place, (placed = { ...calendar, holidayPlace: place } as PlacedCalendar));
  return placed;
}

function wallClock(day: DateTime, hhmm: string): number {
  if (hhmm === '24:00') return nextLocalDay(day).toMillis();
  const [hour, minute] = hhmm.split(':').map(Number);
  return day.set({ hour, minute }).toMillis();
}

/** Months kept per calendar (a century); past it the table starts again empty. */
const maxMonths = 1200;

class CalendarDays {
  private readonly months = new Map<number, MonthDays>();

  constructor(private readonly calendar: BusinessCalendar) {}

  month(key: number): MonthDays {
    let found = this.months.get(key);
    if (!found) {
      if (this.months.size >= maxMonths) this.months.clear();
      found = this.build(key);
      this.months.set(key, found);
    }
    return found;
  }

  private build(key: number): MonthDays {
    const year = Math.floor(key / 12);
    const month = key - year * 12 + 1;
    let day: DateTime = DateTime.fromObject({ year, month, day: 1 }, { zone: this.calendar.timeZone }).startOf('day');
    const starts: number[] = [];
    const spans: Span[][] = [];
    while (day.isValid && day.month === month) {
      starts.push(day.toMillis());
      spans.push(openingsOfLocalDay(this.calendar, day));
      day = nextLocalDay(day);
    }
    if (!day.isValid || starts.length === 0) throw new AppError('UNPROCESSABLE', 'Date hors des limites du calendrier.');
    starts.push(day.toMillis());
    return { key, starts, spans };
  }
}

/**
 * A walk over the local days of a calendar, from the day holding an instant: `start` and `spans`
 * of the current day, `next()` to the following one.
 */
export class DayCursor {
  private month: MonthDays;
  private index: number;

  constructor(
    private readonly days: CalendarDays,
    at: number,
  ) {
    if (!Number.isFinite(at)) throw new AppError('VALIDATION', 'Date invalide.');
    // the local date is the UTC date give or take a day: at most one step either way
    const utc = new Date(at);
    let key = utc.getUTCFullYear() * 12 + utc.getUTCMonth();
    let month = days.month(key);
    while (at < month.starts[0]) month = days.month(--key);
    while (at >= month.starts[month.starts.length - 1]) month = days.month(++key);
    this.month = month;
    this.index = lastAtOrBefore(month.starts, at);
  }

  get start(): number {
    return this.month.starts[this.index];
  }

  get spans(): readonly Span[] {
    return this.month.spans[this.index];
  }

  next(): void {
    this.index++;
    if (this.index >= this.month.spans.length) {
      this.month = this.days.month(this.month.key + 1);
      this.index = 0;
    }
  }
}

/** The index of the last value ≤ `at` in an increasing list whose first value is ≤ `at`. */
function lastAtOrBefore(values: number[], at: number): number {
  let low = 0;
  let high = values.length - 2;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (values[middle] <= at) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** Tables by calendar object, and by content (place included) so a reloaded equal calendar finds its table. */
const byObject = new WeakMap<BusinessCalendar, CalendarDays>();
const byContent = new Map<string, CalendarDays>();
const maxCalendars = 200;

function daysOf(calendar: BusinessCalendar): CalendarDays {
  let days = byObject.get(calendar);
  if (days) return days;
  const fingerprint = JSON.stringify(calendar);
  days = byContent.get(fingerprint);
  if (!days) {
    if (byContent.size >= maxCalendars) byContent.delete(byContent.keys().next().value!);
    days = new CalendarDays(calendar);
    byContent.set(fingerprint, days);
  }
  byObject.set(calendar, days);
  return days;
}

/** A cursor on the local day of `calendar` that holds the instant `at` (milliseconds). */
export function dayCursor(calendar: BusinessCalendar, at: number): DayCursor {
  return new DayCursor(daysOf(calendar), at);
}
