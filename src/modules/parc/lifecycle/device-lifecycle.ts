import { lifeOf, type ExpectedLife } from './expected-life.js';

/** Where a device's age is counted from: its purchase, else its first inventory, else unknown. */
export type AgeSource = 'purchase' | 'first-inventory';
export type WarrantyState = 'covered' | 'expired' | 'unknown';

export interface LifecycleInput {
  assetClass: string;
  /** `YYYY-MM-DD` (a date column). */
  purchaseDate: string | null;
  firstInventoryAt: Date | null;
  /** `YYYY-MM-DD`. */
  warrantyEnd: string | null;
}

export interface DeviceLifecycle {
  ageStart: string | null;
  ageSource: AgeSource | null;
  /** Whole and fractional years, one decimal. */
  ageYears: number | null;
  expectedLifeYears: number;
  /** The calendar year the device reaches its expected life. */
  renewalYear: number | null;
  warranty: WarrantyState;
}

const dayMs = 86_400_000;
export const daysPerYear = 365.25;

/** A calendar date of an instant, in UTC (the database compares dates the same way). */
export function isoDate(at: Date): string {
  return at.toISOString().slice(0, 10);
}

function dayNumber(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / dayMs);
}

export function ageStart(input: Pick<LifecycleInput, 'purchaseDate' | 'firstInventoryAt'>): { date: string; source: AgeSource } | null {
  if (input.purchaseDate) return { date: input.purchaseDate, source: 'purchase' };
  if (input.firstInventoryAt) return { date: isoDate(input.firstInventoryAt), source: 'first-inventory' };
  return null;
}

/** Years between two calendar dates, never negative (a purchase date in the future counts as new). */
export function ageInYears(start: string, today: string): number {
  return Math.max(0, (dayNumber(today) - dayNumber(start)) / daysPerYear);
}

export function renewalYear(start: string, lifeYears: number): number {
  return Number(start.slice(0, 4)) + lifeYears;
}

export function warrantyState(warrantyEnd: string | null, today: string): WarrantyState {
  if (!warrantyEnd) return 'unknown';
  return warrantyEnd >= today ? 'covered' : 'expired';
}

/** Age, expected life, renewal year and warranty of one device on a given day. */
export function deviceLifecycle(input: LifecycleInput, life: ExpectedLife, now: Date): DeviceLifecycle {
  const today = isoDate(now);
  const start = ageStart(input);
  const expectedLifeYears = lifeOf(life, input.assetClass);
  return {
    ageStart: start?.date ?? null,
    ageSource: start?.source ?? null,
    ageYears: start ? Math.round(ageInYears(start.date, today) * 10) / 10 : null,
    expectedLifeYears,
    renewalYear: start ? renewalYear(start.date, expectedLifeYears) : null,
    warranty: warrantyState(input.warrantyEnd, today),
  };
}
