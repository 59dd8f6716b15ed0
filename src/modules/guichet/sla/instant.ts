import { DateTime } from 'luxon';
import { AppError } from '../../../server/platform/errors.js';

/**
 * An instant on the time line: a `Date` (what `ctx.now()` returns) or an ISO 8601 string that
 * carries its offset (`Z` or `+02:00`). A string without offset is refused: "2026-03-30T08:00"
 * means a different instant in every time zone, and guessing is how clocks end up an hour off.
 */
export type Instant = Date | string;

const withOffset = /(Z|[+-]\d{2}:?\d{2})$/i;

/** Milliseconds since the epoch; throws AppError('VALIDATION') on an invalid or zone-less instant. */
export function toMillis(instant: Instant): number {
  if (instant instanceof Date) {
    const ms = instant.getTime();
    if (Number.isNaN(ms)) throw new AppError('VALIDATION', 'Date invalide.');
    return ms;
  }
  if (!withOffset.test(instant)) {
    throw new AppError('VALIDATION', `Instant « ${instant.slice(0, 40)} » sans fuseau : indiquez Z ou un décalage (+01:00).`);
  }
  const parsed = DateTime.fromISO(instant, { setZone: true });
  if (!parsed.isValid) throw new AppError('VALIDATION', `Instant « ${instant.slice(0, 40)} » invalide.`);
  return parsed.toMillis();
}

/** ISO 8601 in UTC, the form the clock reports instants in. */
export function toIso(ms: number): string {
  return new Date(ms).toISOString();
}
