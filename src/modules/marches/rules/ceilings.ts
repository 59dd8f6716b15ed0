import { AppError } from '../../../server/platform/errors.js';

export const euros = (cents: number) =>
  new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(cents / 100).replace(/\u202f|\u00a0/g, ' ');

/**
 * An amendment may lower a lot's ceiling, never below what members already ordered on it
 * (`orderedCents`: committed and consumed orders, from the orders of the lot).
 */
export function checkCeilingChange(lotLabel: string, newMaxCents: number | null, orderedCents: number): void {
  if (newMaxCents === null) return;
  if (newMaxCents < orderedCents) {
    throw new AppError(
      'CONFLICT',
      `Le maximum du ${lotLabel} ne peut pas descendre à ${euros(newMaxCents)} : ${euros(orderedCents)} ont déjà été commandés sur ce lot.`,
      { details: { lotLabel, newMaxCents, orderedCents } },
    );
  }
}

export type AlertKind = 'ceiling-80' | 'ceiling-100' | 'end-3-months';

/** The ceiling alerts a lot has earned: 80 % and 100 % of its maximum reached. */
export function ceilingAlerts(maxCents: number | null, orderedCents: number): AlertKind[] {
  if (!maxCents || maxCents <= 0) return [];
  const alerts: AlertKind[] = [];
  if (orderedCents * 100 >= maxCents * 80) alerts.push('ceiling-80');
  if (orderedCents >= maxCents) alerts.push('ceiling-100');
  return alerts;
}

/** Whether a term ending on `endsOn` (YYYY-MM-DD) ends within three months of `today`, and has not ended. */
export function endsWithinThreeMonths(endsOn: string | null, today: string): boolean {
  if (!endsOn || endsOn < today) return false;
  const [y, m, d] = today.split('-').map(Number);
  const limit = new Date(Date.UTC(y, m - 1 + 3, d)).toISOString().slice(0, 10);
  return endsOn <= limit;
}
