/**
 * French public holidays (jours fériés), computed rather than stored, so no year is ever missing.
 *
 * - Metropolitan France: the 11 days of article L3133-1 of the Code du travail, Easter-based ones
 *   included (Easter Monday, Ascension = Easter + 39, Whit Monday = Easter + 50).
 * - Alsace-Moselle (départements 57, 67, 68): plus Good Friday and 26 December (local law,
 *   article L3134-13), selected with `{ alsaceMoselle: true }`.
 * - Not covered yet, to add when an overseas authority needs it: the overseas départements'
 *   extra days (abolition of slavery, on a different date in each) and local observances.
 * - Current law is applied to every year: this is not a historical record (8 May, for instance,
 *   was not a holiday between 1959 and 1981).
 * - Whit Monday is listed as a holiday; an employer may make it the "journée de solidarité"
 *   (worked). A calendar cannot open such a day yet (no "extra open days").
 */

/** A local calendar date, "YYYY-MM-DD". */
export type LocalDate = string;

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

/** The Gregorian calendar (and so this algorithm) starts in 1583; far years make no sense here. */
const minYear = 1583;
const maxYear = 9999;

/** Easter Sunday by the anonymous Gregorian algorithm (Meeus / Jones / Butcher). */
export function easterSunday(year: number): LocalDate {
  assertYear(year);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return formatDate(year, month, day);
}

/** The public holidays of `year`, sorted by date. */
export function frenchPublicHolidays(year: number, options: FrenchHolidayOptions = {}): PublicHoliday[] {
  assertYear(year);
  const easter = easterSunday(year);
  const fixed = (month: number, day: number, key: string, label: string): PublicHoliday => ({
    date: formatDate(year, month, day),
    key,
    label,
  });
  const fromEaster = (days: number, key: string, label: string): PublicHoliday => ({
    date: addDays(easter, days),
    key,
    label,
  });
  const list: PublicHoliday[] = [
    fixed(1, 1, 'new-year', "Jour de l'an"),
    fromEaster(1, 'easter-monday', 'Lundi de Pâques'),
    fixed(5, 1, 'labour-day', 'Fête du Travail'),
    fixed(5, 8, 'victory-1945', 'Victoire 1945'),
    fromEaster(39, 'ascension', 'Ascension'),
    fromEaster(50, 'whit-monday', 'Lundi de Pentecôte'),
    fixed(7, 14, 'national-day', 'Fête nationale'),
    fixed(8, 15, 'assumption', 'Assomption'),
    fixed(11, 1, 'all-saints', 'Toussaint'),
    fixed(11, 11, 'armistice-1918', 'Armistice 1918'),
    fixed(12, 25, 'christmas', 'Noël'),
  ];
  if (options.alsaceMoselle) {
    list.push(fromEaster(-2, 'good-friday', 'Vendredi saint'), fixed(12, 26, 'st-stephen', 'Saint-Étienne'));
  }
  return list.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}

const cache = new Map<string, ReadonlySet<LocalDate>>();

/** Whether a local date is a public holiday; the yearly sets are computed once and kept. */
export function isFrenchPublicHoliday(date: LocalDate, options: FrenchHolidayOptions = {}): boolean {
  const year = Number(date.slice(0, 4));
  const cacheKey = `${year}:${options.alsaceMoselle ? 'am' : 'fr'}`;
  let set = cache.get(cacheKey);
  if (!set) {
    set = new Set(frenchPublicHolidays(year, options).map((h) => h.date));
    cache.set(cacheKey, set);
  }
  return set.has(date);
}

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < minYear || year > maxYear) {
    throw new RangeError(`Année ${year} hors de la plage prise en charge (${minYear}–${maxYear}).`);
  }
}

function formatDate(year: number, month: number, day: number): LocalDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Date-only arithmetic in UTC, where every day has 24 hours. */
function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return formatDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}
