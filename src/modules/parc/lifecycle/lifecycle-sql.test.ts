import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../server/platform/db.js';
import { createTenant, testDatabase } from '../../../test/database.js';
import { assets } from '../db/schema.js';
import { ageBucketOf } from './age-buckets.js';
import { deviceLifecycle, isoDate } from './device-lifecycle.js';
import { resolveExpectedLife } from './expected-life.js';
import { ageBucketSql, ageYearsSql, inFleetSql, renewalYearSql, warrantySql } from './lifecycle-sql.js';

let database: Database;
let tenantId: string;
const now = new Date('2026-11-24T10:00:00Z');
const life = resolveExpectedLife({ laptop: 4, projector: 7 });

const devices = [
  { assetClass: 'desktop', status: 'in-service', purchaseDate: '2021-09-01', firstInventoryAt: null, warrantyEnd: '2026-09-01' },
  { assetClass: 'laptop', status: 'lent', purchaseDate: null, firstInventoryAt: new Date('2024-03-15T23:30:00Z'), warrantyEnd: '2026-11-24' },
  { assetClass: 'projector', status: 'in-repair', purchaseDate: '2015-01-01', firstInventoryAt: null, warrantyEnd: null },
  { assetClass: 'tablet', status: 'in-stock', purchaseDate: null, firstInventoryAt: null, warrantyEnd: null },
  { assetClass: 'desktop', status: 'retired', purchaseDate: '2027-02-01', firstInventoryAt: null, warrantyEnd: '2030-01-01' },
  { assetClass: 'switch', status: 'in-service', purchaseDate: '2018-11-24', firstInventoryAt: null, warrantyEnd: '2020-01-01' },
];

beforeAll(async () => {
  database = await testDatabase();
  tenantId = await createTenant(database.db, { code: 'region-cycle', kind: 'region', name: 'Région cycle de vie' });
  await database.db.insert(assets).values(devices.map((d) => ({ tenantId, ...d })));
});
afterAll(() => database.close());

describe('lifecycle SQL', () => {
  it('gives, device by device, the same age bar, renewal year and warranty as the pure rules', async () => {
    const today = isoDate(now);
    const found = await database.db
      .select({
        assetClass: assets.assetClass,
        status: assets.status,
        purchaseDate: assets.purchaseDate,
        firstInventoryAt: assets.firstInventoryAt,
        warrantyEnd: assets.warrantyEnd,
        age: sql<string | null>`${ageYearsSql(today)}`,
        bucket: sql<number>`${ageBucketSql(today)}`,
        renewal: sql<number | null>`${renewalYearSql(life)}`,
        warranty: sql<string>`${warrantySql(today)}`,
        inFleet: sql<boolean>`${inFleetSql}`,
      })
      .from(assets)
      .where(eq(assets.tenantId, tenantId));
    expect(found).toHaveLength(devices.length);
    for (const row of found) {
      const pure = deviceLifecycle(row, life, now);
      expect(row.bucket, `${row.assetClass} ${row.purchaseDate}`).toBe(ageBucketOf(pure.ageYears));
      expect(row.renewal).toBe(pure.renewalYear);
      expect(row.warranty).toBe(pure.warranty);
      if (pure.ageYears !== null) expect(Number(row.age)).toBeCloseTo(pure.ageYears, 1);
      expect(row.inFleet).toBe(!['ordered', 'retired', 'lost'].includes(row.status));
    }
  });
});
