import { describe, expect, it } from 'vitest';
import { addBusinessMinutes, businessMinutesBetween, isOpenAt, openIntervals } from './calendar.js';
import { type BusinessCalendar, demoCalendar, parseBusinessCalendar } from './calendar-schema.js';

const at = (iso: string) => new Date(iso);
const deadline = (calendar: BusinessCalendar, start: string, minutes: number) =>
  addBusinessMinutes(calendar, start, minutes).toISOString();

const alsaceMoselle = parseBusinessCalendar({ ...demoCalendar, holidays: 'fr-alsace-moselle' });
const allDay = [{ from: '00:00', to: '24:00' }];
const alwaysOpen = parseBusinessCalendar({
  holidays: 'none',
  week: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
});

describe('opening hours of the demo calendar', () => {
  it('is open in the morning and afternoon ranges, closed at lunch, after 17:30 and on weekends', () => {
    expect(isOpenAt(demoCalendar, '2026-03-31T08:00:00+02:00')).toBe(true);
    expect(isOpenAt(demoCalendar, '2026-03-31T07:59:59+02:00')).toBe(false);
    expect(isOpenAt(demoCalendar, '2026-03-31T12:10:00+02:00')).toBe(false);
    expect(isOpenAt(demoCalendar, '2026-03-31T13:30:00+02:00')).toBe(true);
    expect(isOpenAt(demoCalendar, '2026-03-31T17:29:59+02:00')).toBe(true);
    expect(isOpenAt(demoCalendar, '2026-03-31T17:30:00+02:00')).toBe(false);
    expect(isOpenAt(demoCalendar, '2026-03-28T10:00:00+01:00')).toBe(false); // Saturday
    expect(isOpenAt(demoCalendar, at('2026-03-31T06:30:00Z'))).toBe(true); // 08:30 in Paris
  });

  it('lists the open intervals of a period, clipped to it', () => {
    expect(openIntervals(demoCalendar, '2026-03-31T10:00:00+02:00', '2026-04-01T09:00:00+02:00')).toEqual([
      { start: at('2026-03-31T10:00:00+02:00'), end: at('2026-03-31T12:00:00+02:00') },
      { start: at('2026-03-31T13:30:00+02:00'), end: at('2026-03-31T17:30:00+02:00') },
      { start: at('2026-04-01T08:00:00+02:00'), end: at('2026-04-01T09:00:00+02:00') },
    ]);
  });

  it('refuses instants without an offset', () => {
    expect(() => isOpenAt(demoCalendar, '2026-03-31T08:00:00')).toThrow(/sans fuseau/);
  });
});

describe('deadlines (addBusinessMinutes)', () => {
  it('starts counting at 13:30 for a ticket opened at 12:10, during lunch', () => {
    expect(deadline(demoCalendar, '2026-03-31T12:10:00+02:00', 60)).toBe(at('2026-03-31T14:30:00+02:00').toISOString());
    expect(businessMinutesBetween(demoCalendar, '2026-03-31T12:10:00+02:00', '2026-03-31T13:45:00+02:00')).toBe(15);
  });

  it('takes a ticket opened on Friday at 17:00 with 4 hours to Monday 11:30', () => {
    expect(deadline(demoCalendar, '2026-03-20T17:00:00+01:00', 240)).toBe(at('2026-03-23T11:30:00+01:00').toISOString());
  });

  it('handles tickets opened at 23:59:59, exactly at midnight and exactly at closing time', () => {
    expect(deadline(demoCalendar, '2026-03-31T23:59:59+02:00', 240)).toBe(at('2026-04-01T12:00:00+02:00').toISOString());
    expect(deadline(demoCalendar, '2026-04-01T00:00:00+02:00', 240)).toBe(at('2026-04-01T12:00:00+02:00').toISOString());
    expect(deadline(demoCalendar, '2026-03-31T17:30:00+02:00', 240)).toBe(at('2026-04-01T12:00:00+02:00').toISOString());
    expect(businessMinutesBetween(demoCalendar, '2026-03-31T23:59:59+02:00', '2026-04-01T08:00:00+02:00')).toBe(0);
    expect(businessMinutesBetween(demoCalendar, '2026-03-31T17:29:30+02:00', '2026-04-01T00:00:00+02:00')).toBe(0.5);
  });

  it('keeps a deadline that lands exactly on closing time at closing time', () => {
    expect(deadline(demoCalendar, '2026-03-31T08:00:00+02:00', 480)).toBe(at('2026-03-31T17:30:00+02:00').toISOString());
    expect(deadline(demoCalendar, '2026-03-31T08:00:00+02:00', 240)).toBe(at('2026-03-31T12:00:00+02:00').toISOString());
  });

  it('skips 1 May, 8 May and Ascension', () => {
    // Thu 30 April 16:00 + 16 h: 1h30 Thursday, Friday 1 May closed, 8 h Monday, 6h30 Tuesday.
    expect(deadline(demoCalendar, '2026-04-30T16:00:00+02:00', 960)).toBe(at('2026-05-05T16:00:00+02:00').toISOString());
    // Thu 7 May 08:00 + 16 h: Thursday, Friday 8 May closed, Monday until closing time.
    expect(deadline(demoCalendar, '2026-05-07T08:00:00+02:00', 960)).toBe(at('2026-05-11T17:30:00+02:00').toISOString());
    // Wed 13 May 17:00 + 4 h: Ascension (Thursday 14) closed.
    expect(deadline(demoCalendar, '2026-05-13T17:00:00+02:00', 240)).toBe(at('2026-05-15T11:30:00+02:00').toISOString());
    expect(businessMinutesBetween(demoCalendar, '2026-05-22T08:00:00+02:00', '2026-05-27T08:00:00+02:00')).toBe(960); // Whit Monday
  });

  it('closes on Good Friday only on an Alsace-Moselle calendar', () => {
    expect(deadline(demoCalendar, '2026-04-02T17:00:00+02:00', 240)).toBe(at('2026-04-03T11:30:00+02:00').toISOString());
    // Good Friday 3 April and Easter Monday 6 April closed.
    expect(deadline(alsaceMoselle, '2026-04-02T17:00:00+02:00', 240)).toBe(at('2026-04-07T11:30:00+02:00').toISOString());
    expect(isOpenAt(alsaceMoselle, '2026-12-26T10:00:00+01:00')).toBe(false); // a Saturday anyway
    expect(isOpenAt(alsaceMoselle, '2025-12-26T10:00:00+01:00')).toBe(false); // a Friday
    expect(isOpenAt(demoCalendar, '2025-12-26T10:00:00+01:00')).toBe(true);
  });

  it('returns the start itself for zero minutes and refuses negative ones', () => {
    expect(deadline(demoCalendar, '2026-03-28T10:00:00+01:00', 0)).toBe(at('2026-03-28T10:00:00+01:00').toISOString());
    expect(() => addBusinessMinutes(demoCalendar, '2026-03-28T10:00:00+01:00', -1)).toThrow();
  });

  it('is the inverse of businessMinutesBetween', () => {
    const start = '2026-04-29T10:17:00+02:00';
    for (const minutes of [1, 103, 240, 960, 4800]) {
      const end = addBusinessMinutes(demoCalendar, start, minutes);
      expect(businessMinutesBetween(demoCalendar, start, end)).toBe(minutes);
    }
  });

  it('refuses a period that ends before it starts', () => {
    expect(() => businessMinutesBetween(demoCalendar, '2026-04-02T10:00:00Z', '2026-04-01T10:00:00Z')).toThrow();
  });
});

describe('daylight saving time', () => {
  it('counts 23 hours on 29 March 2026 and 25 hours on 25 October 2026', () => {
    expect(businessMinutesBetween(alwaysOpen, '2026-03-29T00:00:00+01:00', '2026-03-30T00:00:00+02:00')).toBe(23 * 60);
    expect(businessMinutesBetween(alwaysOpen, '2026-10-25T00:00:00+02:00', '2026-10-26T00:00:00+01:00')).toBe(25 * 60);
    expect(openIntervals(alwaysOpen, '2026-03-29T00:00:00+01:00', '2026-03-30T00:00:00+02:00')).toEqual([
      { start: at('2026-03-28T23:00:00Z'), end: at('2026-03-29T22:00:00Z') },
    ]);
  });

  it('measures night ranges that cross the jump by the clocks on the wall', () => {
    const night = (from: string, to: string) =>
      parseBusinessCalendar({ holidays: 'none', week: { sun: [{ from, to }] } });
    expect(businessMinutesBetween(night('01:00', '04:00'), '2026-03-29T00:00:00+01:00', '2026-03-30T00:00:00+02:00')).toBe(120);
    expect(businessMinutesBetween(night('01:00', '04:00'), '2026-10-25T00:00:00+02:00', '2026-10-26T00:00:00+01:00')).toBe(240);
    // 02:30 does not exist on 29 March: the range starts at 03:30 summer time.
    expect(businessMinutesBetween(night('02:30', '04:00'), '2026-03-29T00:00:00+01:00', '2026-03-30T00:00:00+02:00')).toBe(30);
    // 02:30 happens twice on 25 October: the first one (summer time) opens the range.
    expect(businessMinutesBetween(night('02:30', '04:00'), '2026-10-25T00:00:00+02:00', '2026-10-26T00:00:00+01:00')).toBe(150);
  });

  it('keeps office hours at 08:00 local on both sides of the change', () => {
    // Friday 27 March 17:00 (UTC+1) + 1 h: Monday 30 March 08:30 (UTC+2).
    expect(deadline(demoCalendar, '2026-03-27T17:00:00+01:00', 60)).toBe('2026-03-30T06:30:00.000Z');
    expect(businessMinutesBetween(demoCalendar, '2026-03-27T12:00:00+01:00', '2026-03-30T12:00:00+02:00')).toBe(480);
    expect(deadline(demoCalendar, '2026-10-23T17:00:00+02:00', 60)).toBe('2026-10-26T07:30:00.000Z');
  });
});

describe('other zones and closures', () => {
  it('reads opening hours in the calendar zone', () => {
    const reunion = parseBusinessCalendar({ ...demoCalendar, timeZone: 'Indian/Reunion' });
    expect(isOpenAt(reunion, '2026-03-31T04:00:00Z')).toBe(true); // 08:00 in Saint-Denis
    expect(isOpenAt(demoCalendar, '2026-03-31T04:00:00Z')).toBe(false); // 06:00 in Paris
  });

  it('skips closure days, both ends included', () => {
    const closed = parseBusinessCalendar({
      ...demoCalendar,
      closures: [{ label: 'Travaux', start: '2026-06-01', end: '2026-06-03' }],
    });
    expect(deadline(closed, '2026-05-29T17:00:00+02:00', 240)).toBe(at('2026-06-04T11:30:00+02:00').toISOString());
  });

  it('gives up with a clear message when a deadline cannot be reached', () => {
    const closed = parseBusinessCalendar({
      ...demoCalendar,
      closures: [{ label: 'Fermeture', start: '2026-01-01', end: '2099-12-31' }],
    });
    expect(() => addBusinessMinutes(closed, '2026-01-05T08:00:00+01:00', 60)).toThrow(/heures ouvrées/);
  });
});
