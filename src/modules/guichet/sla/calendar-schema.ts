import { IANAZone } from 'luxon';
import { z } from 'zod';

/**
 * The shape of a business calendar, validated with zod. Functions in calendar.ts take the parsed
 * value (`BusinessCalendar`) and trust it: parse once, where the calendar enters the system.
 *
 * - Opening ranges are local wall-clock times "HH:MM" in the calendar's zone; a range may end at
 *   "24:00" (the next midnight) for a day open until the end. Ranges of a day are ordered and do
 *   not overlap (touching is allowed: 08:00-12:00 then 12:00-14:00).
 * - Closures are whole local days, both ends included (school holidays, a site closed for works).
 */

export const weekdayKeys = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type WeekdayKey = (typeof weekdayKeys)[number];

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Heure attendue au format HH:MM (00:00 à 23:59).');
const clockEnd = z
  .string()
  .regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'Heure de fin attendue au format HH:MM (00:01 à 24:00).');

export const openingRangeSchema = z
  .object({ from: clockTime, to: clockEnd })
  .refine((r) => r.from < r.to, { message: "L'heure de fin doit être après l'heure de début.", path: ['to'] });
export type OpeningRange = z.output<typeof openingRangeSchema>;

const dayRangesSchema = z
  .array(openingRangeSchema)
  .max(12)
  .superRefine((ranges, ctx) => {
    for (let i = 1; i < ranges.length; i++) {
      if (ranges[i].from < ranges[i - 1].to) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'from'],
          message: `Les plages doivent être dans l'ordre et sans chevauchement (${ranges[i - 1].from}-${ranges[i - 1].to} puis ${ranges[i].from}-${ranges[i].to}).`,
        });
      }
    }
  })
  .default([]);

export const weekSchema = z.object({
  mon: dayRangesSchema,
  tue: dayRangesSchema,
  wed: dayRangesSchema,
  thu: dayRangesSchema,
  fri: dayRangesSchema,
  sat: dayRangesSchema,
  sun: dayRangesSchema,
});

const localDate = z.iso.date({ message: 'Date attendue au format AAAA-MM-JJ.' });

export const closureSchema = z
  .object({ label: z.string().trim().min(1).max(200), start: localDate, end: localDate })
  .refine((c) => c.start <= c.end, { message: 'La fin de la fermeture doit être après son début.', path: ['end'] });
export type Closure = z.output<typeof closureSchema>;

/** Which public holidays close the calendar. */
export const holidayRegimes = ['fr', 'fr-alsace-moselle', 'none'] as const;
export type HolidayRegime = (typeof holidayRegimes)[number];

export const businessCalendarSchema = z
  .object({
    label: z.string().trim().min(1).max(200).optional(),
    timeZone: z
      .string()
      .default('Europe/Paris')
      .refine((zone) => IANAZone.isValidZone(zone), { message: 'Fuseau horaire IANA inconnu (exemple : Europe/Paris).' }),
    week: weekSchema,
    holidays: z.enum(holidayRegimes).default('fr'),
    closures: z.array(closureSchema).max(500).default([]),
  })
  .refine((c) => weekdayKeys.some((day) => c.week[day].length > 0), {
    message: 'Le calendrier doit être ouvert au moins une plage dans la semaine.',
    path: ['week'],
  });

/** A validated calendar (defaults applied). */
export type BusinessCalendar = z.output<typeof businessCalendarSchema>;
/** What an authority writes: zone, holidays and closures may be left out. */
export type BusinessCalendarInput = z.input<typeof businessCalendarSchema>;

/** Validates a calendar; throws the ZodError (mapped to a 400 with field paths by the platform). */
export function parseBusinessCalendar(input: unknown): BusinessCalendar {
  return businessCalendarSchema.parse(input);
}

/**
 * The demo authorities' calendar: Monday to Friday 08:00-12:00 and 13:30-17:30, Europe/Paris,
 * closed on French public holidays.
 */
export const demoCalendar: BusinessCalendar = parseBusinessCalendar({
  label: 'Heures ouvrées (lundi-vendredi)',
  week: {
    mon: [
      { from: '08:00', to: '12:00' },
      { from: '13:30', to: '17:30' },
    ],
    tue: [
      { from: '08:00', to: '12:00' },
      { from: '13:30', to: '17:30' },
    ],
    wed: [
      { from: '08:00', to: '12:00' },
      { from: '13:30', to: '17:30' },
    ],
    thu: [
      { from: '08:00', to: '12:00' },
      { from: '13:30', to: '17:30' },
    ],
    fri: [
      { from: '08:00', to: '12:00' },
      { from: '13:30', to: '17:30' },
    ],
  },
});
