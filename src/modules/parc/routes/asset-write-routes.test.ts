import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp, type TestUser } from '../../../test/app.js';
import { assets } from '../db/schema.js';
import { insertAsset, insertRoom, uniqueSerial } from '../operations/testing-assets.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

async function call(method: 'POST' | 'PATCH', url: string, user: TestUser | null, payload?: unknown) {
  return t.app.inject({ method, url, headers: user ? await t.headers(user) : {}, payload: payload as object });
}

describe('POST /api/assets', () => {
  it('creates a device and answers with its detail (201), or 400/401/403 with French messages', async () => {
    const school = t.ids.establishments.unit1[0];
    const created = await call('POST', '/api/assets', 'technician', { class: 'interactive-display', uai: school.uai, serial: uniqueSerial(), purchasePrice: 2490, purchaseDate: '2025-06-30' });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body).toMatchObject({ class: 'interactive-display', status: 'in-stock', uai: school.uai, ownerKind: 'authority', purchasePrice: 2490, stale: false, version: 1, permissions: { update: true } });
    expect(body.history[0]).toMatchObject({ kind: 'install', source: 'person' });

    const invalid = await call('POST', '/api/assets', 'technician', { class: 'fusée', uai: '123', purchaseDate: '31/12/2025' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.issues.map((i: { path: string }) => i.path).sort()).toEqual(['body.class', 'body.purchaseDate', 'body.uai']);
    expect((await call('POST', '/api/assets', null, { class: 'laptop' })).statusCode).toBe(401);
    expect((await call('POST', '/api/assets', 'establishment-staff', { class: 'laptop', uai: t.ids.staffSchool.uai })).statusCode).toBe(403);
    expect((await call('POST', '/api/assets', 'contractor', { class: 'laptop', uai: t.ids.establishments.unit2[0].uai })).statusCode).toBe(403);
    const outOfScope = await call('POST', '/api/assets', 'technician', { class: 'laptop', uai: t.ids.establishments.unit2[0].uai });
    expect(outOfScope.statusCode).toBe(400);
    expect(outOfScope.body).not.toContain(t.ids.establishments.unit2[0].name);
  });
});

describe('PATCH /api/assets/:id', () => {
  it('edits with the version read (200), answers 409 to a stale one, 404 out of scope, 403 to readers', async () => {
    const school = t.ids.establishments.unit1[0];
    const room = await insertRoom(t, school.id, 'Salle 104');
    const device = await insertAsset(t, { establishmentId: school.id, name: 'PC-104-01' });
    const url = `/api/assets/${device.id}`;
    const ok = await call('PATCH', url, 'technician', { version: 1, roomId: room.id, name: 'PC-104-02', imageVersion: 'W11-24H2-2025.09' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ roomId: room.id, name: 'PC-104-02', imageVersion: 'W11-24H2-2025.09', lockedFields: ['establishmentId', 'name'], version: 2 });
    expect(ok.json().history.map((h: { kind: string }) => h.kind)).toEqual(expect.arrayContaining(['move', 'change']));
    const stale = await call('PATCH', url, 'technician', { version: 1, name: 'PC-104-03' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    expect((await call('PATCH', url, 'technician', { name: 'sans version' })).statusCode).toBe(400);
    expect((await call('PATCH', url, 'establishment-staff', { version: 2, name: 'x' })).statusCode).toBe(403);
    expect((await call('PATCH', url, 'admin-b', { version: 2, name: 'x' })).statusCode).toBe(404);
    expect((await call('PATCH', url, null, { version: 2, name: 'x' })).statusCode).toBe(401);
    const outside = await insertAsset(t, { establishmentId: t.ids.establishments.unit2[0].id });
    expect((await call('PATCH', `/api/assets/${outside.id}`, 'technician', { version: 1, name: 'x' })).statusCode).toBe(404);
    expect((await call('PATCH', '/api/assets/pas-un-uuid', 'technician', { version: 1 })).statusCode).toBe(400);
  });
});

describe('POST /api/assets/bulk', () => {
  it('lends a cart of tablets (200), refuses more than 1,000 ids (400) and a batch reaching out of scope (404)', async () => {
    const school = t.ids.establishments.unit1[1];
    const values = Array.from({ length: 12 }, () => ({ tenantId: t.ids.a.tenantId, assetClass: 'tablet', status: 'in-service', establishmentId: school.id, serial: uniqueSerial('TAB') }));
    const ids = (await t.ctx.db.insert(assets).values(values).returning({ id: assets.id })).map((r) => r.id);
    const lent = await call('POST', '/api/assets/bulk', 'technician', { action: 'lend', ids, borrower: 'Classe de 5e A, projet radio', until: '2099-06-30' });
    expect(lent.statusCode).toBe(200);
    expect(lent.json()).toEqual({ changed: 12, unchanged: 0 });
    const many = Array.from({ length: 1001 }, () => crypto.randomUUID());
    expect((await call('POST', '/api/assets/bulk', 'technician', { action: 'return', ids: many })).statusCode).toBe(400);
    expect((await call('POST', '/api/assets/bulk', 'technician', { action: 'lend', ids })).statusCode).toBe(400); // a loan says to whom
    const outside = await insertAsset(t, { establishmentId: t.ids.establishments.unit2[0].id });
    const mixed = await call('POST', '/api/assets/bulk', 'technician', { action: 'return', ids: [...ids, outside.id] });
    expect(mixed.statusCode).toBe(404);
    expect(mixed.body).not.toContain(outside.id);
    expect((await call('POST', '/api/assets/bulk', 'contractor', { action: 'return', ids })).statusCode).toBe(403);
    expect((await call('POST', '/api/assets/bulk', null, { action: 'return', ids })).statusCode).toBe(401);
  });

  it('retires 1,000 devices in one request', async () => {
    const school = t.ids.establishments.unit1[0];
    const values = Array.from({ length: 1000 }, () => ({ tenantId: t.ids.a.tenantId, assetClass: 'desktop', status: 'in-service', establishmentId: school.id, serial: uniqueSerial('OLD') }));
    const ids = (await t.ctx.db.insert(assets).values(values).returning({ id: assets.id })).map((r) => r.id);
    const started = Date.now();
    const retired = await call('POST', '/api/assets/bulk', 'authority-admin', { action: 'set-status', ids, status: 'retired' });
    expect(retired.json()).toEqual({ changed: 1000, unchanged: 0 });
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});

describe('merge and undo', () => {
  it('merges two records (200), undoes the merge (200), refuses a second undo (409)', async () => {
    const school = t.ids.establishments.unit1[0];
    const keep = await insertAsset(t, { establishmentId: school.id });
    const duplicate = await insertAsset(t, { establishmentId: school.id, serial: null, inventoryNumber: `INV-${uniqueSerial()}`, supplier: 'UGAP' });
    const merged = await call('POST', '/api/assets/merge', 'technician', { keepId: keep.id, mergeId: duplicate.id });
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toMatchObject({ id: keep.id, supplier: 'UGAP', inventoryNumber: duplicate.inventoryNumber });
    const matchId = merged.json().matchId;
    expect(merged.json().matches[0]).toMatchObject({ id: matchId, kind: 'merge', undone: false });
    const undo = await call('POST', `/api/assets/${keep.id}/matches/${matchId}/undo`, 'technician');
    expect(undo.statusCode).toBe(200);
    expect(undo.json()).toMatchObject({ restoredId: duplicate.id, supplier: null });
    expect(undo.json().matches[0]).toMatchObject({ id: matchId, undone: true });
    expect((await call('POST', `/api/assets/${keep.id}/matches/${matchId}/undo`, 'technician')).statusCode).toBe(409);
    expect((await call('POST', `/api/assets/${keep.id}/matches/${matchId}/undo`, 'establishment-staff')).statusCode).toBe(403);
    expect((await call('POST', `/api/assets/${keep.id}/matches/999999/undo`, 'technician')).statusCode).toBe(404);
    expect((await call('POST', '/api/assets/merge', 'technician', { keepId: keep.id, mergeId: keep.id })).statusCode).toBe(400);
  });
});
