import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp, type TestUser } from '../../../test/app.js';
import { currentSiteLinks } from '../index.js';

let t: TestApp;
const now = new Date('2026-09-01T08:00:00Z');
beforeAll(async () => {
  t = await testApp({ clock: () => now });
});
afterAll(() => t.close());

const headers = async (user?: TestUser) => (user ? await t.headers(user) : {});
const call = async (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, user?: TestUser, payload?: unknown) =>
  t.app.inject({ method, url, payload: payload as object, headers: await headers(user) });
const contractId = '0190a3c4-0000-7000-8000-000000000001';

const adsl = (uai: string) => ({ uai, operator: 'Orange', technology: 'adsl', symmetric: false, downMbps: 8, upMbps: 1, monthlyCostCents: 150_000, setupFeeCents: 0, startDate: '2015-01-01' });
const fibre = (uai: string) => ({ uai, operator: 'Titulaire Fibre', technology: 'fibre', symmetric: true, downMbps: 10, upMbps: 10, monthlyCostCents: 79_000, setupFeeCents: 0, startDate: '2017-09-01', contractId });

describe('network links of every site', () => {
  const lycee = () => t.ids.staffSchool;
  let fibreId: string;

  it('records a site’s link, then the contract’s link that closes it, keeping both periods and the changes', async () => {
    const first = await call('POST', '/api/site-links', 'authority-admin', adsl(lycee().uai));
    expect(first.statusCode, first.body).toBe(201);
    const created = await call('POST', '/api/site-links', 'authority-admin', fibre(lycee().uai));
    expect(created.statusCode).toBe(201);
    fibreId = created.json().id;
    expect(created.json()).toMatchObject({ technology: 'fibre', symmetric: true, downMbps: 10, monthlyCostCents: 79_000, contractId, endDate: null });
    const current = await call('GET', `/api/site-links?uai=${lycee().uai}`, 'authority-admin');
    expect(current.json().items.map((l: { operator: string }) => l.operator)).toEqual(['Titulaire Fibre']);
    const all = (await call('GET', `/api/site-links?uai=${lycee().uai}&history=true`, 'authority-admin')).json();
    expect(all.items.map((l: { endDate: string | null }) => l.endDate)).toEqual([null, '2017-08-31']);
    const changes = await call('GET', `/api/site-links/${all.items[1].id}/changes`, 'authority-admin');
    // both written at the same instant of the test's clock: compared as a set
    expect(changes.json().items.map((c: { kind: string }) => c.kind).sort()).toEqual(['created', 'replaced']);
  });

  it('shows the saving before and after the contract and the school’s configurable share', async () => {
    const savings = (await call('GET', `/api/site-links/savings?contractId=${contractId}`, 'steering')).json();
    expect(savings.schoolSharePercent).toBe(50);
    expect(savings.sites).toHaveLength(1);
    expect(savings.sites[0]).toMatchObject({ uai: lycee().uai, savingCents: 71_000, schoolShareCents: 35_500, before: { monthlyCostCents: 150_000 }, after: { monthlyCostCents: 79_000 } });
    expect((await call('PUT', '/api/site-links/settings', 'steering', { schoolSharePercent: 40 })).statusCode).toBe(403);
    expect((await call('PUT', '/api/site-links/settings', 'authority-admin', { schoolSharePercent: 140 })).statusCode).toBe(400);
    expect((await call('PUT', '/api/site-links/settings', 'authority-admin', { schoolSharePercent: 40 })).json()).toEqual({ schoolSharePercent: 40 });
    const after = (await call('GET', '/api/site-links/savings', 'authority-admin')).json();
    expect(after.totals).toEqual({ sites: 1, beforeMonthlyCents: 150_000, afterMonthlyCents: 79_000, savingMonthlyCents: 71_000, schoolShareMonthlyCents: 28_400 });
  });

  it('refuses bad input in French and changes nothing', async () => {
    const asym = await call('POST', '/api/site-links', 'authority-admin', { ...fibre(lycee().uai), upMbps: 5, startDate: '2020-01-01' });
    expect(asym.statusCode).toBe(400);
    expect(asym.json().error.message).toContain('symétrique');
    const early = await call('POST', '/api/site-links', 'authority-admin', { ...fibre(lycee().uai), startDate: '2017-01-01' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('2017-09-01');
    expect((await call('POST', '/api/site-links', 'authority-admin', { ...adsl(lycee().uai), technology: 'pigeon' })).statusCode).toBe(400);
    expect((await call('POST', '/api/site-links', 'authority-admin', { ...adsl('0000000X'), startDate: '2020-01-01' })).statusCode).toBe(404);
    expect((await call('GET', `/api/site-links?uai=${lycee().uai}&history=true`, 'authority-admin')).json().total).toBe(2);
  });

  it('keeps a correction with its version: the second writer gets 409', async () => {
    const first = await call('PATCH', `/api/site-links/${fibreId}`, 'authority-admin', { monthlyCostCents: 78_000, version: 1 });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ monthlyCostCents: 78_000, version: 2 });
    expect((await call('PATCH', `/api/site-links/${fibreId}`, 'authority-admin', { monthlyCostCents: 77_000, version: 1 })).statusCode).toBe(409);
    const changes = (await call('GET', `/api/site-links/${fibreId}/changes`, 'auditor')).json().items;
    expect(changes.find((c: { kind: string }) => c.kind === 'updated')).toMatchObject({ before: { monthlyCostCents: 79_000 }, after: { monthlyCostCents: 78_000 } });
  });

  it('shows a school its own links only; others read within their scope or not at all', async () => {
    await call('POST', '/api/site-links', 'authority-admin', { ...adsl(t.ids.establishments.unit2[0].uai), startDate: '2020-01-01' });
    const staff = (await call('GET', '/api/site-links', 'establishment-staff')).json();
    expect(staff.items.map((l: { uai: string }) => l.uai)).toEqual([lycee().uai]);
    expect(staff.items[0].permissions.update).toBe(false);
    expect((await call('GET', '/api/site-links', 'authority-admin')).json().total).toBe(2);
    expect((await call('POST', '/api/site-links', 'establishment-staff', { ...adsl(lycee().uai), startDate: '2025-01-01' })).statusCode).toBe(403);
    expect((await call('PATCH', `/api/site-links/${fibreId}`, 'technician', { monthlyCostCents: 1, version: 2 })).statusCode).toBe(403);
    expect((await call('GET', `/api/site-links/${fibreId}`, 'admin-b')).statusCode).toBe(404);
    expect((await call('GET', '/api/site-links', 'contractor')).statusCode).toBe(403);
    expect((await call('GET', '/api/site-links')).statusCode).toBe(401);
  });

  it('exports the links as CSV and gives other modules each site’s current link', async () => {
    const csv = await call('GET', '/api/site-links/export?format=csv', 'authority-admin');
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('Titulaire Fibre;Fibre;oui;10;10;780,00');
    const links = await currentSiteLinks(t.database.db, t.ids.a.tenantId, [lycee().id, t.ids.establishments.unit2[1].id], now);
    expect([...links.keys()]).toEqual([lycee().id]);
    expect(links.get(lycee().id)).toEqual({ operator: 'Titulaire Fibre', technology: 'fibre', downMbps: 10, upMbps: 10, symmetric: true, monthlyCostCents: 78_000 });
  });
});
