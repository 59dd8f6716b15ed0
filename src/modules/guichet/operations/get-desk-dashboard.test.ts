import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPassword, type TestApp } from '../../../test/app.js';
import { tenantHeader } from '../../../server/platform/http.js';
import { assignRole, createUser } from '../../access/index.js';
import { createOrganization } from '../../referentiel/operations/create-organization.js';
import { durationStats } from '../dashboard/histogram.js';
import { call, deskTestApp, insertDevice, openTicket, teamId, type Caller } from '../testing.js';

/**
 * GET /api/desk/dashboard over a known set of tickets driven through the real routes with a
 * moving clock, in February 2026 (Paris = UTC+1; desk open Monday-Friday 08:00-12:00 and
 * 13:30-17:30; demo agreement at medium priority: own in 4 business hours, resolve in 16).
 *
 * S1, S2: the two schools of unit 1 (Lille); S3: the first school of unit 2 (Amiens).
 * T1 S1 devices   opened Mon 2 Feb 08:00, owned 09:00 (60 min), solved 11:00 (180 min), rated 5
 * T2 S1 devices   opened Mon 08:00, owned 14:30 (300 min: late), solved Tue 10:00 (600 min), rated 3
 * T3 S2 ent       opened Mon 08:00, owned 10:00 (120 min), solved Wed 10:00 (1,080 min: late)
 * T4 S3 security  opened Mon 08:00, never owned: both deadlines passed (own Mon 12:00, resolve Tue 17:30)
 * T5 S3 devices   opened Mon 08:00, given to the contractor's team at 08:30 (30 min), still open: resolve late
 * T6 S1 devices   opened Fri 27 Feb 16:00, new, deadlines still ahead
 * T7 S2 pedagogical software (the Académie's) opened Mon 9 Feb 09:00, new: both deadlines passed
 * Now: Friday 27 February 17:00. Devices in service: S1 10 (and one retired), S3 4, S2 none.
 */

const at = (iso: string) => new Date(iso).getTime();
let now = at('2026-02-02T07:00:00Z');
const clock = () => new Date(now);
let t: TestApp;
const ids: Record<string, string> = {};
let S1: string, S2: string, S3: string;
let member: () => Promise<Record<string, string>>;

/** Moves the clock; sessions last hours, so the admin logs in again after a jump. */
let loggedInAt = 0;
function moveTo(when: string) {
  now = at(when);
  if (now - loggedInAt > 3 * 3600_000) {
    t.forgetSession('authority-admin');
    loggedInAt = now;
  }
}

async function open(name: string, caller: Caller, uai: string, category: string, when: string) {
  moveTo(when);
  const response = await openTicket(t, caller, { uai, category, title: `Ticket ${name}` });
  expect(response.statusCode, response.body).toBe(201);
  ids[name] = response.json().id;
}

async function status(name: string, when: string, change: Record<string, unknown>) {
  moveTo(when);
  const current = await call(t, 'authority-admin', 'GET', `/api/tickets/${ids[name]}`);
  expect(current.statusCode, current.body).toBe(200);
  const response = await call(t, 'authority-admin', 'POST', `/api/tickets/${ids[name]}/status`, { version: current.json().version, ...change });
  expect(response.statusCode, response.body).toBe(200);
}

async function rate(name: string, rating: number) {
  const response = await call(t, 'authority-admin', 'POST', `/api/tickets/${ids[name]}/satisfaction`, { rating });
  expect(response.statusCode, response.body).toBe(200);
}

async function dashboard(caller: Caller | 'member', query = 'from=2026-02-01&to=2026-02-28') {
  const headers = caller === 'member' ? await member() : undefined;
  const response = headers
    ? await t.app.inject({ method: 'GET', url: `/api/desk/dashboard?${query}`, headers })
    : await call(t, caller as Caller, 'GET', `/api/desk/dashboard?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

/** A person of a commune that joined the Métropole-like tenant A, steering the service of unit 2's schools. */
async function memberAuthority(): Promise<() => Promise<Record<string, string>>> {
  const commune = await createOrganization(t.ctx, { code: 'commune-essai', kind: 'commune', name: 'Commune membre (essai)', partnerOf: [t.ids.a.code] });
  const email = 'elu-commune@essai.coherence.fr';
  const user = await createUser(t.ctx, { tenantId: commune.tenantId, email, displayName: 'Élue de la commune', password: testPassword });
  await assignRole(t.ctx, { tenantId: t.ids.a.tenantId, userId: user.id, organizationId: commune.tenantId, role: 'steering', unitIds: [t.ids.unit2.id] });
  let cookie: string | null = null;
  return async () => {
    if (!cookie) {
      const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: testPassword }, remoteAddress: '127.3.0.1' });
      const c = response.cookies.find((x) => x.name === 'coh_session')!;
      cookie = `${c.name}=${c.value}`;
    }
    return { cookie, [tenantHeader]: t.ids.a.code };
  };
}

beforeAll(async () => {
  t = await deskTestApp({ clock });
  [S1, S2] = t.ids.establishments.unit1.map((e) => e.uai);
  S3 = t.ids.establishments.unit2[0].uai;
  const contractorTeam = await teamId(t, 'Maintenance Essai SAS');
  for (const name of ['T1', 'T2']) await open(name, 'authority-admin', S1, 'devices', '2026-02-02T07:00:00Z');
  await open('T3', 'authority-admin', S2, 'ent', '2026-02-02T07:00:00Z');
  await open('T4', 'authority-admin', S3, 'security', '2026-02-02T07:00:00Z');
  await open('T5', 'authority-admin', S3, 'devices', '2026-02-02T07:00:00Z');
  await status('T5', '2026-02-02T07:30:00Z', { action: 'assign', teamId: contractorTeam });
  await status('T1', '2026-02-02T08:00:00Z', { action: 'assign' });
  await status('T3', '2026-02-02T09:00:00Z', { action: 'assign' });
  await status('T1', '2026-02-02T10:00:00Z', { action: 'solve', solution: 'Câble remplacé.' });
  await status('T2', '2026-02-02T13:30:00Z', { action: 'assign' });
  await status('T2', '2026-02-03T09:00:00Z', { action: 'solve', solution: 'Pilote réinstallé.' });
  await status('T3', '2026-02-04T09:00:00Z', { action: 'solve', solution: 'Compte ENT réactivé.' });
  await open('T7', 'authority-admin', S2, 'pedagogical-software', '2026-02-09T08:00:00Z');
  await open('T6', 'authority-admin', S1, 'devices', '2026-02-27T15:00:00Z');
  await rate('T1', 5);
  await rate('T2', 3);
  const [s1, , s3] = [t.ids.establishments.unit1[0], t.ids.establishments.unit1[1], t.ids.establishments.unit2[0]];
  for (let i = 0; i < 10; i++) await insertDevice(t, s1, { name: `PC-S1-${i}` });
  for (let i = 0; i < 4; i++) await insertDevice(t, s3, { name: `PC-S3-${i}` });
  const retired = await insertDevice(t, s1, { name: 'PC-S1-réformé' });
  await t.ctx.db.execute(`update parc.assets set status = 'retired' where id = '${retired}'`);
  moveTo('2026-02-27T16:00:00Z');
  member = await memberAuthority();
}, 60_000);
afterAll(() => t?.close());

describe('histogram statistics', () => {
  it('interpolates percentiles like percentile_cont', () => {
    expect(durationStats([{ value: 60, count: 1 }, { value: 120, count: 1 }])).toEqual({ count: 2, median: 90, p90: 114, mean: 90 });
    const skewed = durationStats([{ value: 30, count: 3 }, { value: 300, count: 1 }]);
    expect(skewed).toMatchObject({ median: 30, mean: 97.5 });
    expect(skewed.p90).toBeCloseTo(219, 9);
    expect(durationStats([])).toEqual({ count: 0, median: null, p90: null, mean: null });
  });
});

describe('GET /api/desk/dashboard for the Région', () => {
  it('counts the backlog by team, level, school and category', async () => {
    const d = await dashboard('authority-admin');
    expect(d.period).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(d.backlog.total).toBe(4);
    expect(d.backlog.bySchool.map((s: { uai: string; count: number }) => [s.uai, s.count])).toEqual([[S3, 2], ...[[S1, 1], [S2, 1]].sort((a, b) => String(a[0]).localeCompare(String(b[0])))]);
    expect(Object.fromEntries(d.backlog.byCategory.map((c: { key: string; count: number }) => [c.key, c.count]))).toEqual({ devices: 2, security: 1, 'pedagogical-software': 1 });
    const teams = Object.fromEntries(d.backlog.byTeam.map((r: { name: string; count: number }) => [r.name, r.count]));
    expect(teams['Maintenance Essai SAS (niveau 3)']).toBe(1);
    expect(d.backlog.byTeam.reduce((s: number, r: { count: number }) => s + r.count, 0)).toBe(4);
    expect(d.backlog.byLevel.reduce((s: number, r: { count: number }) => s + r.count, 0)).toBe(4);
    expect(d.backlog.byLevel.find((l: { level: number }) => l.level === 3)).toMatchObject({ count: 1, label: 'Niveau 3 (prestataire, constructeur)' });
  });

  it('shares tickets within agreement, an open ticket past its deadline counting as breached', async () => {
    const d = await dashboard('authority-admin');
    // own: T1, T3, T5 on time, T2 late, T4 and T7 still new past their deadline; T6 not due yet
    expect(d.agreement.own).toEqual({ measured: 6, within: 3, breached: 3, openBreached: 2, withinRate: 0.5 });
    // resolve: T1, T2 on time, T3 late; T4, T5, T7 open past their deadline
    expect(d.agreement.resolve).toEqual({ measured: 6, within: 2, breached: 4, openBreached: 3, withinRate: 0.3333 });
  });

  it('measures times in business hours: median, 90th percentile, mean', async () => {
    const d = await dashboard('authority-admin');
    // own: 30, 60, 120, 300 minutes
    expect(d.times.own).toEqual({ count: 4, medianHours: 1.5, p90Hours: 4.1, meanHours: 2.13 });
    // resolve: 180, 600, 1,080 minutes
    expect(d.times.resolve).toEqual({ count: 3, medianHours: 10, p90Hours: 16.4, meanHours: 10.33 });
  });

  it('gives tickets per 100 devices in service, by school and overall', async () => {
    const d = await dashboard('authority-admin');
    expect(d.devices).toMatchObject({ tickets: 7, devices: 14, per100Devices: 50 });
    expect(d.devices.bySchool.map((s: { uai: string; tickets: number; devices: number; per100Devices: number | null }) => [s.uai, s.tickets, s.devices, s.per100Devices])).toEqual([
      [S3, 2, 4, 50],
      [S1, 3, 10, 30],
      [S2, 2, 0, null],
    ]);
  });

  it('sums up satisfaction and the weekly trend', async () => {
    const d = await dashboard('authority-admin');
    expect(d.satisfaction).toEqual({
      solved: 3,
      rated: 2,
      responseRate: 0.6667,
      mean: 4,
      distribution: [1, 2, 3, 4, 5].map((rating) => ({ rating, count: rating === 3 || rating === 5 ? 1 : 0 })),
    });
    expect(d.weekly).toEqual([
      { week: '2026-01-26', opened: 0, solved: 0 },
      { week: '2026-02-02', opened: 5, solved: 3 },
      { week: '2026-02-09', opened: 1, solved: 0 },
      { week: '2026-02-16', opened: 0, solved: 0 },
      { week: '2026-02-23', opened: 1, solved: 0 },
    ]);
  });

  it('narrows to the filters and to the default period of 90 days', async () => {
    const unit2 = await dashboard('authority-admin', `from=2026-02-01&to=2026-02-28&unitId=${t.ids.unit2.id}`);
    expect(unit2.backlog.total).toBe(2);
    expect(unit2.devices).toMatchObject({ tickets: 2, devices: 4 });
    const ent = await dashboard('authority-admin', 'from=2026-02-01&to=2026-02-28&category=ent');
    expect(ent.agreement.resolve).toMatchObject({ measured: 1, breached: 1 });
    const byDefault = await dashboard('authority-admin', '');
    expect(byDefault.period).toEqual({ from: '2025-11-30', to: '2026-02-27' });
    expect(byDefault.agreement.own.measured).toBe(6);
  });

  it('refuses a period upside down with a French message', async () => {
    const response = await call(t, 'authority-admin', 'GET', '/api/desk/dashboard?from=2026-03-01&to=2026-02-01');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain('Le début de la période doit précéder sa fin.');
  });
});

describe('each caller sees the figures of its own scope', () => {
  it('a technician: the schools of their units only', async () => {
    const d = await dashboard('technician');
    expect(d.backlog.total).toBe(2); // T6 (S1), T7 (S2)
    expect(d.backlog.bySchool.map((s: { uai: string }) => s.uai).sort()).toEqual([S1, S2].sort());
    expect(d.agreement.own).toMatchObject({ measured: 4, breached: 2 }); // T1, T2, T3 owned; T7 late
    expect(d.devices).toMatchObject({ tickets: 5, devices: 10 });
    expect(d.devices.bySchool.map((s: { uai: string }) => s.uai)).not.toContain(S3);
  });

  it('the Académie: the tickets in its scope', async () => {
    const d = await dashboard('academy-staff');
    expect(d.backlog.total).toBe(1);
    expect(d.backlog.byCategory).toEqual([{ key: 'pedagogical-software', label: "Logiciels pédagogiques (périmètre de l'Académie)", count: 1 }]);
    expect(d.agreement.own).toMatchObject({ measured: 1, breached: 1 });
    expect(d.agreement.resolve).toMatchObject({ measured: 1, breached: 1 });
  });

  it('a contractor: only what was assigned to it', async () => {
    const d = await dashboard('contractor');
    expect(d.backlog.total).toBe(1);
    expect(d.backlog.bySchool.map((s: { uai: string }) => s.uai)).toEqual([S3]);
    expect(d.agreement.own).toEqual({ measured: 1, within: 1, breached: 0, openBreached: 0, withinRate: 1 });
    expect(d.times.own).toMatchObject({ count: 1, medianHours: 0.5 });
    expect(d.satisfaction.solved).toBe(0);
  });

  it('a member authority (a commune of the Métropole): the service its own schools get', async () => {
    const d = await dashboard('member');
    expect(d.backlog.total).toBe(2); // T4, T5 at S3
    expect(d.backlog.bySchool.map((s: { uai: string }) => s.uai)).toEqual([S3]);
    expect(d.devices).toMatchObject({ tickets: 2, devices: 4, per100Devices: 50 });
    expect(d.devices.bySchool.map((s: { uai: string }) => s.uai)).toEqual([S3]);
    expect(d.agreement.resolve).toMatchObject({ measured: 2, breached: 2 });
    // and the ticket list agrees: the same scope everywhere
    const list = await t.app.inject({ method: 'GET', url: '/api/tickets?pageSize=50', headers: await member() });
    expect(list.json().items.map((i: { establishment: { uai: string } }) => i.establishment.uai)).toEqual([S3, S3]);
  });

  it('only a member authority may hold steering narrowed to units', async () => {
    const user = await createUser(t.ctx, { tenantId: t.ids.a.tenantId, email: 'pilotage-unites@essai.coherence.fr', displayName: 'Pilotage par unités', password: testPassword });
    const narrowed = (organizationId: string) => assignRole(t.ctx, { tenantId: t.ids.a.tenantId, userId: user.id, organizationId, role: 'steering', unitIds: [t.ids.unit1.id] });
    await expect(narrowed(t.ids.a.tenantId)).rejects.toThrow('Ce rôle couvre toute la collectivité');
    await expect(narrowed(t.ids.contractorOrg.tenantId)).rejects.toThrow('Seule une collectivité membre');
  });

  it('tenant B sees nothing of tenant A', async () => {
    const d = await dashboard('admin-b');
    expect(d.backlog).toEqual({ total: 0, byTeam: [], byLevel: [], byCategory: [], bySchool: [] });
    expect(d.agreement.own.measured).toBe(0);
    expect(d.devices).toEqual({ tickets: 0, devices: 0, per100Devices: null, bySchool: [] });
    expect(d.satisfaction).toMatchObject({ solved: 0, rated: 0, mean: null });
  });

  it('a school referent sees their school, without the desk’s teams', async () => {
    const d = await dashboard('establishment-staff');
    expect(d.backlog.bySchool.map((s: { uai: string }) => s.uai)).toEqual([S1]);
    expect(d.backlog.byTeam).toEqual([]);
  });
});

describe('GET /api/desk/dashboard/export', () => {
  it('exports a table as CSV with a BOM and semicolons, and as XLSX', async () => {
    const csv = await call(t, 'authority-admin', 'GET', '/api/desk/dashboard/export?table=devices&format=csv&from=2026-02-01&to=2026-02-28');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(csv.body.startsWith('\uFEFF')).toBe(true);
    expect(lines[0]).toBe('UAI;Établissement;Tickets ouverts dans la période;Équipements en service;Tickets pour 100 équipements');
    expect(lines[1].startsWith(`${S3};`)).toBe(true);
    expect(lines[1].endsWith(';2;4;50')).toBe(true);
    const xlsx = await call(t, 'authority-admin', 'GET', '/api/desk/dashboard/export?table=weekly&format=xlsx&from=2026-02-01&to=2026-02-28');
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet.getRow(1).values).toEqual([undefined, 'Semaine du', 'Ouverts', 'Résolus']);
    expect(sheet.getRow(3).values).toEqual([undefined, '2026-02-02', 5, 3]);
  });

  it('needs the export permission and a known table', async () => {
    expect((await call(t, 'contractor', 'GET', '/api/desk/dashboard/export?table=weekly')).statusCode).toBe(403);
    expect((await call(t, 'authority-admin', 'GET', '/api/desk/dashboard/export?table=nope')).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/desk/dashboard' })).statusCode).toBe(401);
  });
});
