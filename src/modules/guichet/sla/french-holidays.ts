import { alsaceMoselle, assertYear, isPublicHoliday, metropolitanFrance, publicHolidays, type LocalDate } from './public-holidays.js';

/**
 * French public holidays in the words the desk has always shown them, read from the date-holidays
 * data (public-holidays.ts, which also knows the overseas places): metropolitan France, and with
 * `{ alsaceMoselle: true }` Good Friday and 26 December (local law, article L3134-13).
 * Whit Monday is listed as a holiday; an employer may make it the « journée de solidarité ».
 */

export type { LocalDate } from './public-holidays.js';

export interface PublicHoliday {
  date: LocalDate;
  /** Stable key, e.g. "easter-monday". */
  key: string;
  /** French label, e.g. "Lundi de Pâques". */
  label: string;
}

export interface FrenchHolidayOptions {
  /** Add Good Friday and 26 December (Moselle, Bas-Rhin, Haut-Rhin). */
  alsaceMoselle?: boolean;
}

/** date-holidays' rules of the metropolitan and Alsace-Moselle days, with the desk's keys and labels. */
const named: Record<string, { key: string; label: string }> = {
  '01-01': { key: 'new-year', label: "Jour de l'an" },
  'easter -2': { key: 'good-friday', label: 'Vendredi saint' },
  'easter 1': { key: 'easter-monday', label: 'Lundi de Pâques' },
  '05-01': { key: 'labour-day', label: 'Fête du Travail' },
  '05-08': { key: 'victory-1945', label: 'Victoire 1945' },
  'easter 39': { key: 'ascension', label: 'Ascension' },
  'easter 50': { key: 'whit-monday', label: 'Lundi de Pentecôte' },
  '07-14': { key: 'national-day', label: 'Fête nationale' },
  '08-15': { key: 'assumption', label: 'Assomption' },
  '11-01': { key: 'all-saints', label: 'Toussaint' },
  '11-11': { key: 'armistice-1918', label: 'Armistice 1918' },
  '12-25': { key: 'christmas', label: 'Noël' },
  '12-26': { key: 'st-stephen', label: 'Saint-Étienne' },
};

const placeOf = (options: FrenchHolidayOptions) => (options.alsaceMoselle ? alsaceMoselle : metropolitanFrance);

/** Easter Sunday: the day before date-holidays' Easter Monday. */
export function easterSunday(year: number): LocalDate {
  assertYear(year);
  const monday = publicHolidays(metropolitanFrance, year).find((h) => h.rule === 'easter 1');
  if (!monday) throw new RangeError(`Pâques ${year} inconnu.`);
  const d = new Date(`${monday.date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** The public holidays of `year`, sorted by date. */
export function frenchPublicHolidays(year: number, options: FrenchHolidayOptions = {}): PublicHoliday[] {
  return publicHolidays(placeOf(options), year).map((h) => ({ date: h.date, ...(named[h.rule] ?? { key: h.rule, label: h.label }) }));
}

/** Whether a local date is a public holiday; the yearly sets are computed once and kept. */
export function isFrenchPublicHoliday(date: LocalDate, options: FrenchHolidayOptions = {}): boolean {
  return isPublicHoliday(placeOf(options), date);
}
