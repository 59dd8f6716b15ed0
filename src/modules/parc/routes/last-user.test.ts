import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp, type TestUser } from '../../../test/app.js';
import { auditEvents } from '../../../server/platform/db-schema.js';
import { assetMatches, assets } from '../db/schema.js';
import { glpiExampleReport } from '../inventory/testing/fixtures.js';
import { ingestReport } from '../operations/ingest-report.js';
import { insertAsset, uniqueSerial } from '../operations/testing-assets.js';

/** The last logged-in user an agent reports: shown only while the authority keeps it, erased when it stops. */

let t: TestApp;

const glpi = glpiExampleReport;

beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const call = async (method: 'GET' | 'PUT', url: string, user: TestUser, payload?: unknown) =>
  t.app.inject({ method, url, headers: await t.headers(user), ...(payload ? { payload: payload as Record<string, unknown> } : {}) });

async function setStoreLastUser(user: TestUser, on: boolean) {
  const settings = (await call('GET', '/api/inventory/settings', user)).json();
  const saved = await call('PUT', '/api/inventory/settings', user, { ...settings, storeLastUser: on });
  expect(saved.statusCode).toBe(200);
  expect(saved.json().storeLastUser).toBe(on);
}

const storedUser = async (tenantId: string, id: string) =>
  (await t.ctx.db.select({ lastUser: assets.lastUser }).from(assets).where(and(eq(assets.tenantId, tenantId), eq(assets.id, id))))[0].lastUser;

describe('dernier utilisateur connecté', () => {
  it('is hidden while the setting is off, even when a value is stored', async () => {
    const row = await insertAsset(t, { establishmentId: t.ids.establishments.unit1[0].id, lastUser: 'eleve.cache' });
    const detail = (await call('GET', `/api/assets/${row.id}`, 'authority-admin')).json();
    expect(detail).toHaveProperty('lastUser', null);
  });

  it('is returned while the setting is on, and erased for the whole tenant (devices and merge copies) when it is turned off', async () => {
    await setStoreLastUser('authority-admin', true);
    await setStoreLastUser('admin-b', true);
    const school = t.ids.establishments.unit1[0].uai;
    const a = await ingestReport(t.ctx, {
      tenantId: t.ids.a.tenantId,
      report: { ...glpi('computer_1.json'), tag: school, lastLoggedUser: 'eleve.dupont' },
      storeLastUser: true,
    });
    const b = await ingestReport(t.ctx, {
      tenantId: t.ids.b.tenantId,
      report: { ...glpi('computer_3.json'), tag: t.ids.establishmentsB[0].uai, lastLoggedUser: 'eleve.grandest' },
      storeLastUser: true,
    });
    // a duplicate holding a user, merged into another device: the copy kept for the undo holds it too
    const kept = await insertAsset(t, { establishmentId: t.ids.establishments.unit1[0].id, lastUser: 'eleve.garde' });
    const absorbed = await insertAsset(t, { establishmentId: t.ids.establishments.unit1[0].id, serial: uniqueSerial('DUP'), lastUser: 'eleve.martin' });
    const merged = await t.app.inject({ method: 'POST', url: '/api/assets/merge', headers: await t.headers('authority-admin'), payload: { keepId: kept.id, mergeId: absorbed.id } });
    expect(merged.statusCode).toBe(200);
    const [copy] = await t.ctx.db.select().from(assetMatches).where(and(eq(assetMatches.tenantId, t.ids.a.tenantId), eq(assetMatches.assetId, kept.id)));
    expect(JSON.stringify(copy.mergedAsset)).toContain('eleve.martin');

    expect((await call('GET', `/api/assets/${a.assetId}`, 'authority-admin')).json().lastUser).toBe('eleve.dupont');
    expect((await call('GET', `/api/assets/${a.assetId}`, 'technician')).json().lastUser).toBe('eleve.dupont');
    expect((await call('GET', `/api/assets/${b.assetId}`, 'admin-b')).json().lastUser).toBe('eleve.grandest');

    await setStoreLastUser('authority-admin', false);
    expect((await call('GET', `/api/assets/${a.assetId}`, 'authority-admin')).json().lastUser).toBeNull();
    expect(await storedUser(t.ids.a.tenantId, a.assetId)).toBeNull();
    expect(await storedUser(t.ids.a.tenantId, kept.id)).toBeNull();
    const [cleared] = await t.ctx.db.select().from(assetMatches).where(and(eq(assetMatches.tenantId, t.ids.a.tenantId), eq(assetMatches.id, copy.id)));
    expect(JSON.stringify(cleared.mergedAsset)).not.toContain('eleve.martin');
    // the other authority keeps what it chose to keep
    expect(await storedUser(t.ids.b.tenantId, b.assetId)).toBe('eleve.grandest');
    expect((await call('GET', `/api/assets/${b.assetId}`, 'admin-b')).json().lastUser).toBe('eleve.grandest');
    // the audit says how many were erased
    const audits = await t.ctx.db.select().from(auditEvents).where(and(eq(auditEvents.entityType, 'inventory-settings'), eq(auditEvents.entityId, t.ids.a.tenantId)));
    expect(audits.some((e) => JSON.stringify(e.after).includes('lastUsersCleared'))).toBe(true);

    // turned on again: nothing comes back, the values are gone, not hidden
    await setStoreLastUser('authority-admin', true);
    expect((await call('GET', `/api/assets/${a.assetId}`, 'authority-admin')).json().lastUser).toBeNull();
    // undoing the merge restores the absorbed device without its user
    const undo = await t.app.inject({ method: 'POST', url: `/api/assets/${kept.id}/matches/${copy.id}/undo`, headers: await t.headers('authority-admin') });
    expect(undo.statusCode).toBe(200);
    expect(await storedUser(t.ids.a.tenantId, absorbed.id)).toBeNull();
  });
});
