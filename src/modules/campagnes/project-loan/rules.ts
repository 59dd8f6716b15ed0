import { DateTime } from 'luxon';

/** A project lasts at least a term: three months, its last day included (1 Sept → 30 Nov). */
export function lastsAtLeastATerm(startsOn: string, endsOn: string): boolean {
  const start = DateTime.fromISO(startsOn, { zone: 'Europe/Paris' });
  const end = DateTime.fromISO(endsOn, { zone: 'Europe/Paris' });
  return end >= start.plus({ months: 3 }).minus({ days: 1 });
}

export const loanClassLabels = { tablet: 'Tablettes', 'mobile-cart': 'Classe mobile (chariot)' } as const;
export const loanClasses = ['tablet', 'mobile-cart'] as const;
