import { describe, expect, it } from 'vitest';
import { renewalForecast, type RenewalGroup } from './renewal-forecast.js';

const group = (g: Partial<RenewalGroup>): RenewalGroup => ({
  year: 2026,
  establishmentId: 'e1',
  uai: '0590001F',
  establishmentName: 'Lycée A',
  assetClass: 'desktop',
  due: 0,
  overdue: 0,
  ...g,
});

describe('renewalForecast', () => {
  it('prices each line at the average price of its class and totals each year, overdue included', () => {
    const { rows, totals } = renewalForecast(
      [
        group({ year: 2027, due: 10 }),
        group({ year: 2026, due: 4, overdue: 6 }),
        group({ year: 2026, assetClass: 'projector', due: 2 }),
        group({ year: 2026, uai: '0590002G', assetClass: 'tablet', due: 30 }),
      ],
      { from: 2026, years: 3, averagePrice: { desktop: 650.5, projector: 1200 } },
    );
    expect(rows.map((r) => [r.year, r.uai, r.assetClass, r.estimatedCost])).toEqual([
      [2026, '0590001F', 'desktop', 6505],
      [2026, '0590001F', 'projector', 2400],
      [2026, '0590002G', 'tablet', null],
      [2027, '0590001F', 'desktop', 6505],
    ]);
    expect(totals).toEqual([
      { year: 2026, due: 36, overdue: 6, estimatedCost: 8905, unpriced: 30 },
      { year: 2027, due: 10, overdue: 0, estimatedCost: 6505, unpriced: 0 },
      { year: 2028, due: 0, overdue: 0, estimatedCost: 0, unpriced: 0 },
    ]);
  });
});
