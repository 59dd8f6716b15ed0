import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../../../server/platform/db.js';
import { tenantHeader } from '../../../../server/platform/http.js';
import { testApp, testPassword, type TestApp } from '../../../../test/app.js';
import { assignRole, createUser } from '../../../access/index.js';
import { insertDevice } from '../../../guichet/testing.js';
import { seedGuichetDemo, seedTicketHistory } from '../../../guichet/index.js';
import { createOrganization } from '../../../referentiel/operations/create-organization.js';

/**
 * Two communes of tenant A (playing a Métropole): X holds the lycées of unit 1's first commune, Y
 * those of unit 2's. X's account must see X only, whatever it asks.
 */
let t: TestApp;
let x: { id: string; insee: string };
let y: { id: string; insee: string };
let refused: { id: string };
let communeX: Record<string, string>;
const services: Record<string, string> = {};

const as = async (who: 'authority-admin' | 'steering' | 'auditor' | 'technician' | 'commune') => (who === 'commune' ? communeX : t.headers(who));
const call = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, who: Parameters<typeof as>[0] = 'authority-admin') =>
  t.app.inject({ method, url, payload: payload as object | undefined, headers: await as(who) });

async function communeOrg(code: string, insee: string) {
  const org = await createOrganization(t.ctx, { code, kind: 'commune', name: `Commune ${code}`, partnerOf: [t.ids.a.code] });
  return { id: org.tenantId, insee };
}

beforeAll(async () => {
  t = await testApp();
  // the lycées file has no INSEE code: the schools of unit 1 are put in commune X, those of unit 2 in Y
  for (const [insee, list] of [['59350', t.ids.establishments.unit1], ['80021', t.ids.establishments.unit2]] as const) {
    await rows(t.ctx.db, sql`update referentiel.establishments set commune_code = ${insee} where tenant_id = ${t.ids.a.tenantId} and id = any(${`{${list.map((e) => e.id).join(',')}}`}::uuid[]) returning id`);
  }
  x = await communeOrg('commune-x', '59350');
  y = await communeOrg('commune-y', '80021');
  refused = await communeOrg('commune-z', '99999');
  await seedGuichetDemo(t.ctx, t.ids.a.tenantId);
  await seedTicketHistory(t.ctx, { tenantId: t.ids.a.tenantId, establishmentIds: t.ids.establishments.all.map((e) => e.id), perSchool: 10, from: new Date('2026-01-05T00:00:00Z'), to: new Date(), lateShare: 0.3 });
  for (const e of t.ids.establishments.all) for (let i = 0; i < 3; i++) await insertDevice(t, e, { name: `PC-${e.uai}-${i}` });

  const email = 'commune-x@essai.coherence.fr';
  const user = await createUser(t.ctx, { tenantId: x.id, email, displayName: 'Service éducation X', password: testPassword });
  await assignRole(t.ctx, { tenantId: t.ids.a.tenantId, userId: user.id, organizationId: x.id, role: 'steering', unitIds: [t.ids.unit1.id] });
  const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: testPassword }, remoteAddress: '127.3.0.1' });
  const cookie = login.cookies.find((c) => c.name === 'coh_session')!;
  communeX = { cookie: `${cookie.name}=${cookie.value}`, [tenantHeader]: t.ids.a.code };

  for (const [code, categories, target] of [['workstation-maintenance', ['devices'], 0.9], ['ent', ['ent'], 0.95]] as const) {
    const r = await call('POST', '/api/metropole/services', { code, name: code, ticketCategories: categories, resolveWithinTarget: target, costPerDeviceCents: 4500, costPerPupilCents: 300 });
    expect(r.statusCode, r.body).toBe(201);
    services[code] = r.json().id;
  }
  const cycle = (await call('POST', '/api/metropole/cycles', { year: 2026, label: 'Cycle 1' })).json().id;
  for (const [c, status, costSplit] of [[x, 'joined', 'devices'], [y, 'joined', 'devices'], [refused, 'refused', 'pupils']] as const) {
    const insee = 'insee' in c ? c.insee : '99999';
    const r = await call('PUT', `/api/metropole/communes/${c.id}/membership`, { inseeCode: insee, cycleId: cycle, status, costSplit });
    expect(r.statusCode, r.body).toBe(200);
  }
  for (const c of [x, y]) {
    const r = await call('PUT', `/api/metropole/communes/${c.id}/subscriptions`, { serviceIds: [services['workstation-maintenance'], services.ent] });
    expect(r.statusCode, r.body).toBe(200);
  }
});
afterAll(() => t.close());

describe("a commune's service", () => {
  it('the Métropole sees every commune; a commune sees its own only', async () => {
    expect((await call('GET', '/api/metropole/communes')).json().map((c: { communeId: string }) => c.communeId).sort()).toEqual([x.id, y.id, refused.id].sort());
    const own = await call('GET', '/api/metropole/communes', undefined, 'commune');
    expect(own.statusCode).toBe(200);
    expect(own.json()).toEqual([expect.objectContaining({ communeId: x.id, status: 'joined', costSplit: 'devices' })]);
  });

  it("a commune reads its service and never another's, however the request is written", async () => {
    const mine = await call('GET', `/api/metropole/communes/${x.id}/service?year=2026&communeId=${y.id}`, undefined, 'commune');
    expect(mine.statusCode, mine.body).toBe(200);
    const body = mine.json();
    const xSchools = t.ids.establishments.all.filter((e) => body.schools.some((s: { id: string }) => s.id === e.id));
    expect(xSchools.length).toBeGreaterThan(0);
    for (const e of t.ids.establishments.unit2) expect(mine.body).not.toContain(e.uai);
    expect((await call('GET', `/api/metropole/communes/${y.id}/service`, undefined, 'commune')).statusCode).toBe(404);
    expect((await call('GET', `/api/metropole/communes/${y.id}/service/export?format=csv`, undefined, 'commune')).statusCode).toBe(404);
    const csv = await call('GET', `/api/metropole/communes/${x.id}/service/export?format=csv&year=2026`, undefined, 'commune');
    expect(csv.statusCode).toBe(200);
    expect(csv.body.startsWith('\uFEFFUAI;École;Élèves')).toBe(true);
    expect(csv.body).toContain(t.ids.establishments.unit1[0].uai);
    for (const e of t.ids.establishments.unit2) expect(csv.body).not.toContain(e.uai);
    expect((await call('GET', `/api/metropole/communes/${y.id}/service?year=2026`, undefined, 'commune')).body).not.toContain(t.ids.establishments.unit2[0].uai);
    // nor the Métropole's governance, whose data packs show every commune
    expect((await call('GET', '/api/governance/bodies', undefined, 'commune')).statusCode).toBe(403);
    // nor change the catalogue
    expect((await call('PUT', `/api/metropole/communes/${x.id}/subscriptions`, { serviceIds: [] }, 'commune')).statusCode).toBe(403);
  });

  it("the desk's figures against the catalogue's level, and the cost split by devices", async () => {
    const body = (await call('GET', `/api/metropole/communes/${x.id}/service?year=2026`)).json();
    const devices = body.schools.reduce((s: number, e: { devices: number }) => s + e.devices, 0);
    expect(devices).toBe(3 * body.schools.length);
    const maintenance = body.services.find((s: { code: string }) => s.code === 'workstation-maintenance');
    expect(maintenance).toMatchObject({ target: 0.9, units: devices, unitCostCents: 4500, costCents: devices * 4500 });
    const ySchools = (await call('GET', `/api/metropole/communes/${y.id}/service?year=2026`)).json().schools.length;
    expect(maintenance.shareOfTotal).toBeCloseTo(body.schools.length / (body.schools.length + ySchools), 3);
    expect(maintenance.measured).toBeGreaterThan(0);
    expect(maintenance.withinRate).toBeGreaterThanOrEqual(0);
    expect(maintenance.met).toBe(maintenance.withinRate >= 0.9);
    expect(body.totals.costCents).toBe(body.services.reduce((s: number, r: { costCents: number }) => s + r.costCents, 0));
    expect(body.unitLabel).toBe('équipements en service');
  });

  it('bad input: a French message, nothing changed', async () => {
    const before = (await call('GET', '/api/metropole/catalogue')).json();
    const bad = await call('POST', '/api/metropole/services', { code: 'wifi', name: 'Wi-Fi', ticketCategories: ['infrastructure'], resolveWithinTarget: 1.2, costPerDeviceCents: 10.5, costPerPupilCents: 0 });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/Cible entre 0 et 1|Montant en centimes entiers/);
    expect((await call('PUT', `/api/metropole/communes/${refused.id}/subscriptions`, { serviceIds: [services.ent] })).json().error.message).toMatch(/n'a pas adhéré/);
    expect((await call('PUT', `/api/metropole/communes/${x.id}/subscriptions`, { serviceIds: ['00000000-0000-4000-8000-000000000000'] })).json().error.message).toBe('Service inconnu du catalogue.');
    expect((await call('GET', '/api/metropole/communes/00000000-0000-4000-8000-000000000000/service')).statusCode).toBe(404);
    expect((await call('GET', '/api/metropole/catalogue')).json()).toEqual(before);
    expect((await call('GET', '/api/metropole/communes')).json().find((c: { communeId: string }) => c.communeId === x.id).serviceIds).toHaveLength(2);
  });

  it("the technician has no access; tenant B's admin never reaches A's communes", async () => {
    expect((await call('GET', '/api/metropole/communes', undefined, 'technician')).statusCode).toBe(403);
    const b = await t.app.inject({ method: 'GET', url: `/api/metropole/communes/${x.id}/service`, headers: await t.headers('admin-b') });
    expect(b.statusCode).toBe(404);
  });

  it('the Métropole edits its catalogue and cycles with the version read; a commune sees only itself among the partners', async () => {
    const catalogue = (await call('GET', '/api/metropole/catalogue')).json();
    expect(catalogue.canManage).toBe(true);
    expect((await call('GET', '/api/metropole/catalogue', undefined, 'commune')).json().canManage).toBe(false);
    expect((await call('GET', '/api/metropole/catalogue', undefined, 'auditor')).json().canManage).toBe(false);
    const ent = catalogue.services.find((s: { id: string }) => s.id === services.ent);
    const change = { name: 'ENT des écoles', ticketCategories: ['ent', 'digital-resources'], resolveWithinTarget: 0.9, costPerDeviceCents: 900, costPerPupilCents: 275 };
    expect((await call('PUT', `/api/metropole/services/${ent.id}`, { ...change, version: ent.version }, 'commune')).statusCode).toBe(403);
    expect((await call('PUT', `/api/metropole/services/${ent.id}`, { ...change, version: ent.version }, 'auditor')).statusCode).toBe(403);
    const bad = await call('PUT', `/api/metropole/services/${ent.id}`, { ...change, resolveWithinTarget: 2, version: ent.version });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.issues[0]).toMatchObject({ path: 'body.resolveWithinTarget', message: 'Cible entre 0 et 1.' });
    const ok = await call('PUT', `/api/metropole/services/${ent.id}`, { ...change, version: ent.version }, 'steering');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().version).toBe(ent.version + 1);
    const stale = await call('PUT', `/api/metropole/services/${ent.id}`, { ...change, costPerPupilCents: 1, version: ent.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toMatch(/modifié par quelqu'un d'autre/);
    const after = (await call('GET', '/api/metropole/catalogue')).json().services.find((s: { id: string }) => s.id === ent.id);
    expect(after).toMatchObject({ ...change, version: ent.version + 1 });
    const [cycle] = catalogue.cycles;
    expect((await call('PUT', `/api/metropole/cycles/${cycle.id}`, { label: 'Premier cycle (2026)', version: cycle.version })).json().version).toBe(cycle.version + 1);
    expect((await call('PUT', `/api/metropole/cycles/${cycle.id}`, { label: 'Autre', version: cycle.version })).statusCode).toBe(409);
    expect((await call('PUT', '/api/metropole/cycles/00000000-0000-4000-8000-000000000000', { label: 'Autre', version: 1 })).statusCode).toBe(404);

    // a partner commune that has not answered yet is listed for the Métropole, then joins « à la carte »
    const w = await communeOrg('commune-w', '59009');
    const partners = (await call('GET', '/api/metropole/partner-communes', undefined, 'auditor')).json();
    expect(partners.map((p: { communeId: string }) => p.communeId).sort()).toEqual([x.id, y.id, refused.id, w.id].sort());
    expect(partners.find((p: { communeId: string }) => p.communeId === w.id)).toMatchObject({ status: null, cycleId: null, inseeCode: null });
    expect((await call('GET', '/api/metropole/partner-communes', undefined, 'commune')).json()).toEqual([expect.objectContaining({ communeId: x.id, status: 'joined' })]);
    expect((await call('GET', '/api/metropole/partner-communes', undefined, 'technician')).statusCode).toBe(403);
    expect((await call('PUT', `/api/metropole/communes/${w.id}/membership`, { inseeCode: '59009', cycleId: cycle.id, status: 'joined', costSplit: 'pupils' })).statusCode).toBe(200);
    expect((await call('PUT', `/api/metropole/communes/${w.id}/subscriptions`, { serviceIds: [services.ent] })).json().serviceIds).toEqual([services.ent]);
    expect((await call('GET', '/api/metropole/partner-communes')).json().find((p: { communeId: string }) => p.communeId === w.id)).toMatchObject({ status: 'joined', cycleId: cycle.id, costSplit: 'pupils' });
  });

  it('two managers editing the same commune: the second, on the version it read, gets a 409 and changes nothing', async () => {
    const w = (await call('GET', '/api/metropole/partner-communes')).json().find((p: { name: string }) => p.name === 'Commune commune-w');
    const read = w.version as number;
    const answer = { inseeCode: '59009', cycleId: w.cycleId, status: 'joined', costSplit: 'devices', version: read };
    const first = await call('PUT', `/api/metropole/communes/${w.communeId}/membership`, answer);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().version).toBe(read + 1);
    const second = await call('PUT', `/api/metropole/communes/${w.communeId}/membership`, { ...answer, status: 'refused' });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.message).toMatch(/modifié/);
    const stale = await call('PUT', `/api/metropole/communes/${w.communeId}/subscriptions`, { serviceIds: [services.ent], version: read });
    expect(stale.statusCode).toBe(409);
    const services2 = await call('PUT', `/api/metropole/communes/${w.communeId}/subscriptions`, { serviceIds: [services.ent, services['workstation-maintenance']], version: read + 1 });
    expect(services2.json()).toMatchObject({ version: read + 2 });
    expect((await call('GET', '/api/metropole/partner-communes')).json().find((p: { communeId: string }) => p.communeId === w.communeId)).toMatchObject({ status: 'joined', costSplit: 'devices', version: read + 2 });
  });
});
