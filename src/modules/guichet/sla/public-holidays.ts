import { createRequire } from 'node:module';
import type Holidays from 'date-holidays';

/**
 * date-holidays carries every country's rules (with moment-timezone): about 8 MB of heap, read at
 * the first calendar asked for rather than when the server starts (its CommonJS build, so that
 * `holidaysOf` stays synchronous).
 */
let holidaysClass: typeof Holidays | undefined;
const loadHolidays = () => (holidaysClass ??= createRequire(import.meta.url)('date-holidays') as typeof Holidays);

/**
 * Public holidays (jours fériés) of every French place, from the date-holidays data rather than
 * written here: metropolitan France, Alsace-Moselle's local law (Good Friday, 26 December), the
 * overseas départements' own days (abolition of slavery, on a different date in each, Mayotte's
 * and La Réunion's), and the overseas collectivities (Saint-Pierre-et-Miquelon, Saint-Barthélemy,
 * Saint-Martin, Wallis-et-Futuna, French Polynesia, New Caledonia). Only the days of type
 * « public » close a calendar (observances and bank holidays do not).
 *
 * A place is named by a key: 'FR' (metropolitan), 'FR-57', 'FR-67', 'FR-68' (Alsace-Moselle),
 * 'FR-GP', 'FR-MQ', 'FR-GF', 'FR-RE', 'FR-YT', 'FR-BL', 'FR-MF' (overseas départements and
 * regions as date-holidays files them), 'PM', 'WF', 'PF', 'NC' (filed as countries).
 */
export type HolidayPlace = string;

/** A local calendar date, "YYYY-MM-DD". */
export type LocalDate = string;

export interface PlaceHoliday {
  date: LocalDate;
  /** date-holidays' rule, e.g. "easter 1" or "05-27". */
  rule: string;
  /** French label from date-holidays, e.g. "Abolition de l’esclavage". */
  label: string;
}

export const metropolitanFrance: HolidayPlace = 'FR';
/** Moselle: the same local law as Bas-Rhin and Haut-Rhin. */
export const alsaceMoselle: HolidayPlace = 'FR-57';

/** The overseas codes of the official geographic code, by département or collectivity number. */
const overseas: Record<string, HolidayPlace> = {
  '971': 'FR-GP',
  '972': 'FR-MQ',
  '973': 'FR-GF',
  '974': 'FR-RE',
  '975': 'PM',
  '976': 'FR-YT',
  '977': 'FR-BL',
  '978': 'FR-MF',
  '986': 'WF',
  '987': 'PF',
  '988': 'NC',
};

/**
 * The place whose holidays apply to a school of département `code` (the referentiel's code: '67',
 * '2A', '974'; '067' is read as '67'); unknown or missing: metropolitan France.
 */
export function holidayPlaceOfDepartment(code: string | null | undefined): HolidayPlace {
  const trimmed = code?.trim().toUpperCase() ?? '';
  const normalised = trimmed.length === 3 && trimmed.startsWith('0') ? trimmed.slice(1) : trimmed;
  if (normalised === '57' || normalised === '67' || normalised === '68') return `FR-${normalised}`;
  return overseas[normalised] ?? metropolitanFrance;
}

const calendars = new Map<HolidayPlace, Holidays>();

function holidaysOf(place: HolidayPlace): Holidays {
  let found = calendars.get(place);
  if (!found) {
    const [country, state] = place.split('-');
    found = new (loadHolidays())(country, state, { languages: ['fr'], types: ['public'] });
    if (!found.getCountries()[country]) throw new RangeError(`Lieu de jours fériés inconnu : ${place}.`);
    calendars.set(place, found);
  }
  return found;
}

/** The Gregorian calendar starts in 1583; far years make no sense here. */
const minYear = 1583;
const maxYear = 9999;

export function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < minYear || year > maxYear) {
    throw new RangeError(`Année ${year} hors de la plage prise en charge (${minYear}–${maxYear}).`);
  }
}

/** Years kept per place; computing one costs about a millisecond, reading it a map lookup. */
const byYear = new Map<string, { list: PlaceHoliday[]; dates: ReadonlySet<LocalDate> }>();
const maxYears = 2000;

function yearOf(place: HolidayPlace, year: number) {
  const key = `${place}:${year}`;
  let found = byYear.get(key);
  if (!found) {
    assertYear(year);
    const list = holidaysOf(place)
      .getHolidays(year)
      .filter((h) => h.type === 'public')
      .map((h) => ({ date: h.date.slice(0, 10), rule: h.rule, label: h.name }))
      .sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
    if (byYear.size >= maxYears) byYear.delete(byYear.keys().next().value!);
    found = { list, dates: new Set(list.map((h) => h.date)) };
    byYear.set(key, found);
  }
  return found;
}

/** The public holidays of `place` in `year`, sorted by date. */
export function publicHolidays(place: HolidayPlace, year: number): PlaceHoliday[] {
  return [...yearOf(place, year).list];
}

/** Whether a local date is a public holiday at `place` (the year's set is computed once). */
export function isPublicHoliday(place: HolidayPlace, date: LocalDate): boolean {
  return yearOf(place, Number(date.slice(0, 4))).dates.has(date);
}
