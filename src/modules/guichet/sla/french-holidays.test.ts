import Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import { easterSunday, frenchPublicHolidays, isFrenchPublicHoliday } from './french-holidays.js';

const dates = (year: number, alsaceMoselle = false) =>
  frenchPublicHolidays(year, { alsaceMoselle }).map((h) => h.date);

describe('Easter (anonymous Gregorian algorithm)', () => {
  it('gives known Easter Sundays, including the earliest and latest possible dates', () => {
    expect(easterSunday(2000)).toBe('2000-04-23');
    expect(easterSunday(2019)).toBe('2019-04-21');
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(easterSunday(1818)).toBe('1818-03-22'); // earliest possible
    expect(easterSunday(2038)).toBe('2038-04-25'); // latest possible
  });

  it('refuses years outside the Gregorian range', () => {
    expect(() => easterSunday(1500)).toThrow(RangeError);
    expect(() => easterSunday(2026.5)).toThrow(RangeError);
  });
});

describe('French public holidays', () => {
  it('lists the 11 metropolitan holidays of 2026 with their French labels', () => {
    const list = frenchPublicHolidays(2026);
    expect(list.map((h) => [h.date, h.label])).toEqual([
      ['2026-01-01', "Jour de l'an"],
      ['2026-04-06', 'Lundi de Pâques'],
      ['2026-05-01', 'Fête du Travail'],
      ['2026-05-08', 'Victoire 1945'],
      ['2026-05-14', 'Ascension'],
      ['2026-05-25', 'Lundi de Pentecôte'],
      ['2026-07-14', 'Fête nationale'],
      ['2026-08-15', 'Assomption'],
      ['2026-11-01', 'Toussaint'],
      ['2026-11-11', 'Armistice 1918'],
      ['2026-12-25', 'Noël'],
    ]);
  });

  it('computes the Easter-based days of 2027 (Easter Monday 29 March)', () => {
    expect(dates(2027)).toEqual(
      expect.arrayContaining(['2027-03-29', '2027-05-06', '2027-05-17']),
    );
    expect(dates(2027)).not.toContain('2027-03-26'); // Good Friday: Alsace-Moselle only
  });

  it('adds Good Friday and 26 December for Alsace-Moselle', () => {
    expect(dates(2026, true)).toHaveLength(13);
    expect(dates(2026, true)).toEqual(expect.arrayContaining(['2026-04-03', '2026-12-26']));
    expect(dates(2027, true)).toContain('2027-03-26');
    expect(isFrenchPublicHoliday('2026-04-03')).toBe(false);
    expect(isFrenchPublicHoliday('2026-04-03', { alsaceMoselle: true })).toBe(true);
    expect(isFrenchPublicHoliday('2026-12-26', { alsaceMoselle: true })).toBe(true);
  });

  it('agrees with the date-holidays data for 2000–2100, metropolitan and Moselle', () => {
    const fr = new Holidays('FR');
    const moselle = new Holidays('FR', '57');
    const publicDates = (h: Holidays, year: number) =>
      h
        .getHolidays(year)
        .filter((x) => x.type === 'public')
        .map((x) => x.date.slice(0, 10))
        .sort();
    for (let year = 2000; year <= 2100; year++) {
      expect(dates(year), `FR ${year}`).toEqual(publicDates(fr, year));
      expect(dates(year, true), `FR-57 ${year}`).toEqual(publicDates(moselle, year));
    }
  });

  it('answers single dates', () => {
    expect(isFrenchPublicHoliday('2026-05-14')).toBe(true);
    expect(isFrenchPublicHoliday('2026-05-15')).toBe(false);
    expect(isFrenchPublicHoliday('2027-03-29')).toBe(true);
  });
});
