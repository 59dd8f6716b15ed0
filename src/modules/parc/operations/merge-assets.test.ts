import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../server/platform/errors.js';
import { testApp, type TestApp } from '../../../test/app.js';
import { assetMatches, assetSoftware, assets } from '../db/schema.js';
import { glpiExampleReport } from '../inventory/testing/fixtures.js';
import { ingestReport } from './ingest-report.js';
import { mergeAssets } from './merge-assets.js';
import { actingAs, assetRow, auditOf, historyOf, insertAsset, uniqueSerial } from './testing-assets.js';
import { undoAssetMatch } from './undo-asset-match.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const glpi = glpiExampleReport;

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

const softwareCount = async (assetId: string) =>
  (await t.ctx.db.select().from(assetSoftware).where(and(eq(assetSoftware.tenantId, t.ids.a.tenantId), eq(assetSoftware.assetId, assetId)))).length;

describe('mergeAssets and its undo', () => {
  it('merges an imported purchase line into the device the agent found, then restores both as they were', async () => {
    const admin = await actingAs(t, 'authority-admin');
    const school = t.ids.establishments.unit1[0];
    const report = { ...glpi('computer_1.json'), tag: school.uai };
    const agentDevice = (await ingestReport(t.ctx, { tenantId: t.ids.a.tenantId, report, storeLastUser: false })).assetId;
    const purchase = await insertAsset(t, {
      establishmentId: school.id,
      serial: null,
      inventoryNumber: `INV-${uniqueSerial()}`,
      supplier: 'UGAP',
      purchasePrice: '799.00',
      purchaseDate: '2024-09-01',
      status: 'delivered',
    });
    await t.ctx.db.update(assets).set({ parentAssetId: purchase.id }).where(eq(assets.id, (await insertAsset(t, { establishmentId: school.id })).id));
    const before = (await assetRow(t, agentDevice))!;
    const installed = await softwareCount(agentDevice);

    const { matchId } = await mergeAssets(admin, { keepId: agentDevice, mergeId: purchase.id, reason: 'même poste, ligne de commande' });
    expect(await assetRow(t, purchase.id)).toBeNull();
    const merged = (await assetRow(t, agentDevice))!;
    expect(merged).toMatchObject({ supplier: 'UGAP', purchasePrice: '799.00', inventoryNumber: purchase.inventoryNumber, status: before.status, version: before.version + 1 });
    const history = await historyOf(t, agentDevice);
    expect(history.at(-1)).toMatchObject({ kind: 'merge', source: 'person' });
    expect(history.at(-1)!.summary).toMatch(/^Fusion manuelle avec l’équipement « inventaire INV-/);
    const [match] = await t.ctx.db.select().from(assetMatches).where(eq(assetMatches.id, matchId));
    expect(match).toMatchObject({ kind: 'merge', assetId: agentDevice });
    expect(match.reason).toContain('même poste');
    expect((await auditOf(t, agentDevice)).map((a) => a.action)).toContain('merge');

    // a second undo of the same merge is refused; the first restores everything
    const { restoredId } = await undoAssetMatch(admin, { id: agentDevice, matchId });
    expect(restoredId).toBe(purchase.id);
    expect(await assetRow(t, purchase.id)).toMatchObject({ supplier: 'UGAP', inventoryNumber: purchase.inventoryNumber, status: 'delivered', establishmentId: school.id });
    const restoredKept = (await assetRow(t, agentDevice))!;
    expect(restoredKept).toMatchObject({ supplier: null, purchasePrice: null, inventoryNumber: before.inventoryNumber });
    expect(await softwareCount(agentDevice)).toBe(installed);
    const children = await t.ctx.db.select().from(assets).where(eq(assets.parentAssetId, purchase.id));
    expect(children).toHaveLength(1);
    expect((await historyOf(t, purchase.id)).at(-1)!.summary).toMatch(/Rétabli/);
    expect((await refusal(undoAssetMatch(admin, { id: agentDevice, matchId }))).code).toBe('CONFLICT');
  });

  it('moves the absorbed device’s history and software to the kept one', async () => {
    const admin = await actingAs(t, 'authority-admin');
    const school = t.ids.establishments.unit1[1];
    const withSoftware = (await ingestReport(t.ctx, { tenantId: t.ids.a.tenantId, report: { ...glpi('computer_3.json'), tag: school.uai }, storeLastUser: false })).assetId;
    const keep = await insertAsset(t, { establishmentId: school.id, serial: null, inventoryNumber: `INV-${uniqueSerial()}` });
    const installed = await softwareCount(withSoftware);
    const events = (await historyOf(t, withSoftware)).length;
    await mergeAssets(admin, { keepId: keep.id, mergeId: withSoftware });
    expect(await softwareCount(keep.id)).toBe(installed);
    const kept = (await assetRow(t, keep.id))!;
    expect(kept.softwareCount).toBe(installed);
    expect(kept.agentDeviceId).not.toBeNull();
    expect((await historyOf(t, keep.id)).length).toBe(events + 1);
  });

  it('refuses the same device twice, a device out of scope, and read-only roles', async () => {
    const tech = await actingAs(t, 'technician');
    const mine = await insertAsset(t, { establishmentId: t.ids.establishments.unit1[0].id });
    const outside = await insertAsset(t, { establishmentId: t.ids.establishments.unit2[0].id });
    expect((await refusal(mergeAssets(tech, { keepId: mine.id, mergeId: mine.id }))).code).toBe('VALIDATION');
    expect((await refusal(mergeAssets(tech, { keepId: mine.id, mergeId: outside.id }))).code).toBe('NOT_FOUND');
    expect(await assetRow(t, outside.id)).not.toBeNull();
    expect((await refusal(mergeAssets(await actingAs(t, 'contractor'), { keepId: outside.id, mergeId: mine.id }))).code).toBe('FORBIDDEN');
  });
});

describe('undoing a link', () => {
  it('detaches the agent that the matching linked to a known device, keeps the device’s data, and records why', async () => {
    const tech = await actingAs(t, 'technician');
    const school = t.ids.establishments.unit1[0];
    const original = { ...glpi('computer_2.json'), tag: school.uai };
    const first = await ingestReport(t.ctx, { tenantId: t.ids.a.tenantId, report: original, storeLastUser: false });
    const relinked = await ingestReport(t.ctx, { tenantId: t.ids.a.tenantId, report: { ...original, deviceId: 'reinstalled-2026-11-24' }, storeLastUser: false });
    expect(relinked.assetId).toBe(first.assetId);
    const [link] = await t.ctx.db.select().from(assetMatches).where(and(eq(assetMatches.assetId, first.assetId), eq(assetMatches.kind, 'link')));
    const before = (await assetRow(t, first.assetId))!;
    expect(before.agentDeviceId).toBe('reinstalled-2026-11-24');

    await undoAssetMatch(tech, { id: first.assetId, matchId: link.id });
    const after = (await assetRow(t, first.assetId))!;
    expect(after).toMatchObject({ agentDeviceId: null, serial: before.serial, name: before.name, softwareCount: before.softwareCount });
    const [undone] = await t.ctx.db.select().from(assetMatches).where(eq(assetMatches.id, link.id));
    expect(undone.undoneAt).not.toBeNull();
    const last = (await historyOf(t, first.assetId)).at(-1)!;
    expect(last).toMatchObject({ kind: 'unlink', source: 'person', actorLabel: tech.actor.label });
    expect(last.summary).toContain('reinstalled-2026-11-24');
    expect((await auditOf(t, first.assetId)).map((a) => a.action)).toContain('undo-link');
  });

  it('answers 404 for a match of another device and for a device out of scope', async () => {
    const admin = await actingAs(t, 'authority-admin');
    const device = await insertAsset(t, { establishmentId: t.ids.establishments.unit2[0].id });
    const [other] = await t.ctx.db.select({ id: assetMatches.id }).from(assetMatches).limit(1);
    expect((await refusal(undoAssetMatch(admin, { id: device.id, matchId: other.id }))).code).toBe('NOT_FOUND');
    expect((await refusal(undoAssetMatch(await actingAs(t, 'technician'), { id: device.id, matchId: other.id }))).code).toBe('NOT_FOUND');
  });
});
