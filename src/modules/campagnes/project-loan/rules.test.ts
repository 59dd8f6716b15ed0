import { describe, expect, it } from 'vitest';
import { lastsAtLeastATerm } from './rules.js';

describe('a project lasts at least a term', () => {
  it('three months to the day before the same date: yes; one day less: no', () => {
    expect(lastsAtLeastATerm('2027-01-04', '2027-04-03')).toBe(true);
    expect(lastsAtLeastATerm('2027-01-04', '2027-04-02')).toBe(false);
    expect(lastsAtLeastATerm('2026-09-01', '2026-11-30')).toBe(true);
    expect(lastsAtLeastATerm('2026-11-30', '2027-02-28')).toBe(true);
    expect(lastsAtLeastATerm('2027-03-01', '2027-02-01')).toBe(false);
  });
});
