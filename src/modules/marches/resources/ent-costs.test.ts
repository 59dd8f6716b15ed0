import { describe, expect, it } from 'vitest';
import { entYearlyTotals } from './ent-costs.js';

describe('ENT yearly totals', () => {
  it('counts the launch cost in the opening year, then the yearly cost (the seed: 4,950 EUR then 990 EUR)', () => {
    const site = (openingDate: string) => ({ openingDate, launchCostCents: 495_000, yearlyCostCents: 99_000 });
    const years = entYearlyTotals([site('2015-09-01'), site('2015-09-01'), site('2016-09-01')], 2018);
    expect(years).toEqual([
      { year: 2015, sitesOpen: 2, sitesOpening: 2, launchCents: 990_000, runningCents: 0, totalCents: 990_000 },
      { year: 2016, sitesOpen: 3, sitesOpening: 1, launchCents: 495_000, runningCents: 198_000, totalCents: 693_000 },
      { year: 2017, sitesOpen: 3, sitesOpening: 0, launchCents: 0, runningCents: 297_000, totalCents: 297_000 },
      { year: 2018, sitesOpen: 3, sitesOpening: 0, launchCents: 0, runningCents: 297_000, totalCents: 297_000 },
    ]);
  });
  it('has no year without a site', () => expect(entYearlyTotals([], 2020)).toEqual([]));
});
