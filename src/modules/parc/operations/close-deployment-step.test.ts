import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCaches, type Caches } from '../../../server/platform/cache.js';
import type { Database, Db } from '../../../server/platform/db.js';
import { createTenant, testDatabase } from '../../../test/database.js';
import { closeDeploymentStep, openDeliveries } from './close-deployment-step.js';

let database: Database;
let tenantId: string;
let cache: Caches;
const on = (db: Db) => ({ db, cache });
const noDatabase = new Proxy({}, { get: () => () => Promise.reject(new Error('no query expected')) }) as unknown as Db;
const input = () => ({ tenantId, assetId: '00000000-0000-4000-8000-000000000001', serial: 'SN-1', at: new Date('2026-09-01T08:00:00Z') });

beforeAll(async () => {
  database = await testDatabase();
  cache = await openCaches();
  tenantId = await createTenant(database.db, { code: 'region-livraisons', kind: 'region', name: 'Région livraisons' });
});
afterAll(() => database.close());

describe('closeDeploymentStep', () => {
  it('costs an inventory nothing while its tenant has no delivery open, and looks again once one is recorded', async () => {
    expect(await closeDeploymentStep(on(database.db), input())).toBe(false);
    expect(await closeDeploymentStep(on(noDatabase), input())).toBe(false); // remembered: no query
    expect(await closeDeploymentStep(on(noDatabase), { ...input(), serial: 'To be filled by O.E.M.' })).toBe(false); // no usable serial
    cache.invalidate(openDeliveries, tenantId);
    await expect(closeDeploymentStep(on(noDatabase), input())).rejects.toThrow('no query expected');
  });
});
