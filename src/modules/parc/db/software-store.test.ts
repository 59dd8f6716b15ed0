import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCaches, type Caches } from '../../../server/platform/cache.js';
import type { Database, Db } from '../../../server/platform/db.js';
import { createTenant, testDatabase } from '../../../test/database.js';
import { assetSoftware, assets, software } from './schema.js';
import { ensureSoftwareIds, normaliseSoftware, softwareIdsCache, writeInstalledSoftware } from './software-store.js';

let database: Database;
let tenantId: string;
let cache: Caches;
const on = (db: Db) => ({ db, cache });

beforeAll(async () => {
  database = await testDatabase();
  cache = await openCaches();
  tenantId = await createTenant(database.db, { code: 'region-logiciels', kind: 'region', name: 'Région logiciels' });
});
afterAll(() => database.close());

const list = (...items: [string, string][]) => normaliseSoftware(items.map(([name, version]) => ({ name, version, publisher: null, arch: null })));
const noDatabase = new Proxy({}, { get: () => () => Promise.reject(new Error('no query expected')) }) as unknown as Db;

describe('software store', () => {
  it('adds products once and then answers known ones from memory', async () => {
    const first = await ensureSoftwareIds(on(database.db), tenantId, list(['7-Zip 22.01 (x64)', '22.01'], ['Firefox', '120.0']));
    expect(first.size).toBe(2);
    const again = await ensureSoftwareIds(on(noDatabase), tenantId, list(['7-Zip 23.01 (x64)', '23.01'], ['Firefox', '121.0']));
    expect(again).toEqual(first);
    cache.invalidate(softwareIdsCache, tenantId);
    expect(await ensureSoftwareIds(on(database.db), tenantId, list(['Firefox', '121.0']))).toEqual(new Map([['firefox', first.get('firefox')]]));
  });

  it('rewrites a device’s list as a diff', async () => {
    const [{ id: assetId }] = await database.db.insert(assets).values({ tenantId, assetClass: 'desktop', status: 'in-service' }).returning({ id: assets.id });
    const installed = async () =>
      (await database.db.select().from(assetSoftware).where(and(eq(assetSoftware.tenantId, tenantId), eq(assetSoftware.assetId, assetId))))
        .map((r) => r.version)
        .sort();
    const write = async (items: [string, string][]) => {
      const l = list(...items);
      await writeInstalledSoftware(database.db, { tenantId, assetId, establishmentId: null, list: l, ids: await ensureSoftwareIds(on(database.db), tenantId, l), cache });
    };
    await write([['Firefox', '120.0'], ['GeoGebra', '6.0'], ['LibreOffice', '7.6']]);
    expect(await installed()).toEqual(['120.0', '6.0', '7.6']);
    await write([['Firefox', '121.0'], ['LibreOffice', '7.6'], ['LibreOffice', '24.2']]);
    expect(await installed()).toEqual(['121.0', '24.2', '7.6']);
  });

  it('forgets the remembered ids when the catalogue refuses one (a row gone), so the next inventory reads them again', async () => {
    const [{ id: assetId }] = await database.db.insert(assets).values({ tenantId, assetClass: 'desktop', status: 'in-service' }).returning({ id: assets.id });
    const items = list(['Scratch', '3.0']);
    const remembered = await ensureSoftwareIds(on(database.db), tenantId, items);
    await database.db.delete(software).where(and(eq(software.tenantId, tenantId), eq(software.key, items[0].key)));
    await expect(writeInstalledSoftware(database.db, { tenantId, assetId, establishmentId: null, list: items, ids: remembered, cache })).rejects.toThrow();
    const again = await ensureSoftwareIds(on(database.db), tenantId, items);
    expect(again.get(items[0].key)).not.toBe(remembered.get(items[0].key));
  });

  // the foreign keys of parc.asset_software are statement-level triggers (migration parc_installed_software_refs)
  it('keeps a line tied to its device and its catalogue row, as the foreign keys did', async () => {
    const [{ id: assetId }] = await database.db.insert(assets).values({ tenantId, assetClass: 'desktop', status: 'in-service' }).returning({ id: assets.id });
    const items = list(['Audacity', '3.4'], ['Inkscape', '1.3']);
    const ids = await ensureSoftwareIds(on(database.db), tenantId, items);
    await writeInstalledSoftware(database.db, { tenantId, assetId, establishmentId: null, list: items, ids, created: true, cache });
    const lines = () => database.db.select().from(assetSoftware).where(and(eq(assetSoftware.tenantId, tenantId), eq(assetSoftware.assetId, assetId)));
    expect(await lines()).toHaveLength(2);
    const code = (error: unknown) => (error as { code?: string; cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code;
    // a device that is not there
    const ghost = '00000000-0000-4000-8000-000000000001';
    const refused = await database.db
      .insert(assetSoftware)
      .values({ tenantId, assetId: ghost, softwareId: ids.get(items[0].key)!, version: '3.4' })
      .catch((e: unknown) => e);
    expect(code(refused)).toBe('23503');
    // a catalogue row still installed
    const installed = await database.db
      .delete(software)
      .where(and(eq(software.tenantId, tenantId), eq(software.key, items[1].key)))
      .catch((e: unknown) => e);
    expect(code(installed)).toBe('23503');
    expect(await database.db.select().from(software).where(and(eq(software.tenantId, tenantId), eq(software.key, items[1].key)))).toHaveLength(1);
    // a deleted device takes its lines along, and then its products may go
    await database.db.delete(assets).where(and(eq(assets.tenantId, tenantId), eq(assets.id, assetId)));
    expect(await lines()).toEqual([]);
    await database.db.delete(software).where(and(eq(software.tenantId, tenantId), eq(software.key, items[1].key)));
  });
});
