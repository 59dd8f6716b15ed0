import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../server/platform/errors.js';
import { testApp, type TestApp } from '../../../test/app.js';
import { createAsset } from './create-asset.js';
import { actingAs, assetRow, auditOf, historyOf, insertAsset, insertRoom, uniqueSerial } from './testing-assets.js';
import { updateAsset } from './update-asset.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('createAsset', () => {
  it('records a device by hand in a school of the technician, with its administrative fields, history and audit', async () => {
    const tech = await actingAs(t, 'technician');
    const school = t.ids.establishments.unit1[0];
    const room = await insertRoom(t, school.id, 'B12');
    const { id } = await createAsset(tech, {
      class: 'projector',
      status: 'installed',
      ownerKind: 'authority',
      uai: school.uai.toLowerCase() as string,
      roomId: room.id,
      serial: 'epson x 123',
      funder: 'authority',
      fundingSource: 'feder',
      supplier: 'UGAP',
      orderReference: 'BC-2025-0042',
      purchaseDate: '2025-09-01',
      purchasePrice: 649.9,
      warrantyEnd: '2030-09-01',
    });
    const row = (await assetRow(t, id))!;
    expect(row).toMatchObject({ establishmentId: school.id, roomId: room.id, serial: 'EPSONX123', purchasePrice: '649.90', fundingSource: 'feder', lockedFields: [] });
    expect((await historyOf(t, id)).map((e) => [e.kind, e.source, e.actorLabel])).toEqual([['install', 'person', tech.actor.label]]);
    expect((await auditOf(t, id)).map((a) => a.action)).toEqual(['create']);
  });

  it('refuses a school out of scope, a room of another school, a warranty before purchase and a serial already taken', async () => {
    const tech = await actingAs(t, 'technician');
    const inUnit2 = t.ids.establishments.unit2[0];
    const otherRoom = await insertRoom(t, t.ids.establishments.unit1[1].id, 'Labo');
    expect((await refusal(createAsset(tech, { class: 'laptop', status: 'in-stock', ownerKind: 'authority', uai: inUnit2.uai }))).issues?.[0].path).toBe('uai');
    expect((await refusal(createAsset(tech, { class: 'laptop', status: 'in-stock', ownerKind: 'authority', uai: null }))).issues?.[0].path).toBe('uai');
    const school = t.ids.establishments.unit1[0];
    expect((await refusal(createAsset(tech, { class: 'laptop', status: 'in-stock', ownerKind: 'authority', uai: school.uai, roomId: otherRoom.id }))).issues?.[0].path).toBe('roomId');
    expect(
      (await refusal(createAsset(tech, { class: 'laptop', status: 'in-stock', ownerKind: 'authority', uai: school.uai, purchaseDate: '2025-01-01', warrantyEnd: '2024-01-01' }))).code,
    ).toBe('VALIDATION');
    const taken = await insertAsset(t, { establishmentId: t.ids.establishments.unit2[0].id });
    const clash = await refusal(createAsset(tech, { class: 'laptop', status: 'in-stock', ownerKind: 'authority', uai: school.uai, serial: taken.serial!.toLowerCase() }));
    expect(clash.code).toBe('CONFLICT');
    expect(clash.message).not.toContain(t.ids.establishments.unit2[0].name);
  });

  it('lets only tenant-wide roles keep a device outside any school, and refuses read-only roles', async () => {
    const admin = await actingAs(t, 'authority-admin');
    const { id } = await createAsset(admin, { class: 'laptop', status: 'in-stock', ownerKind: 'authority', uai: null });
    expect((await assetRow(t, id))!.establishmentId).toBeNull();
    for (const user of ['establishment-staff', 'contractor', 'steering'] as const) {
      expect((await refusal(createAsset(await actingAs(t, user), { class: 'laptop', status: 'in-stock', ownerKind: 'authority', uai: t.ids.staffSchool.uai }))).code).toBe('FORBIDDEN');
    }
  });
});

describe('updateAsset', () => {
  it('writes a move, a status line and a change line, locks the agent fields a person edited and the place, and audits', async () => {
    const tech = await actingAs(t, 'technician');
    const [from, to] = t.ids.establishments.unit1;
    const room = await insertRoom(t, to.id, 'CDI');
    const device = await insertAsset(t, { establishmentId: from.id, name: 'PC-PROF-01', agentDeviceId: 'pc-prof-01-2025' });
    await updateAsset(tech, {
      id: device.id,
      changes: { version: 1, uai: to.uai, roomId: room.id, status: 'in-repair', name: 'PC-CDI-01', supplier: 'Dell', note: 'écran cassé' },
    });
    const row = (await assetRow(t, device.id))!;
    expect(row).toMatchObject({ establishmentId: to.id, roomId: room.id, status: 'in-repair', name: 'PC-CDI-01', supplier: 'Dell', version: 2, lockedFields: ['establishmentId', 'name'] });
    expect(row.searchText).toContain('pc-cdi-01');
    const history = await historyOf(t, device.id);
    expect(history.map((e) => e.kind)).toEqual(['move', 'status', 'change']);
    expect(history[0].summary).toContain(`${to.uai} (${to.name}), salle CDI`);
    expect(history[1].summary).toBe('Statut : En service → En réparation — écran cassé');
    expect(history[2].summary).toMatch(/^Modifié : nom, fournisseur/);
    const [audit] = await auditOf(t, device.id);
    expect(audit.after).toMatchObject({ status: 'in-repair', supplier: 'Dell', lockedFields: ['establishmentId', 'name'] });
  });

  it('answers 409 to a stale version and changes nothing', async () => {
    const admin = await actingAs(t, 'authority-admin');
    const device = await insertAsset(t, { establishmentId: t.ids.establishments.unit1[0].id });
    await updateAsset(admin, { id: device.id, changes: { version: 1, supplier: 'A' } });
    const stale = await refusal(updateAsset(admin, { id: device.id, changes: { version: 1, supplier: 'B' } }));
    expect(stale.code).toBe('VERSION_CONFLICT');
    expect((await assetRow(t, device.id))!.supplier).toBe('A');
  });

  it('keeps the room when only the status changes, clears it on a move of school, and refuses a room of another school', async () => {
    const admin = await actingAs(t, 'authority-admin');
    const [a, b] = t.ids.establishments.unit1;
    const room = await insertRoom(t, a.id, 'Atelier');
    const device = await insertAsset(t, { establishmentId: a.id, roomId: room.id });
    await updateAsset(admin, { id: device.id, changes: { version: 1, status: 'lent' } });
    expect((await assetRow(t, device.id))!.roomId).toBe(room.id);
    expect((await refusal(updateAsset(admin, { id: device.id, changes: { version: 2, uai: b.uai, roomId: room.id } }))).issues?.[0].path).toBe('roomId');
    await updateAsset(admin, { id: device.id, changes: { version: 2, uai: b.uai } });
    expect(await assetRow(t, device.id)).toMatchObject({ establishmentId: b.id, roomId: null });
  });

  it('sets and clears locks explicitly, and does nothing when nothing changes', async () => {
    const admin = await actingAs(t, 'authority-admin');
    const device = await insertAsset(t, { establishmentId: t.ids.establishments.unit1[0].id, model: 'OptiPlex 7010' });
    await updateAsset(admin, { id: device.id, changes: { version: 1, lockedFields: ['model', 'osName'] } });
    expect((await assetRow(t, device.id))!.lockedFields).toEqual(['model', 'osName']);
    await updateAsset(admin, { id: device.id, changes: { version: 2, lockedFields: [] } });
    expect((await assetRow(t, device.id))!.lockedFields).toEqual([]);
    await updateAsset(admin, { id: device.id, changes: { version: 3, model: 'OptiPlex 7010' } });
    expect((await assetRow(t, device.id))!.version).toBe(3);
  });

  it('answers 404 out of scope or in another tenant, 403 to a role that only reads', async () => {
    const inUnit2 = await insertAsset(t, { establishmentId: t.ids.establishments.unit2[0].id });
    expect((await refusal(updateAsset(await actingAs(t, 'technician'), { id: inUnit2.id, changes: { version: 1, supplier: 'X' } }))).code).toBe('NOT_FOUND');
    expect((await refusal(updateAsset(await actingAs(t, 'admin-b'), { id: inUnit2.id, changes: { version: 1, supplier: 'X' } }))).code).toBe('NOT_FOUND');
    expect((await refusal(updateAsset(await actingAs(t, 'contractor'), { id: inUnit2.id, changes: { version: 1, supplier: 'X' } }))).code).toBe('FORBIDDEN');
    expect((await assetRow(t, inUnit2.id))!.supplier).toBeNull();
  });

  it('refuses a serial another device carries', async () => {
    const admin = await actingAs(t, 'authority-admin');
    const serial = uniqueSerial();
    await insertAsset(t, { serial });
    const device = await insertAsset(t);
    expect((await refusal(updateAsset(admin, { id: device.id, changes: { version: 1, serial } }))).code).toBe('CONFLICT');
  });
});
