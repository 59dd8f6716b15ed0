import { z } from 'zod';
import { closureSchema, holidayRegimes, weekSchema } from '../../sla/calendar-schema.js';
import { schoolHolidaySchema } from '../../sla/school-holidays.js';
import { validFromField } from './priority-matrix.input.js';

export const calendarSchoolZones = ['A', 'B', 'C', 'Corse'] as const;

export const publishBusinessCalendarInput = z.object({
  /** The latest version read, 0 for a new calendar. */
  version: z.number().int().min(0),
  label: z.string().trim().min(1, 'Le libellé est obligatoire.').max(200),
  timeZone: z.string().default('Europe/Paris'),
  /** Opening ranges per weekday, local "HH:MM", several a day (lunch closed). */
  week: weekSchema,
  /** fr: French public holidays closed; fr-alsace-moselle: plus Good Friday and 26 December; none: open. */
  holidays: z.enum(holidayRegimes).default('fr'),
  /** Extra closed days (a site closed for works, a bridge day). */
  closures: z.array(closureSchema).max(200).default([]),
  /** School holidays close the calendar for this zone; the periods are the ministry's dates, kept here. */
  schoolHolidays: z
    .object({
      zone: z.enum(calendarSchoolZones).nullable(),
      periods: z.array(schoolHolidaySchema).max(200).default([]),
    })
    .default({ zone: null, periods: [] }),
  validFrom: validFromField,
});
export type PublishBusinessCalendarInput = z.output<typeof publishBusinessCalendarInput>;
