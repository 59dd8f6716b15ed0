import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp, type TestUser } from '../../../test/app.js';
import { unassignedReports } from '../db/schema.js';
import { glpiExampleReport } from '../inventory/testing/fixtures.js';
import { insertAsset } from '../operations/testing-assets.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

async function call(method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, user: TestUser | null, payload?: unknown) {
  return t.app.inject({ method, url, headers: user ? await t.headers(user) : {}, payload: payload as object });
}

describe('/api/inventory/settings', () => {
  it('is read and replaced by the authority admin only, version-checked', async () => {
    const read = await call('GET', '/api/inventory/settings', 'authority-admin');
    expect(read.statusCode).toBe(200);
    const settings = read.json();
    expect(settings).toMatchObject({ staleAfterDays: 30, version: 1, expectedLifeYears: { desktop: 5, tablet: 4, projector: 6 } });
    const saved = await call('PUT', '/api/inventory/settings', 'authority-admin', { ...settings, networks: ['2001:db8:10::/48'], staleAfterDays: 15, expectedLifeYears: { tablet: 3 } });
    expect(saved.statusCode).toBe(200);
    const savedBody: Record<string, unknown> = saved.json();
    expect(savedBody).toMatchObject({ networks: ['2001:db8:10::/48'], staleAfterDays: 15, version: 2, expectedLifeYears: { tablet: 3, desktop: 5 } });
    expect((await call('PUT', '/api/inventory/settings', 'authority-admin', { ...settings })).statusCode).toBe(409);
    const badNetwork = await call('PUT', '/api/inventory/settings', 'authority-admin', { ...savedBody, networks: ['0.0.0.0/0'] });
    expect(badNetwork.statusCode).toBe(400);
    expect(badNetwork.json().error.issues[0].path).toBe('networks.0');
    expect((await call('PUT', '/api/inventory/settings', 'authority-admin', { ...savedBody, staleAfterDays: 0 })).statusCode).toBe(400);
    expect((await call('GET', '/api/inventory/settings', 'technician')).statusCode).toBe(403);
    expect((await call('GET', '/api/inventory/settings', null)).statusCode).toBe(401);
    const readToken = await t.app.inject({ method: 'GET', url: '/api/inventory/settings', headers: { authorization: `Bearer ${t.readToken}` } });
    expect(readToken.statusCode).toBe(403);
    // tenant B has its own settings
    expect((await call('GET', '/api/inventory/settings', 'admin-b')).json()).toMatchObject({ staleAfterDays: 30, version: 1 });
  });

  it('flags devices not seen for longer than staleAfterDays in the list', async () => {
    const current = (await call('GET', '/api/inventory/settings', 'authority-admin')).json();
    expect((await call('PUT', '/api/inventory/settings', 'authority-admin', { ...current, staleAfterDays: 15 })).statusCode).toBe(200);
    const old = await insertAsset(t, { establishmentId: t.ids.establishments.unit1[0].id, lastInventoryAt: new Date(Date.now() - 20 * 86_400_000) });
    const fresh = await insertAsset(t, { establishmentId: t.ids.establishments.unit1[0].id, lastInventoryAt: new Date() });
    const list = (await call('GET', '/api/assets?pageSize=500', 'technician')).json();
    const flag = (id: string) => list.items.find((i: { id: string }) => i.id === id).stale;
    expect(flag(old.id)).toBe(true);
    expect(flag(fresh.id)).toBe(false);
    expect((await call('GET', `/api/assets/${old.id}`, 'technician')).json().stale).toBe(true);
  });
});

describe('/api/inventory/credentials', () => {
  it('creates (201, password once), lists without passwords, revokes (204) with the « / » encoded', async () => {
    const username = `${t.ids.a.code}/lycees`;
    const created = await call('POST', '/api/inventory/credentials', 'authority-admin', { username, label: 'Agents des lycées' });
    expect(created.statusCode).toBe(201);
    expect(created.headers['cache-control']).toBe('no-store');
    const { password } = created.json();
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const list = await call('GET', '/api/inventory/credentials', 'authority-admin');
    expect(list.json().items).toEqual([expect.objectContaining({ username, label: 'Agents des lycées', revokedAt: null })]);
    expect(list.body).not.toContain(password);
    expect((await call('POST', '/api/inventory/credentials', 'authority-admin', { username, label: 'x' })).statusCode).toBe(409);
    expect((await call('POST', '/api/inventory/credentials', 'authority-admin', { username: 'autre-collectivite/x', label: 'x' })).statusCode).toBe(400);
    expect((await call('POST', '/api/inventory/credentials', 'authority-admin', { username: `${t.ids.a.code}/y`, label: 'x', password: 'court' })).statusCode).toBe(400);
    expect((await call('DELETE', `/api/inventory/credentials/${encodeURIComponent(username)}`, 'admin-b')).statusCode).toBe(404);
    expect((await call('DELETE', `/api/inventory/credentials/${encodeURIComponent(username)}`, 'technician')).statusCode).toBe(403);
    expect((await call('DELETE', `/api/inventory/credentials/${encodeURIComponent(username)}`, 'authority-admin')).statusCode).toBe(204);
    expect((await call('GET', '/api/inventory/credentials', 'authority-admin')).json().items[0].revokedAt).not.toBeNull();
    expect((await call('POST', '/api/inventory/credentials', null, { username, label: 'x' })).statusCode).toBe(401);
  });
});

describe('/api/inventory/unassigned', () => {
  it('lists the reports naming the authority’s schools and attaches one to its fleet', async () => {
    const school = t.ids.establishments.unit1[0];
    const report = { ...glpiExampleReport('computer_1.json'), tag: school.uai, lastLoggedUser: null };
    const [row] = await t.ctx.db
      .insert(unassignedReports)
      .values({ receivedAt: new Date(), source: report.source, deviceId: report.deviceId, tag: report.tag, remoteAddress: '203.0.113.4', report })
      .returning();
    const list = await call('GET', '/api/inventory/unassigned', 'authority-admin');
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toEqual([expect.objectContaining({ id: row.id, reason: 'tag', tag: school.uai, serial: report.serial })]);
    expect((await call('GET', '/api/inventory/unassigned', 'admin-b')).json().items).toEqual([]);
    expect((await call('GET', '/api/inventory/unassigned', 'steering')).statusCode).toBe(403);
    expect((await call('POST', `/api/inventory/unassigned/${row.id}/attach`, 'admin-b')).statusCode).toBe(404);
    const attached = await call('POST', `/api/inventory/unassigned/${row.id}/attach`, 'authority-admin');
    expect(attached.statusCode).toBe(200);
    expect(attached.json()).toMatchObject({ created: true });
    const device = (await call('GET', `/api/assets/${attached.json().assetId}`, 'technician')).json();
    expect(device.uai).toBe(school.uai);
    expect((await call('POST', `/api/inventory/unassigned/${row.id}/attach`, 'authority-admin')).statusCode).toBe(404);
  });
});
