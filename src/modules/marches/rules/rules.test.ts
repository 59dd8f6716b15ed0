import { describe, expect, it } from 'vitest';
import { AppError } from '../../../server/platform/errors.js';
import { termEnd, totalMonths } from '../ceilings.js';
import { ceilingAlerts, checkCeilingChange, endsWithinThreeMonths } from './ceilings.js';
import { contractSavings, savingsOf } from './savings.js';
import { tally } from './votes.js';

describe('ceiling of an amendment', () => {
  it('refuses a maximum below what was ordered, with both amounts in the message', () => {
    expect(() => checkCeilingChange('lot 2', 100_000_00, 120_000_00)).toThrow(AppError);
    expect(() => checkCeilingChange('lot 2', 100_000_00, 120_000_00)).toThrow(/100 000,00 € .* 120 000,00 €/);
    expect(() => checkCeilingChange('lot 2', 120_000_00, 120_000_00)).not.toThrow();
    expect(() => checkCeilingChange('lot 2', null, 120_000_00)).not.toThrow();
  });
});

describe('alerts', () => {
  it('at 80 % and 100 % of a ceiling', () => {
    expect(ceilingAlerts(1000, 799)).toEqual([]);
    expect(ceilingAlerts(1000, 800)).toEqual(['ceiling-80']);
    expect(ceilingAlerts(1000, 1000)).toEqual(['ceiling-80', 'ceiling-100']);
    expect(ceilingAlerts(null, 1000)).toEqual([]);
  });
  it('three months before the end, not after it', () => {
    expect(endsWithinThreeMonths('2026-03-31', '2026-01-01')).toBe(true);
    expect(endsWithinThreeMonths('2026-04-02', '2026-01-01')).toBe(false);
    expect(endsWithinThreeMonths('2025-12-31', '2026-01-01')).toBe(false);
  });
  it('terms include renewals and end the day before the anniversary', () => {
    expect(totalMonths(24, { count: 2, months: 12 })).toBe(48);
    expect(termEnd('2024-09-01', 48)).toBe('2028-08-31');
  });
});

describe('savings (non-dépense)', () => {
  it('per lot and per contract, against the estimate', () => {
    const lot = savingsOf({ estimateCents: 300, awardedCents: 175, maxCents: 200, committedCents: 50, consumedCents: 30 });
    expect(lot).toMatchObject({ savingAtAwardCents: 125, savingSoFarCents: 220, remainingCents: 120, ceilingUsed: 0.4 });
    const other = savingsOf({ estimateCents: 100, awardedCents: 100, maxCents: 100, committedCents: 0, consumedCents: 0 });
    expect(contractSavings(1200, [lot, other])).toMatchObject({ awardedCents: 275, savingAtAwardCents: 925, maxCents: 300, savingSoFarCents: 1120 });
  });
});

describe('unanimous vote', () => {
  const members = ['region', 'nord', 'pdc'];
  it('adopts only when every member approves', () => {
    expect(tally(members, [{ organizationId: 'region', vote: 'approve' }, { organizationId: 'nord', vote: 'approve' }])).toBe('proposed');
    expect(tally(members, members.map((m) => ({ organizationId: m, vote: 'approve' as const })))).toBe('adopted');
  });
  it('one vote against rejects', () => {
    expect(tally(members, [{ organizationId: 'region', vote: 'approve' }, { organizationId: 'pdc', vote: 'reject' }])).toBe('rejected');
  });
  it('ignores the votes of non-members', () => {
    expect(tally(['region'], [{ organizationId: 'stranger', vote: 'reject' }])).toBe('proposed');
  });
});
