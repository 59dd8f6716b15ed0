/**
 * French typography shared by the server (mail, exports, messages) and the pages: plurals,
 * numbers and dates in Europe/Paris, « 1er » for the first day of a month.
 */
const numberFormat = new Intl.NumberFormat('fr-FR');

/** « 1 ticket », « 0 ticket », « 2 tickets » (French counts 0 and 1 as singular), number formatted. */
export function plural(count: number, singular: string, pluralForm: string): string {
  return `${numberFormat.format(count)} ${Math.abs(count) < 2 ? singular : pluralForm}`;
}

const parts = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });

function pieces(date: Date) {
  const found = Object.fromEntries(parts.formatToParts(date).map((p) => [p.type, p.value]));
  const day = found.day === '1' ? '1er' : found.day;
  return { date: `${day} ${found.month} ${found.year}`, time: `${found.hour}:${found.minute}` };
}

/** « 1er janvier 2020 », the day in Paris whatever the server's time zone. */
export function frenchDate(value: Date | string): string {
  return pieces(new Date(value)).date;
}

/** « 1er janvier 2020 à 01:00 », in Paris. */
export function frenchDateTime(value: Date | string): string {
  const { date, time } = pieces(new Date(value));
  return `${date} à ${time}`;
}

/** A percentage, or « — » when nothing was due (a rate of nothing is no rate). */
export function rateOrDash(part: number, whole: number): string {
  if (whole <= 0) return '—';
  return `${numberFormat.format(Math.round((part / whole) * 100))} %`;
}
