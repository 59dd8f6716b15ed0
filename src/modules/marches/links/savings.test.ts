import { describe, expect, it } from 'vitest';
import { siteSavings, type LinkPeriod } from './savings.js';

const period = (establishmentId: string, startDate: string, monthlyCostCents: number, contractId: string | null = null): LinkPeriod => ({
  establishmentId,
  contractId,
  startDate,
  monthlyCostCents,
  operator: contractId ? 'Titulaire' : 'Ancien opérateur',
  downMbps: 10,
});

describe('before and after a contract', () => {
  it('gives the seed lycée its 710 EUR saving and half of it back', () => {
    const [saving] = siteSavings([period('lycee', '2015-01-01', 150_000), period('lycee', '2017-09-01', 79_000, 'c1')], 50);
    expect(saving).toMatchObject({ savingCents: 71_000, schoolShareCents: 35_500, contractId: 'c1' });
    expect(saving.before.monthlyCostCents).toBe(150_000);
  });

  it('compares with the last period before the contract, applies the configured share, leaves out sites without a before', () => {
    const list = [
      period('a', '2014-01-01', 200_000),
      period('a', '2016-01-01', 120_000),
      period('a', '2018-01-01', 60_000, 'c1'),
      period('a', '2019-01-01', 50_000, 'c1'),
      period('b', '2018-01-01', 60_000, 'c1'),
      period('c', '2016-01-01', 40_000),
      period('c', '2018-01-01', 60_000, 'c1'),
    ];
    const rows = siteSavings(list, 30);
    expect(rows.map((r) => [r.establishmentId, r.savingCents, r.schoolShareCents])).toEqual([
      ['a', 60_000, 18_000],
      ['c', -20_000, 0],
    ]);
    expect(siteSavings(list, 30, 'other')).toEqual([]);
  });
});
