import type { AssetClass, AssetStatus } from '../asset-classes.js';

/**
 * Which devices count where. The fleet (age, renewal, warranty, operating systems) leaves out
 * what is not there yet or any more: ordered, retired, lost. Pupils per device counts only
 * devices pupils can use today.
 */
export const outOfFleetStatuses: readonly AssetStatus[] = ['ordered', 'retired', 'lost'];
export const usableStatuses: readonly AssetStatus[] = ['in-service', 'lent'];
export const computerClasses: readonly AssetClass[] = ['desktop', 'laptop', 'chromebook'];
export const mobileClasses: readonly AssetClass[] = ['tablet'];

/** Pupils per device, one decimal; null when either side is unknown or zero. */
export function pupilsPer(pupils: number | null, devices: number): number | null {
  if (!pupils || devices <= 0) return null;
  return Math.round((pupils / devices) * 10) / 10;
}

/** A share in [0, 1] with three decimals; null when there is nothing to divide. */
export function share(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null;
}
