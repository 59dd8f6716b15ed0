import { and, eq, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenantHeader } from '../../../server/platform/http.js';
import { testApp, testPassword, type TestApp, type TestUser } from '../../../test/app.js';
import { assignRole, createUser } from '../../access/index.js';
import { assets } from '../../parc/db/schema.js';
import { createOrganization } from '../../referentiel/operations/create-organization.js';
import { dashboardCache } from '../indicators/steering-caches.js';
import { lyceeTargets, seedSteering, steeringNow } from '../routes/steering-test-data.js';

/**
 * The dashboards of every role over the same six lycées of tenant A: the authority's estate, a
 * head's school, an académie's (Lille, 09), and a member commune's (the schools of unit 1).
 */
let t: TestApp;
let world: Awaited<ReturnType<typeof seedSteering>>;
let commune: Record<string, string>;

type Caller = TestUser | 'commune';
const headers = async (who: Caller) => (who === 'commune' ? commune : t.headers(who));
const get = async (url: string, who: Caller) => t.app.inject({ method: 'GET', url, headers: await headers(who) });
const json = async (url: string, who: Caller) => {
  const r = await get(url, who);
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};
const uais = (list: { uai: string }[]) => list.map((p) => p.uai).sort();
const uaisOf = (list: { uai: string }[]) => list.map((e) => e.uai).sort();

beforeAll(async () => {
  t = await testApp({ clock: () => steeringNow });
  world = await seedSteering(t);
  expect((await t.app.inject({ method: 'POST', url: '/api/pilotage/target-profiles', headers: await t.headers('steering'), payload: { name: 'Lycées', establishmentKind: 'lycee', indicators: lyceeTargets } })).statusCode).toBe(201);
  const org = await createOrganization(t.ctx, { code: 'commune-essai', kind: 'commune', name: 'Commune essai', partnerOf: [t.ids.a.code] });
  const email = 'commune-pilotage@essai.coherence.fr';
  const user = await createUser(t.ctx, { tenantId: org.tenantId, email, displayName: 'Service éducation', password: testPassword });
  await assignRole(t.ctx, { tenantId: t.ids.a.tenantId, userId: user.id, organizationId: org.tenantId, role: 'steering', unitIds: [t.ids.unit1.id] });
  const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: testPassword }, remoteAddress: '127.3.0.2' });
  const cookie = login.cookies.find((c) => c.name === 'coh_session')!;
  commune = { cookie: `${cookie.name}=${cookie.value}`, [tenantHeader]: t.ids.a.code };
});
afterAll(() => t.close());

describe('the authority’s dashboard', () => {
  it('sums up every school by indicator, status and territory; unknown context is « Inconnu »', async () => {
    const all = await json('/api/pilotage/dashboard', 'steering');
    expect(all.schools).toBe(6);
    expect(all.indicators.find((i: { code: string }) => i.code === 'pupils_per_device')).toMatchObject({ met: 1, notMet: 0, unknown: 5 });
    // the staff school misses Wi-Fi and symmetry, Amiens' misses devices (300 pupils, none); the others, without pupils nor link, are unknown, never met
    expect(all.statuses).toEqual({ met: 0, notMet: 2, unknown: 4 });
    expect(all.points.find((p: { uai: string }) => p.uai === world.school.uai)).toMatchObject({ status: 'not_met', pupilsEstimated: false });
    expect(all.points.find((p: { uai: string }) => p.uai === world.amiens.uai)).toMatchObject({ pupilsEstimated: true });
    const groups = (key: string) => all.equity.find((d: { key: string }) => d.key === key).groups;
    expect(groups('rurality')).toEqual(expect.arrayContaining([expect.objectContaining({ label: 'Rural', schools: 1 }), expect.objectContaining({ label: 'Inconnu', schools: 5 })]));
    // one school has an IPS: it is its own quartile; the others are not counted as 0
    expect(groups('ips')).toEqual(expect.arrayContaining([expect.objectContaining({ label: 'Q1 (IPS le plus bas)', schools: 1 }), expect.objectContaining({ label: 'Inconnu', schools: 5 })]));
    expect(groups('sector').map((g: { schools: number }) => g.schools).reduce((s: number, n: number) => s + n, 0)).toBe(6);
  });

  it('opens every figure onto its schools, with the same counts', async () => {
    const notMet = await json('/api/pilotage/dashboard/schools?indicator=wifi_teaching_rooms_share&status=not_met', 'steering');
    expect(uais(notMet.items)).toEqual([world.school.uai]);
    expect(notMet.items[0].indicator).toEqual({ code: 'wifi_teaching_rooms_share', value: 0.667, target: 1, status: 'not_met' });
    const unknown = await json('/api/pilotage/dashboard/schools?indicator=pupils_per_device&status=unknown&pageSize=2', 'steering');
    expect(unknown).toMatchObject({ total: 5, page: 1, pageSize: 2 });
    expect(unknown.items).toHaveLength(2);
    const rural = await json('/api/pilotage/dashboard/schools?dimension=rurality&group=Rural', 'steering');
    expect(uais(rural.items)).toEqual([world.amiens.uai]);
    const department = (await json('/api/pilotage/dashboard', 'steering')).points.find((p: { uai: string }) => p.uai === world.school.uai).departmentCode;
    const byDepartment = await json(`/api/pilotage/dashboard/schools?departmentCode=${department}`, 'steering');
    expect(byDepartment.items.every((i: { departmentCode: string }) => i.departmentCode === department)).toBe(true);
  });

  it('refuses a group without its dimension with a French message', async () => {
    const r = await get('/api/pilotage/dashboard/schools?group=Rural', 'steering');
    expect(r.statusCode).toBe(400);
    expect(r.json().error).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/dimension/) });
    expect((await get('/api/pilotage/dashboard/schools?status=peut-etre', 'steering')).statusCode).toBe(400);
  });

  it('exports a figure’s schools to CSV and XLSX', async () => {
    const csv = await get('/api/pilotage/dashboard/export?format=csv&indicator=wifi_teaching_rooms_share&status=not_met', 'steering');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(world.school.uai);
    expect(lines[1]).toContain('non atteint');
    const xlsx = await get('/api/pilotage/dashboard/export?format=xlsx&dimension=rurality&group=Rural', 'steering');
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).getCell(1).value).toBe(world.amiens.uai);
  });

  it('sends the outlines of the départements of its schools only', async () => {
    const all = await json('/api/pilotage/dashboard', 'steering');
    const departments = [...new Set(all.points.map((p: { departmentCode: string }) => p.departmentCode))].sort();
    const outlines = await json('/api/pilotage/dashboard/outlines', 'steering');
    expect(outlines.departments.map((d: { code: string }) => d.code)).toEqual(departments);
    const first = outlines.departments[0];
    expect(first.name).toBeTruthy();
    const [lon, lat] = first.polygons[0][0][0];
    expect(lon).toBeGreaterThan(-5);
    expect(lat).toBeGreaterThan(41);
  });
});

describe('each role sees its own schools, however the filters are written', () => {
  const unit1 = () => uaisOf(t.ids.establishments.unit1);
  const lille = () => uaisOf(t.ids.establishments.all.filter((e) => e.academyCode === '09'));

  it('a member commune: its schools only, whatever it asks', async () => {
    expect(uais((await json('/api/pilotage/dashboard', 'commune')).points)).toEqual(unit1());
    expect((await json(`/api/pilotage/dashboard?academyCode=20`, 'commune')).schools).toBe(0);
    expect((await json(`/api/pilotage/dashboard/schools?departmentCode=80&pageSize=500`, 'commune')).total).toBe(0);
    const drilled = await json('/api/pilotage/dashboard/schools?pageSize=500', 'commune');
    expect(uais(drilled.items)).toEqual(unit1());
    const csv = await get(`/api/pilotage/dashboard/export?format=csv`, 'commune');
    expect(csv.statusCode).toBe(200);
    for (const e of t.ids.establishments.unit2) expect(csv.body).not.toContain(e.uai);
    expect((await get(`/api/establishments/${world.amiens.uai}/assessment`, 'commune')).statusCode).toBe(404);
    const outlines = await json('/api/pilotage/dashboard/outlines', 'commune');
    const own = [...new Set((await json('/api/pilotage/dashboard', 'commune')).points.map((p: { departmentCode: string }) => p.departmentCode))].sort();
    expect(outlines.departments.map((d: { code: string }) => d.code)).toEqual(own);
  });

  it('a school head: their school only; an académie: its schools only', async () => {
    expect(uais((await json('/api/pilotage/dashboard', 'establishment-staff')).points)).toEqual([world.school.uai]);
    expect((await json('/api/pilotage/dashboard/schools?dimension=rurality&group=Rural', 'establishment-staff')).total).toBe(0);
    expect(uais((await json('/api/pilotage/dashboard', 'academy-staff')).points)).toEqual(lille());
    expect((await json('/api/pilotage/dashboard?academyCode=20', 'academy-staff')).schools).toBe(0);
    const csv = await get('/api/pilotage/dashboard/export?format=csv&academyCode=20', 'academy-staff');
    expect(csv.body.replace(/^\uFEFF/, '').trim().split('\r\n')).toHaveLength(1);
  });

  it('the other side: the authority sees what they cannot; a technician cannot export; no session is refused', async () => {
    expect((await json('/api/pilotage/dashboard?academyCode=20', 'steering')).schools).toBeGreaterThan(0);
    expect((await get('/api/pilotage/dashboard/export?format=csv', 'technician')).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/pilotage/dashboard/outlines' })).statusCode).toBe(401);
  });
});

describe('the dashboard’s cache (last: it changes the targets)', () => {
  it('keeps one entry per scope, and a change of targets empties it here at once', async () => {
    const cached = t.app.cache.of(dashboardCache);
    t.app.cache.invalidate(dashboardCache);
    const before = await json('/api/pilotage/dashboard', 'steering');
    await json('/api/pilotage/dashboard', 'steering');
    await json('/api/pilotage/dashboard', 'commune');
    expect(cached.size).toBe(2);
    expect(before.statuses).toEqual({ met: 0, notMet: 2, unknown: 4 });
    // only the devices count now: the staff school's 600 pupils for 150 devices meet « 4 pupils per device »
    const [profile] = (await json('/api/pilotage/target-profiles', 'steering')).items;
    const added = await t.app.inject({ method: 'POST', url: `/api/pilotage/target-profiles/${profile.id}/versions`, headers: await headers('steering'), payload: { indicators: [{ code: 'pupils_per_device', target: 4 }] } });
    expect(added.statusCode, added.body).toBe(201);
    expect(cached.size).toBe(0);
    const after = await json('/api/pilotage/dashboard', 'steering');
    expect(after.statuses).toEqual({ met: 1, notMet: 0, unknown: 5 });
    expect(after.points.find((p: { uai: string }) => p.uai === world.school.uai).status).toBe('met');
  });

  it('lags a fleet change (its date says so) until asked fresh; the school’s own assessment shows it at once', async () => {
    // 30 of the school's 150 teaching devices retired: 600 pupils for 120 devices, 5.0 per device, over « 4 »
    const retired = world.devices.filter((d) => d.name?.startsWith('PORT-0')).slice(0, 30).map((d) => d.id);
    await t.ctx.db.update(assets).set({ status: 'retired' }).where(and(eq(assets.tenantId, t.ids.a.tenantId), inArray(assets.id, retired)));
    const statusOf = (d: { points: { uai: string; status: string }[] }) => d.points.find((p) => p.uai === world.school.uai)!.status;
    const cached = await json('/api/pilotage/dashboard', 'steering');
    expect(statusOf(cached)).toBe('met');
    const live = await json(`/api/establishments/${world.school.uai}/assessment`, 'steering');
    expect(live.indicators.find((i: { code: string }) => i.code === 'pupils_per_device')).toMatchObject({ value: 5, met: false });
    const fresh = await json('/api/pilotage/dashboard?fresh=true', 'steering');
    expect(statusOf(fresh)).toBe('not_met');
    expect(new Date(fresh.computedAt).getTime()).toBeGreaterThanOrEqual(new Date(cached.computedAt).getTime());
    // the fresh figures replaced the cached ones for every reader of that scope
    expect(statusOf(await json('/api/pilotage/dashboard', 'steering'))).toBe('not_met');
    expect((await get('/api/pilotage/dashboard?fresh=peut-etre', 'steering')).statusCode).toBe(400);
  });
});
