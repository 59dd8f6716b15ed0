import { describe, expect, it } from 'vitest';
import { addBusinessMinutes, isOpenAt } from './calendar.js';
import { calendarAtPlace } from './calendar-days.js';
import { demoCalendar, parseBusinessCalendar } from './calendar-schema.js';
import { holidayPlaceOfDepartment, isPublicHoliday, publicHolidays } from './public-holidays.js';

const datesOf = (department: string, year: number) => publicHolidays(holidayPlaceOfDepartment(department), year).map((h) => h.date);
const metropolitan2026 = datesOf('59', 2026);

describe('the place of a school', () => {
  it('reads the département as the referentiel stores it', () => {
    expect(holidayPlaceOfDepartment('67')).toBe('FR-67');
    expect(holidayPlaceOfDepartment('067')).toBe('FR-67');
    expect(holidayPlaceOfDepartment('57')).toBe('FR-57');
    expect(holidayPlaceOfDepartment('68')).toBe('FR-68');
    expect(holidayPlaceOfDepartment('971')).toBe('FR-GP');
    expect(holidayPlaceOfDepartment('974')).toBe('FR-RE');
    expect(holidayPlaceOfDepartment('988')).toBe('NC');
    expect(holidayPlaceOfDepartment('2A')).toBe('FR');
    expect(holidayPlaceOfDepartment('59')).toBe('FR');
    expect(holidayPlaceOfDepartment(null)).toBe('FR');
  });
});

describe('public holidays of every place', () => {
  it('gives metropolitan France its 11 days, Alsace-Moselle Good Friday and 26 December', () => {
    expect(metropolitan2026).toHaveLength(11);
    for (const department of ['57', '67', '68']) {
      expect(datesOf(department, 2026)).toEqual([...metropolitan2026, '2026-04-03', '2026-12-26'].sort());
    }
  });

  // each overseas académie: the national days, plus the abolition of slavery on its own date
  const overseas: [string, string, string[]][] = [
    ['Guadeloupe', '971', ['2026-04-03', '2026-05-27']],
    ['Martinique', '972', ['2026-04-03', '2026-05-22']],
    ['Guyane', '973', ['2026-06-10']],
    ['La Réunion', '974', ['2026-12-20']],
    ['Mayotte', '976', ['2026-04-27']],
  ];
  for (const [academy, department, own] of overseas) {
    it(`knows the days of ${academy} (${department})`, () => {
      const dates = datesOf(department, 2026);
      expect(dates).toEqual(expect.arrayContaining(metropolitan2026));
      expect(dates.filter((d) => !metropolitan2026.includes(d))).toEqual(own);
      const labels = publicHolidays(holidayPlaceOfDepartment(department), 2026).map((h) => h.label);
      expect(labels).toContain('Abolition de l’esclavage');
    });
  }

  it('keeps each place apart in its yearly cache', () => {
    expect(isPublicHoliday('FR-RE', '2026-12-20')).toBe(true);
    expect(isPublicHoliday('FR', '2026-12-20')).toBe(false);
    expect(isPublicHoliday('FR-GP', '2027-05-27')).toBe(true);
    expect(isPublicHoliday('FR-YT', '2026-05-27')).toBe(false);
  });
});

describe('a calendar read at a school’s place', () => {
  const at = (iso: string) => new Date(iso);

  it('closes a « fr » calendar on the place’s own holidays, and keeps « none » open', () => {
    const basRhin = calendarAtPlace(demoCalendar, 'FR-67');
    expect(demoCalendar.holidays).toBe('fr');
    expect(isOpenAt(demoCalendar, at('2025-12-26T10:00:00+01:00'))).toBe(true);
    expect(isOpenAt(basRhin, at('2025-12-26T10:00:00+01:00'))).toBe(false);
    expect(isOpenAt(basRhin, at('2026-04-03T10:00:00+02:00'))).toBe(false);
    expect(calendarAtPlace(demoCalendar, 'FR-67')).toBe(basRhin); // one object per place: the month tables are found again
    const open = parseBusinessCalendar({ ...demoCalendar, holidays: 'none' });
    expect(calendarAtPlace(open, 'FR-67')).toBe(open);
  });

  it('keeps Alsace-Moselle when the calendar names it for a metropolitan school', () => {
    const named = parseBusinessCalendar({ ...demoCalendar, holidays: 'fr-alsace-moselle' });
    expect(isOpenAt(calendarAtPlace(named, 'FR'), at('2025-12-26T10:00:00+01:00'))).toBe(false);
  });

  it('moves a deadline over the overseas day and not elsewhere', () => {
    // Tuesday 26 May 2026, 16:00 Paris, 4 business hours: Wednesday 10:30, or Thursday in Guadeloupe
    const start = at('2026-05-26T16:00:00+02:00');
    expect(addBusinessMinutes(demoCalendar, start, 240).toISOString()).toBe('2026-05-27T08:30:00.000Z');
    expect(addBusinessMinutes(calendarAtPlace(demoCalendar, 'FR-GP'), start, 240).toISOString()).toBe('2026-05-28T08:30:00.000Z');
    expect(addBusinessMinutes(calendarAtPlace(demoCalendar, 'FR-MQ'), start, 240).toISOString()).toBe('2026-05-27T08:30:00.000Z');
  });
});
