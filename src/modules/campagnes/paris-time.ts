import { DateTime } from 'luxon';

const zone = 'Europe/Paris';

/** The first instant of day D in Paris (a call opens at midnight of its first day). */
export function parisStartOf(day: string): Date {
  return DateTime.fromISO(day, { zone }).startOf('day').toJSDate();
}

/** The last instant of day D in Paris: a last day D closes at D 23:59:59 Paris time. */
export function parisEndOf(day: string): Date {
  return DateTime.fromISO(day, { zone }).set({ hour: 23, minute: 59, second: 59, millisecond: 0 }).toJSDate();
}

/** The Paris calendar day of an instant (YYYY-MM-DD). */
export function parisDay(at: Date): string {
  return DateTime.fromJSDate(at, { zone }).toISODate()!;
}

/** « 15/03/2027 à 23 h 59 » */
export function parisText(at: Date): string {
  return DateTime.fromJSDate(at, { zone }).setLocale('fr').toFormat("dd/MM/yyyy 'à' HH 'h' mm");
}
