import { describe, expect, it } from 'vitest';
import { ageInYears, deviceLifecycle, renewalYear, warrantyState } from './device-lifecycle.js';
import { resolveExpectedLife } from './expected-life.js';

const now = new Date('2026-11-24T10:00:00Z');
const life = resolveExpectedLife({ laptop: 4 });

describe('deviceLifecycle', () => {
  it('counts age from the purchase date and renews after the class life', () => {
    const d = deviceLifecycle({ assetClass: 'desktop', purchaseDate: '2021-09-01', firstInventoryAt: new Date('2022-01-10T08:00:00Z'), warrantyEnd: '2026-09-01' }, life, now);
    expect(d).toEqual({ ageStart: '2021-09-01', ageSource: 'purchase', ageYears: 5.2, expectedLifeYears: 5, renewalYear: 2026, warranty: 'expired' });
  });

  it('falls back on the first inventory when the purchase date is unknown, and uses the tenant’s life', () => {
    const d = deviceLifecycle({ assetClass: 'laptop', purchaseDate: null, firstInventoryAt: new Date('2024-03-15T23:30:00Z'), warrantyEnd: '2027-03-15' }, life, now);
    expect(d.ageSource).toBe('first-inventory');
    expect(d.ageStart).toBe('2024-03-15');
    expect(d.renewalYear).toBe(2028);
    expect(d.warranty).toBe('covered');
  });

  it('says unknown rather than guessing', () => {
    const d = deviceLifecycle({ assetClass: 'tablet', purchaseDate: null, firstInventoryAt: null, warrantyEnd: null }, life, now);
    expect(d).toMatchObject({ ageStart: null, ageSource: null, ageYears: null, renewalYear: null, warranty: 'unknown', expectedLifeYears: 4 });
  });

  it('treats a purchase date in the future as a new device, and a warranty ending today as still covered', () => {
    expect(ageInYears('2027-01-01', '2026-11-24')).toBe(0);
    expect(warrantyState('2026-11-24', '2026-11-24')).toBe('covered');
    expect(warrantyState('2026-11-23', '2026-11-24')).toBe('expired');
    expect(renewalYear('2019-12-31', 5)).toBe(2024);
  });
});
