import { z } from 'zod';
import type { Closure } from './calendar-schema.js';

/**
 * School holidays as calendar closures. The dates are data the authority edits (the ministry
 * publishes them each year): this module holds none, it only turns a list into closures.
 *
 * Convention: `start` is the first day without classes and `end` the last one, both included.
 * The ministry's calendar gives "fin des cours" and "reprise des cours": Toussaint 2025 ends
 * classes on Saturday 18 October and resumes on Monday 3 November, so it is written
 * { start: '2025-10-18', end: '2025-11-02' }.
 *
 * Zones: A, B and C for metropolitan winter and spring holidays, 'Corse', and 'toutes' for the
 * periods common to every zone (Toussaint, Noël, été). Overseas academies have calendars of their
 * own: not modelled yet.
 */

export const schoolZones = ['A', 'B', 'C', 'Corse', 'toutes'] as const;
export type SchoolZone = (typeof schoolZones)[number];

const localDate = z.iso.date({ message: 'Date attendue au format AAAA-MM-JJ.' });

export const schoolHolidaySchema = z
  .object({
    label: z.string().trim().min(1).max(200),
    zone: z.enum(schoolZones),
    start: localDate,
    end: localDate,
  })
  .refine((h) => h.start <= h.end, { message: 'La fin des vacances doit être après leur début.', path: ['end'] });
export type SchoolHoliday = z.output<typeof schoolHolidaySchema>;

/**
 * The closures of one zone: its own periods plus those marked 'toutes', labelled
 * "Vacances de Noël (zone B)" and sorted by start date.
 */
export function schoolHolidayZone(zone: Exclude<SchoolZone, 'toutes'>, holidays: readonly SchoolHoliday[]): Closure[] {
  return holidays
    .filter((h) => h.zone === zone || h.zone === 'toutes')
    .map((h) => ({ label: `${h.label} (zone ${zone})`, start: h.start, end: h.end }))
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}
