import { describe, expect, it } from 'vitest';
import { AidRuleError, baseAidCents, computeAid, firstDueDateAfter, monthlyDueDates, paymentSchedule, simulateAid, splitInstalments } from './aid.js';

describe('family aid', () => {
  it('is granted strictly below the 72,000 EUR ceiling and refused at it', () => {
    expect(baseAidCents(37_900, 7_199_999)).toBe(18_950);
    expect(baseAidCents(37_900, 7_200_000)).toBe(0);
    expect(baseAidCents(37_900, 0)).toBe(18_950);
  });

  it('is half the price until the cap of 225 EUR', () => {
    expect(baseAidCents(44_998, 1_000_000)).toBe(22_499);
    expect(baseAidCents(44_999, 1_000_000)).toBe(22_499); // odd cent stays with the family
    expect(baseAidCents(45_000, 1_000_000)).toBe(22_500);
    expect(baseAidCents(45_002, 1_000_000)).toBe(22_500);
    expect(baseAidCents(89_900, 1_000_000)).toBe(22_500);
  });

  it('adds a social fund top-up within what is left to pay', () => {
    const r = computeAid({ priceCents: 44_900, householdIncomeCents: 1_000_000, socialFundCents: 10_000, insurance: true });
    expect(r).toEqual({ priceCents: 44_900, aidCents: 22_450, socialFundCents: 10_000, familyCents: 12_450, insuranceCents: 5_600 });
    expect(computeAid({ priceCents: 44_900, householdIncomeCents: 1_000_000, socialFundCents: 22_450, insurance: false }).familyCents).toBe(0);
    expect(() => computeAid({ priceCents: 44_900, householdIncomeCents: 1_000_000, socialFundCents: 22_451, insurance: false })).toThrow(AidRuleError);
    expect(() => computeAid({ priceCents: 44_900, householdIncomeCents: 1_000_000, socialFundCents: -1, insurance: false })).toThrow(AidRuleError);
  });

  it('refuses a negative income or price', () => {
    expect(() => baseAidCents(37_900, -1)).toThrow(/revenu fiscal/);
    expect(() => baseAidCents(0, 10)).toThrow(/prix/);
  });
});

describe('instalments', () => {
  it('splits an odd total in 36 instalments differing by at most one cent and adding up', () => {
    const total = 72_001; // odd, one cent over a multiple of 36
    const parts = splitInstalments(total, 36);
    expect(parts).toHaveLength(36);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
    expect(Math.max(...parts) - Math.min(...parts)).toBeLessThanOrEqual(1);
    expect(parts[0]).toBe(2001);
    expect(parts[35]).toBe(2000);
  });

  it('accepts 1 and 36, refuses 0 and 37', () => {
    expect(splitInstalments(12_345, 1)).toEqual([12_345]);
    expect(splitInstalments(35, 36).reduce((a, b) => a + b, 0)).toBe(35);
    expect(() => splitInstalments(100, 0)).toThrow(/entre 1 et 36/);
    expect(() => splitInstalments(100, 37)).toThrow(/entre 1 et 36/);
    expect(() => splitInstalments(100, 2.5)).toThrow(AidRuleError);
  });

  it('falls due monthly, the 31st clamped without drifting', () => {
    expect(monthlyDueDates('2027-01-31', 4)).toEqual(['2027-01-31', '2027-02-28', '2027-03-31', '2027-04-30']);
    expect(monthlyDueDates('2026-11-15', 3)).toEqual(['2026-11-15', '2026-12-15', '2027-01-15']);
  });

  it('starts the month after, on the Paris calendar day', () => {
    // 23:30 UTC on 31 December is already 1 January in Paris.
    expect(firstDueDateAfter(new Date('2026-12-31T23:30:00Z'))).toBe('2027-02-01');
    expect(firstDueDateAfter(new Date('2026-09-15T10:00:00Z'))).toBe('2026-10-15');
  });

  it('builds a schedule that adds up to what the family owes plus the insurance', () => {
    const sim = simulateAid({ priceCents: 37_900, householdIncomeCents: 3_000_000, instalments: 10, insurance: true, now: new Date('2026-09-01T08:00:00Z') });
    expect(sim.aidCents).toBe(18_950);
    expect(sim.familyCents).toBe(18_950);
    expect(sim.schedule.reduce((a, s) => a + s.amountCents, 0)).toBe(18_950 + 5_600);
    expect(sim.schedule[0]).toEqual({ dueDate: '2026-10-01', amountCents: 2455 });
    expect(paymentSchedule(0, 3, '2026-10-01').map((s) => s.amountCents)).toEqual([0, 0, 0]);
  });
});
