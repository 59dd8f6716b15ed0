import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/app.js';
import { assets } from '../db/schema.js';
import { normalizeOcs, parseOcsRequest, type InventoryReport } from '../inventory/index.js';
import { fixtureText, fusionFile } from '../inventory/testing/fixtures.js';
import { bulkUpdateAssets } from './bulk-update-assets.js';
import { ingestReport } from './ingest-report.js';
import { actingAs, assetRow, historyOf, insertRoom, uniqueSerial } from './testing-assets.js';
import { updateAsset } from './update-asset.js';

/**
 * « Les champs saisis par une personne peuvent être verrouillés contre l’agent » : a device a
 * person moved by hand stays where it was put, whatever school the agent's tag names.
 */
let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

/** The real FusionInventory report of one machine of its own (serial, uuid, deviceid, MACs), tagged with a UAI. */
function reportOf(serial: string, tag: string): InventoryReport {
  const report = normalizeOcs(parseOcsRequest(fixtureText(fusionFile)));
  const hex = createHash('sha256').update(serial).digest('hex');
  return {
    ...report,
    serial,
    uuid: `uuid-${serial}`,
    deviceId: `agent-${serial}`,
    tag,
    networks: report.networks.map((n, i) => ({ ...n, mac: n.mac ? `02:${hex.slice(0, 2)}:${hex.slice(2, 4)}:${hex.slice(4, 6)}:0${i}:01` : n.mac })),
  };
}

const ingest = (report: InventoryReport) => ingestReport(t.ctx, { tenantId: t.ids.a.tenantId, report, storeLastUser: false });

async function lockedBy(id: string) {
  const [row] = await t.ctx.db.select({ lockedFields: assets.lockedFields }).from(assets).where(and(eq(assets.tenantId, t.ids.a.tenantId), eq(assets.id, id)));
  return row.lockedFields;
}

describe('placement lock', () => {
  it('keeps a device a person moved where it was put, says so once in the history, and lets the agent move it again once unlocked', async () => {
    const [first, second] = t.ids.establishments.unit1;
    const third = t.ids.establishments.unit2[0];
    const serial = uniqueSerial('LOCK');
    const { assetId } = await ingest(reportOf(serial, first.uai));
    expect((await assetRow(t, assetId))!.establishmentId).toBe(first.id);

    // a technician carries the PC to another school and records it: the place gets locked
    const tech = await actingAs(t, 'technician');
    const room = await insertRoom(t, second.id, 'CDI');
    await updateAsset(tech, { id: assetId, changes: { version: (await assetRow(t, assetId))!.version, uai: second.uai, roomId: room.id } });
    expect(await lockedBy(assetId)).toEqual(['establishmentId']);

    // the agent still carries its old tag, then a third school's: the device stays, with one line each
    await ingest(reportOf(serial, first.uai));
    await ingest(reportOf(serial, first.uai));
    await ingest(reportOf(serial, third.uai));
    const kept = (await assetRow(t, assetId))!;
    expect(kept).toMatchObject({ establishmentId: second.id, roomId: room.id });
    const history = await historyOf(t, assetId);
    const ignored = history.filter((e) => e.source === 'inventory' && e.summary.includes('ignorée'));
    expect(ignored.map((e) => (e.details as { tag: string }).tag)).toEqual([first.uai, third.uai]);
    expect(ignored[0]).toMatchObject({ kind: 'change', details: { agentEstablishmentId: first.id, establishmentId: second.id, lockedField: 'establishmentId' } });
    expect(history.filter((e) => e.source === 'inventory' && e.kind === 'move')).toEqual([]);

    // the lock removed by hand (nothing else changed): the agent's tag moves the device again
    await updateAsset(tech, { id: assetId, changes: { version: kept.version, lockedFields: [] } });
    expect(await lockedBy(assetId)).toEqual([]);
    await ingest(reportOf(serial, third.uai));
    expect((await assetRow(t, assetId))!).toMatchObject({ establishmentId: third.id, roomId: null });
    const moves = (await historyOf(t, assetId)).filter((e) => e.source === 'inventory' && e.kind === 'move');
    expect(moves).toHaveLength(1);
    expect(moves[0].details).toMatchObject({ from: second.id, to: third.id });
  });

  it('is set by a change of room alone and by a bulk move, keeping the other locks', async () => {
    const [first, second] = t.ids.establishments.unit1;
    const tech = await actingAs(t, 'technician');
    const a = (await ingest(reportOf(uniqueSerial('ROOM'), first.uai))).assetId;
    const room = await insertRoom(t, first.id, 'Salle 12');
    await updateAsset(tech, { id: a, changes: { version: (await assetRow(t, a))!.version, roomId: room.id, name: 'PC-12-01' } });
    expect(await lockedBy(a)).toEqual(['establishmentId', 'name']);

    const b = (await ingest(reportOf(uniqueSerial('BULK'), first.uai))).assetId;
    const c = (await ingest(reportOf(uniqueSerial('BULK'), first.uai))).assetId;
    await updateAsset(tech, { id: c, changes: { version: (await assetRow(t, c))!.version, lockedFields: ['model'] } });
    expect(await bulkUpdateAssets(tech, { action: 'move', ids: [b, c], uai: second.uai, roomId: null })).toMatchObject({ changed: 2 });
    expect(await lockedBy(b)).toEqual(['establishmentId']);
    expect(await lockedBy(c)).toEqual(['establishmentId', 'model']);

    // the next reports, tagged with the old school, leave both where the bulk move put them
    for (const id of [b, c]) {
      const row = (await assetRow(t, id))!;
      await ingest(reportOf(row.serial!, first.uai));
      expect((await assetRow(t, id))!.establishmentId).toBe(second.id);
    }
  });

  it('can be set explicitly without moving, and an agent tag naming the same school writes nothing', async () => {
    const [first] = t.ids.establishments.unit1;
    const tech = await actingAs(t, 'technician');
    const serial = uniqueSerial('SAME');
    const id = (await ingest(reportOf(serial, first.uai))).assetId;
    await updateAsset(tech, { id, changes: { version: (await assetRow(t, id))!.version, lockedFields: ['establishmentId'] } });
    expect(await lockedBy(id)).toEqual(['establishmentId']);
    const before = (await historyOf(t, id)).length;
    await ingest(reportOf(serial, first.uai));
    expect((await historyOf(t, id)).length).toBe(before);
  });
});
