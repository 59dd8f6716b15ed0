import { describe, expect, it } from 'vitest';
import { addBusinessMinutes } from './calendar.js';
import { businessCalendarSchema, demoCalendar, parseBusinessCalendar } from './calendar-schema.js';
import { type SchoolHoliday, schoolHolidayZone, schoolHolidaySchema } from './school-holidays.js';

const messages = (input: unknown) => {
  const result = businessCalendarSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('business calendar validation', () => {
  it('applies the defaults: Europe/Paris, French public holidays, no closures', () => {
    const calendar = parseBusinessCalendar({ week: { mon: [{ from: '09:00', to: '17:00' }] } });
    expect(calendar.timeZone).toBe('Europe/Paris');
    expect(calendar.holidays).toBe('fr');
    expect(calendar.closures).toEqual([]);
    expect(calendar.week.sun).toEqual([]);
    expect(demoCalendar.week.fri).toHaveLength(2);
    expect(demoCalendar.week.sat).toEqual([]);
  });

  it('refuses overlapping or unordered ranges, with a French message on the field', () => {
    expect(messages({ week: { mon: [{ from: '08:00', to: '12:00' }, { from: '11:00', to: '14:00' }] } })).toEqual([
      "week.mon.1.from: Les plages doivent être dans l'ordre et sans chevauchement (08:00-12:00 puis 11:00-14:00).",
    ]);
    expect(messages({ week: { mon: [{ from: '13:30', to: '17:30' }, { from: '08:00', to: '12:00' }] } })).toHaveLength(1);
    expect(messages({ week: { mon: [{ from: '08:00', to: '12:00' }, { from: '12:00', to: '14:00' }] } })).toEqual([]);
  });

  it('refuses malformed times and empty ranges, accepts 24:00 as an end only', () => {
    expect(messages({ week: { mon: [{ from: '8:00', to: '12:00' }] } })[0]).toContain('HH:MM');
    expect(messages({ week: { mon: [{ from: '08:60', to: '12:00' }] } })).toHaveLength(1);
    expect(messages({ week: { mon: [{ from: '12:00', to: '12:00' }] } })[0]).toContain('après');
    expect(messages({ week: { mon: [{ from: '24:00', to: '24:00' }] } }).length).toBeGreaterThan(0);
    expect(messages({ week: { sun: [{ from: '22:00', to: '24:00' }] } })).toEqual([]);
  });

  it('refuses an unknown time zone, a week with no opening and a closure that ends before it starts', () => {
    expect(messages({ timeZone: 'Europe/Lutece', week: { mon: [{ from: '08:00', to: '12:00' }] } })[0]).toContain('Fuseau');
    expect(messages({ week: {} })).toEqual(['week: Le calendrier doit être ouvert au moins une plage dans la semaine.']);
    expect(
      messages({
        week: { mon: [{ from: '08:00', to: '12:00' }] },
        closures: [{ label: 'Travaux', start: '2026-06-03', end: '2026-06-01' }],
      }),
    ).toEqual(['closures.0.end: La fin de la fermeture doit être après son début.']);
    expect(messages({ week: { mon: [{ from: '08:00', to: '12:00' }] }, holidays: 'de' })).toHaveLength(1);
  });
});

// Illustrative winter and Christmas holidays of 2025-2026 (check against the ministry's calendar
// before reusing them as data): last day without classes included.
const holidays: SchoolHoliday[] = [
  { label: 'Vacances de Noël', zone: 'toutes', start: '2025-12-20', end: '2026-01-04' },
  { label: "Vacances d'hiver", zone: 'A', start: '2026-02-07', end: '2026-02-22' },
  { label: "Vacances d'hiver", zone: 'B', start: '2026-02-14', end: '2026-03-01' },
  { label: "Vacances d'hiver", zone: 'C', start: '2026-02-21', end: '2026-03-08' },
];

describe('school holidays by zone', () => {
  it('keeps the periods of the zone and those common to all zones, sorted', () => {
    expect(schoolHolidayZone('B', holidays)).toEqual([
      { label: 'Vacances de Noël (zone B)', start: '2025-12-20', end: '2026-01-04' },
      { label: "Vacances d'hiver (zone B)", start: '2026-02-14', end: '2026-03-01' },
    ]);
    expect(schoolHolidayZone('Corse', holidays)).toHaveLength(1);
  });

  it('makes a calendar that stays closed during the holidays of its zone', () => {
    const zone = (z: 'A' | 'B') => parseBusinessCalendar({ ...demoCalendar, closures: schoolHolidayZone(z, holidays) });
    // Friday 13 February 2026, 17:00 + 4 h.
    expect(addBusinessMinutes(zone('B'), '2026-02-13T17:00:00+01:00', 240)).toEqual(new Date('2026-03-02T11:30:00+01:00'));
    expect(addBusinessMinutes(zone('A'), '2026-02-13T17:00:00+01:00', 240)).toEqual(new Date('2026-02-23T12:00:00+01:00'));
  });

  it('validates the entries', () => {
    expect(schoolHolidaySchema.safeParse({ label: 'Hiver', zone: 'D', start: '2026-02-07', end: '2026-02-22' }).success).toBe(false);
    expect(schoolHolidaySchema.safeParse({ label: 'Hiver', zone: 'A', start: '2026-02-22', end: '2026-02-07' }).success).toBe(false);
  });
});
