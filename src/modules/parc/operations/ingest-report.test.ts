import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemCtx } from '../../../server/platform/context.js';
import type { Database } from '../../../server/platform/db.js';
import { createOrganization } from '../../referentiel/operations/create-organization.js';
import { importEstablishments } from '../../referentiel/operations/import-establishments.js';
import { testDatabase } from '../../../test/database.js';
import { assetEvents, assetSoftware, assets } from '../db/schema.js';
import { normalizeOcs, parseOcsRequest, type InventoryReport } from '../inventory/index.js';
import { fixtureText, fusionFile, glpiExampleReport } from '../inventory/testing/fixtures.js';
import { ingestReport } from './ingest-report.js';

let database: Database;
let tenantId: string;
const ctx = () => systemCtx(database);

const fusion = (): InventoryReport => normalizeOcs(parseOcsRequest(fixtureText(fusionFile)));
const glpi = glpiExampleReport;

async function assetRows() {
  return ctx().db.select().from(assets).where(eq(assets.tenantId, tenantId));
}
async function installedCount(assetId: string) {
  const [row] = await ctx().db.select({ n: count() }).from(assetSoftware).where(and(eq(assetSoftware.tenantId, tenantId), eq(assetSoftware.assetId, assetId)));
  return row.n;
}

beforeAll(async () => {
  database = await testDatabase();
  tenantId = (await createOrganization(ctx(), { code: 'region-parc', kind: 'region', name: 'Région Parc' })).tenantId;
  const lycee = JSON.stringify({ meta: {}, lycees: [{ uai: '0590001F', nom: 'Lycée Essai', ville: 'Lille', codeDept: '59', academie: 'Lille', region: 'Hauts-De-France', secteur: 'public', type: 'GT' }] });
  await importEstablishments(ctx(), { tenantId, bytes: Buffer.from(lycee), filename: 'l.json', mode: 'apply-valid' });
});
afterAll(() => database.close());

describe('ingestReport', () => {
  it('creates a device from the real FusionInventory file with its serial, memory and software', async () => {
    const report = fusion();
    const result = await ingestReport(ctx(), { tenantId, report, storeLastUser: false });
    expect(result.created).toBe(true);
    const [asset] = await assetRows();
    expect(asset.serial).toBe(report.serial);
    expect(asset.memoryMb).toBe(report.memoryMb);
    expect(asset.softwareCount).toBeGreaterThan(700);
    expect(await installedCount(asset.id)).toBe(asset.softwareCount);
    expect(asset.lastUser).toBeNull(); // a pupil's login is not kept unless asked
  });

  it('leaves one device and no duplicate software when the same inventory comes again and again', async () => {
    const report = fusion();
    for (let i = 0; i < 25; i++) {
      const result = await ingestReport(ctx(), { tenantId, report, storeLastUser: false });
      expect(result.created).toBe(false);
      expect(result.softwareRewritten).toBe(false);
    }
    const all = await assetRows();
    expect(all).toHaveLength(1);
    expect(await installedCount(all[0].id)).toBe(all[0].softwareCount);
  });

  it('recognises a reinstalled and renamed machine by its hardware, and says why', async () => {
    const original = glpi('computer_3.json');
    const first = await ingestReport(ctx(), { tenantId, report: original, storeLastUser: false });
    const report = { ...original, deviceId: 'pc-renamed-2026-11-24-10-00-00', name: 'CDI-PC-07' };
    const result = await ingestReport(ctx(), { tenantId, report, storeLastUser: false });
    expect(result.created).toBe(false);
    expect(result.assetId).toBe(first.assetId);
    expect(result.matchReason).toMatch(/série|UUID/);
    const events = await ctx().db.select().from(assetEvents).where(eq(assetEvents.assetId, result.assetId));
    expect(events.map((e) => e.summary).join(' | ')).toContain('Renommé');
  });

  it('attaches a device to the school named by the agent tag, and records a move when it shows up elsewhere', async () => {
    const report = { ...glpi('computer_1.json'), tag: '0590001F' };
    const result = await ingestReport(ctx(), { tenantId, report, storeLastUser: false });
    const [asset] = (await assetRows()).filter((a) => a.id === result.assetId);
    expect(asset.establishmentId).not.toBeNull();
  });

  it('updates only the sections a partial GLPI inventory holds', async () => {
    const full = glpi('computer_1.json');
    const first = await ingestReport(ctx(), { tenantId, report: full, storeLastUser: false });
    const softwareBefore = await installedCount(first.assetId);
    const partial = glpi('computer_1_partial_memory.json');
    expect(partial.partial).toBe(true);
    const second = await ingestReport(ctx(), { tenantId, report: partial, storeLastUser: false });
    expect(second.assetId).toBe(first.assetId);
    expect(second.softwareRewritten).toBe(false);
    expect(await installedCount(first.assetId)).toBe(softwareBefore);
  });

  it('stores HTML and SQL from an agent as text', async () => {
    const hostile = `<script>alert(1)</script>'; DROP TABLE parc.assets;--`;
    const report = { ...glpi('computer_2.json'), deviceId: hostile, name: hostile, tag: hostile };
    const result = await ingestReport(ctx(), { tenantId, report, storeLastUser: false });
    const [asset] = (await assetRows()).filter((a) => a.id === result.assetId);
    expect(asset.agentDeviceId).toBe(hostile);
    expect(asset.name).toBe(hostile);
  });
});
