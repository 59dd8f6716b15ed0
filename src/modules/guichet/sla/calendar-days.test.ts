import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { addBusinessMillis, businessMillisBetween, isOpenAt } from './calendar.js';
import { nextLocalDay, openingsOfLocalDay } from './calendar-days.js';
import { type BusinessCalendar, demoCalendar, parseBusinessCalendar } from './calendar-schema.js';

/**
 * The cached day tables must answer exactly what the day-by-day luxon computation answers. The
 * reference below is that computation (the calendar code before the cache), walking local days
 * with luxon and building each one's openings on the spot.
 */

function referenceAdd(calendar: BusinessCalendar, startMs: number, ms: number): number {
  if (ms <= 0) return startMs;
  let remaining = ms;
  let day: DateTime = DateTime.fromMillis(startMs, { zone: calendar.timeZone }).startOf('day');
  for (let i = 0; i < 3660; i++, day = nextLocalDay(day)) {
    for (const [s, end] of openingsOfLocalDay(calendar, day)) {
      const start = Math.max(s, startMs);
      if (end <= start) continue;
      if (remaining <= end - start) return start + remaining;
      remaining -= end - start;
    }
  }
  throw new Error('unreachable');
}

function referenceBetween(calendar: BusinessCalendar, fromMs: number, toMs: number): number {
  let total = 0;
  let day: DateTime = DateTime.fromMillis(fromMs, { zone: calendar.timeZone }).startOf('day');
  while (day.toMillis() < toMs) {
    for (const [s, e] of openingsOfLocalDay(calendar, day)) {
      const start = Math.max(s, fromMs);
      const end = Math.min(e, toMs);
      if (start < end) total += end - start;
    }
    day = nextLocalDay(day);
  }
  return total;
}

function referenceIsOpen(calendar: BusinessCalendar, t: number): boolean {
  const day = DateTime.fromMillis(t, { zone: calendar.timeZone }).startOf('day');
  return openingsOfLocalDay(calendar, day).some(([start, end]) => start <= t && t < end);
}

const allDay = [{ from: '00:00', to: '24:00' }];
const night = [
  { from: '00:00', to: '01:30' },
  { from: '02:30', to: '04:00' },
  { from: '22:00', to: '24:00' },
];
const calendars: Record<string, BusinessCalendar> = {
  demo: demoCalendar,
  alsaceMoselle: parseBusinessCalendar({ ...demoCalendar, holidays: 'fr-alsace-moselle' }),
  nightsAcrossDst: parseBusinessCalendar({ holidays: 'fr', week: { sat: night, sun: night, mon: night } }),
  alwaysOpen: parseBusinessCalendar({ holidays: 'none', week: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay } }),
  schoolHolidays: parseBusinessCalendar({
    ...demoCalendar,
    closures: [
      { label: 'Noël', start: '2025-12-20', end: '2026-01-04' },
      { label: 'Hiver', start: '2026-02-14', end: '2026-03-01' },
    ],
  }),
  reunion: parseBusinessCalendar({ ...demoCalendar, timeZone: 'Indian/Reunion' }),
  // midnight did not exist in São Paulo on 4 November 2018 (summer time started at 00:00)
  saoPaulo: parseBusinessCalendar({ holidays: 'none', timeZone: 'America/Sao_Paulo', week: { sat: allDay, sun: night, mon: allDay } }),
};

/** Instants every `stepMinutes` over `hours` hours from `fromIso`, plus the exact boundaries. */
function instantsAround(fromIso: string, hours: number, stepMinutes: number): number[] {
  const start = Date.parse(fromIso);
  const out: number[] = [];
  for (let m = 0; m <= hours * 60; m += stepMinutes) out.push(start + m * 60_000);
  return out;
}

const windows = [
  '2026-03-27T00:00:00Z', // spring forward (29 March)
  '2026-10-23T00:00:00Z', // fall back (25 October)
  '2025-12-30T00:00:00Z', // year end and 1 January
  '2026-04-30T00:00:00Z', // 1 May, 8 May
  '2026-04-02T00:00:00Z', // Good Friday (Alsace-Moselle), Easter Monday
  '2026-12-24T00:00:00Z', // Christmas, Saint-Étienne (Alsace-Moselle), year end
  '2018-11-02T00:00:00Z', // São Paulo's missing midnight
  '2026-02-12T00:00:00Z', // school holiday closure, both ends
];
const durations = [0, 1, 241, 960, 4800].map((m) => m * 60_000);

describe('cached calendar days (same answers as the day-by-day computation)', () => {
  for (const [name, calendar] of Object.entries(calendars)) {
    it(`agrees on deadlines, business time and openness for the ${name} calendar`, () => {
      let checked = 0;
      for (const window of windows) {
        // every half hour hits the boundaries (08:00, 12:00, 13:30, 17:30, midnight); the odd step, what lies between
        const instants = [...instantsAround(window, 60, 30), ...instantsAround(window, 72, 173)];
        for (const t of instants) {
          expect(isOpenAt(calendar, new Date(t)), `${name} ouvert ${new Date(t).toISOString()}`).toBe(referenceIsOpen(calendar, t));
          for (const d of durations) {
            expect(addBusinessMillis(calendar, t, d), `${name} ${new Date(t).toISOString()} + ${d / 60_000} min`).toBe(referenceAdd(calendar, t, d));
          }
          const later = t + ((t / 60_000) % 4000) * 60_000;
          expect(businessMillisBetween(calendar, t, later)).toBe(referenceBetween(calendar, t, later));
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(900);
    });
  }

  it('has each local day of two years with the openings luxon computes, midnight to midnight', () => {
    for (const calendar of [calendars.demo, calendars.nightsAcrossDst, calendars.saoPaulo]) {
      let day: DateTime = DateTime.fromISO('2025-11-01T00:00:00', { zone: calendar.timeZone }).startOf('day');
      for (let i = 0; i < 800; i++, day = nextLocalDay(day)) {
        const spans = openingsOfLocalDay(calendar, day);
        const dayEnd = nextLocalDay(day).toMillis();
        // the whole day at once, and the day up to its last minute, from its first instant
        expect(businessMillisBetween(calendar, day.toMillis(), dayEnd)).toBe(spans.reduce((sum, [s, e]) => sum + e - s, 0));
        expect(isOpenAt(calendar, new Date(day.toMillis()))).toBe(spans.some(([s]) => s === day.toMillis()));
        expect(isOpenAt(calendar, new Date(dayEnd - 1))).toBe(spans.some(([, e]) => e === dayEnd));
      }
    }
  });

  it('gives a reloaded equal calendar the same answers as the original', () => {
    const reloaded = parseBusinessCalendar(JSON.parse(JSON.stringify(calendars.schoolHolidays)));
    const t = Date.parse('2026-02-13T15:00:00Z');
    expect(addBusinessMillis(reloaded, t, 240 * 60_000)).toBe(addBusinessMillis(calendars.schoolHolidays, t, 240 * 60_000));
    expect(new Date(addBusinessMillis(reloaded, t, 240 * 60_000)).toISOString()).toBe('2026-03-02T09:30:00.000Z');
  });

  it('answers a deadline years ahead and a calendar closed for ten years as before', () => {
    const t = Date.parse('2026-05-04T08:00:00Z');
    expect(addBusinessMillis(calendars.demo, t, 2000 * 60 * 60_000)).toBe(referenceAdd(calendars.demo, t, 2000 * 60 * 60_000));
    const closed = parseBusinessCalendar({ ...demoCalendar, closures: [{ label: 'Fermeture', start: '2026-01-01', end: '2099-12-31' }] });
    expect(() => addBusinessMillis(closed, t, 60_000)).toThrow(/heures ouvrées/);
  });
});
