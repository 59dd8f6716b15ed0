import ExcelJS from 'exceljs';
import type { InjectOptions } from 'fastify';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp, type TestUser } from '../../../test/app.js';
import { assets } from '../../parc/db/schema.js';
import { targetProfileVersions } from '../db/schema.js';
import { assessSchools } from '../indicators/assess.js';
import { oneSchoolWithInputs } from '../indicators/one-school.js';
import { loadProfileCatalogue } from '../indicators/profiles.js';
import { lyceeTargets, seedSteering, steeringNow } from './steering-test-data.js';

let t: TestApp;
let world: Awaited<ReturnType<typeof seedSteering>>;
let profileId: string;

beforeAll(async () => {
  t = await testApp({ clock: () => steeringNow });
  world = await seedSteering(t);
  const created = await send('POST', '/api/pilotage/target-profiles', 'steering', { name: 'Lycées', establishmentKind: 'lycee', indicators: lyceeTargets });
  expect(created.statusCode).toBe(201);
  profileId = created.json().id;
});
afterAll(() => t.close());

async function send(method: 'GET' | 'POST' | 'PUT', url: string, user?: TestUser, payload?: unknown) {
  const options: InjectOptions = { method, url, headers: user ? await t.headers(user) : {} };
  if (payload !== undefined) options.payload = payload as InjectOptions['payload'];
  return t.app.inject(options);
}
const indicator = (body: { indicators: { code: string }[] }, code: string) => body.indicators.find((i) => i.code === code);

describe('GET /api/establishments/:uai/assessment', () => {
  it('computes each indicator live, with its target, gap and met / not met / unknown', async () => {
    const response = await send('GET', `/api/establishments/${world.school.uai}/assessment`, 'steering');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ profile: { name: 'Lycées', version: 1 }, computedAt: steeringNow.toISOString() });
    expect(indicator(body, 'pupils_per_device')).toMatchObject({ value: 4, target: 4, met: true, gap: 0 });
    expect(indicator(body, 'devices_per_100_pupils')).toMatchObject({ value: 25, target: 25, met: true, gap: 0 });
    // 100 of 150: the device bought five years ago today is not under five years, the retired one is out
    expect(indicator(body, 'fleet_under_5_years_share')).toMatchObject({ value: 0.667, target: 0.6, met: true });
    expect(indicator(body, 'wifi_teaching_rooms_share')).toMatchObject({ value: 0.667, target: 1, met: false, gap: 0.333 });
    // the contracts module's current link, 1000/50: fast down, not « ≥ 100 symmetric »
    expect(indicator(body, 'internet_down_mbps')).toMatchObject({ value: 1000, target: 100, met: true, gap: 0 });
    expect(indicator(body, 'internet_symmetric')).toMatchObject({ value: 50, target: 100, met: false, gap: 50 });
    // not in the profile: no target, so unknown
    expect(indicator(body, 'warranty_share')).toMatchObject({ value: 0.667, target: null, met: null });
  });

  it('changes at once when devices move to another school', async () => {
    const moved = world.devices.filter((d) => d.name!.startsWith('PORT-0')).slice(0, 30).map((d) => d.id);
    await t.ctx.db.update(assets).set({ establishmentId: t.ids.establishments.unit1[1].id }).where(and(eq(assets.tenantId, t.ids.a.tenantId), inArray(assets.id, moved)));
    const body = (await send('GET', `/api/establishments/${world.school.uai}/assessment`, 'steering')).json();
    expect(indicator(body, 'pupils_per_device')).toMatchObject({ value: 5, met: false, gap: 1 });
    expect(indicator(body, 'devices_per_100_pupils')).toMatchObject({ value: 20, met: false, gap: 5 });
    await t.ctx.db.update(assets).set({ establishmentId: world.school.id }).where(and(eq(assets.tenantId, t.ids.a.tenantId), inArray(assets.id, moved)));
  });

  it('reads one school in one statement with the same figures as the grouped pass of the dashboard', async () => {
    const now = steeringNow;
    const profiles = await loadProfileCatalogue(t.ctx.db, t.ids.a.tenantId);
    const grouped = await assessSchools(t.ctx.db, t.ids.a.tenantId, sql`true`, profiles, now);
    for (const school of [world.school, world.amiens]) {
      const one = await oneSchoolWithInputs(t.ctx.db, { tenantId: t.ids.a.tenantId, where: sql`true`, key: 'all' }, school.uai, now);
      const fromGroup = grouped.find((a) => a.school.uai === school.uai)!;
      expect(one!.school).toEqual(fromGroup.school);
      expect(one!.inputs).toEqual(fromGroup.inputs);
    }
    expect(await oneSchoolWithInputs(t.ctx.db, { tenantId: t.ids.a.tenantId, where: sql`false`, key: 'none' }, world.school.uai, now)).toBeNull();
  });

  it('flags an estimated pupil count and leaves a school without devices unknown', async () => {
    const body = (await send('GET', `/api/establishments/${world.amiens.uai}/assessment`, 'steering')).json();
    expect(body.establishment).toMatchObject({ pupils: 300, pupilsEstimated: true, ips: 95.5, rural: true });
    expect(indicator(body, 'pupils_per_device')).toMatchObject({ value: null, met: null });
    expect(indicator(body, 'devices_per_100_pupils')).toMatchObject({ value: 0, met: false, gap: 25 });
    expect(indicator(body, 'wifi_teaching_rooms_share')).toMatchObject({ value: null, met: null });
    // no link known: unknown, never met
    expect(indicator(body, 'internet_down_mbps')).toMatchObject({ value: null, target: 100, met: null, gap: null });
  });

  it('lists the records behind a figure: rooms without Wi-Fi, PCs past age', async () => {
    const rooms = (await send('GET', `/api/establishments/${world.school.uai}/assessment/wifi_teaching_rooms_share/records`, 'establishment-staff')).json();
    expect(rooms.rooms.map((r: { name: string }) => r.name)).toEqual(['A103']);
    const old = (await send('GET', `/api/establishments/${world.school.uai}/assessment/fleet_under_5_years_share/records`, 'steering')).json();
    expect(old.devices).toHaveLength(50);
    expect(old.devices.map((d: { purchaseDate: string }) => d.purchaseDate)).toContain('2021-12-06');
  });

  it('exports the records behind a figure in CSV and XLSX, for whoever may export in scope', async () => {
    const csv = await send('GET', `/api/establishments/${world.school.uai}/assessment/fleet_under_5_years_share/records/export?format=csv`, 'establishment-staff');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Équipement;Classe;Statut;Achat;Fin de garantie;Salle');
    expect(lines).toHaveLength(51);
    expect(lines.some((l) => l.includes('2021-12-06'))).toBe(true);
    const xlsx = await send('GET', `/api/establishments/${world.school.uai}/assessment/wifi_teaching_rooms_share/records/export?format=xlsx`, 'steering');
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets[0].getRow(2).getCell(2).value).toBe('A103');
    expect((await send('GET', `/api/establishments/${world.school.uai}/assessment/warranty_share/records/export?format=csv`, 'technician')).statusCode).toBe(403);
    expect((await send('GET', `/api/establishments/${world.amiens.uai}/assessment/warranty_share/records/export?format=csv`, 'establishment-staff')).statusCode).toBe(404);
    expect((await send('GET', `/api/establishments/${world.school.uai}/assessment/warranty_share/records/export?format=pdf`, 'steering')).statusCode).toBe(400);
  });

  it('shows a head their school, an académie its schools, and nothing else', async () => {
    expect((await send('GET', `/api/establishments/${world.school.uai}/assessment`, 'establishment-staff')).statusCode).toBe(200);
    expect((await send('GET', `/api/establishments/${world.amiens.uai}/assessment`, 'establishment-staff')).statusCode).toBe(404);
    expect((await send('GET', `/api/establishments/${world.school.uai}/assessment`, 'academy-staff')).statusCode).toBe(200);
    expect((await send('GET', `/api/establishments/${world.amiens.uai}/assessment`, 'academy-staff')).statusCode).toBe(404);
    expect((await send('GET', `/api/establishments/${world.school.uai}/assessment`, 'auditor')).statusCode).toBe(200);
    expect((await send('GET', `/api/establishments/${world.school.uai}/assessment`, 'contractor')).statusCode).toBe(403);
    expect((await send('GET', `/api/establishments/${world.school.uai}/assessment`, 'admin-b')).statusCode).toBe(404);
    expect((await send('GET', `/api/establishments/${world.school.uai}/assessment`)).statusCode).toBe(401);
    expect((await send('GET', `/api/establishments/${world.school.uai}/assessment/nope/records`, 'steering')).statusCode).toBe(400);
  });
});

describe('target profiles', () => {
  it('edits a version with its version number, refuses a stale one and a frozen one (409), and adds versions', async () => {
    const url = `/api/pilotage/target-profiles/${profileId}/versions/1`;
    const edited = await send('PUT', url, 'steering', { version: 1, indicators: [...lyceeTargets.filter((i) => i.code !== 'pupils_per_device'), { code: 'pupils_per_device', target: 3 }] });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toEqual({ number: 1, version: 2 });
    expect((await send('PUT', url, 'steering', { version: 1, indicators: lyceeTargets })).statusCode).toBe(409);
    await t.ctx.db.update(targetProfileVersions).set({ frozenAt: steeringNow }).where(eq(targetProfileVersions.profileId, profileId));
    const frozen = await send('PUT', url, 'steering', { version: 2, indicators: lyceeTargets });
    expect(frozen.statusCode).toBe(409);
    expect(frozen.json().error.message).toContain('PPI voté');
    const added = await send('POST', `/api/pilotage/target-profiles/${profileId}/versions`, 'steering', { indicators: lyceeTargets });
    expect(added.json()).toEqual({ number: 2 });
    const list = (await send('GET', '/api/pilotage/target-profiles', 'auditor')).json();
    expect(list.items[0].versions.map((v: { number: number; frozen: boolean }) => [v.number, v.frozen])).toEqual([[1, true], [2, false]]);
    const body = (await send('GET', `/api/establishments/${world.school.uai}/assessment`, 'steering')).json();
    expect(body.profile.version).toBe(2);
  });

  it('refuses bad thresholds in French and a role that may not manage targets', async () => {
    const twice = await send('POST', '/api/pilotage/target-profiles', 'steering', { name: 'X', establishmentKind: 'lycee', indicators: [lyceeTargets[0], lyceeTargets[0]] });
    expect(twice.statusCode).toBe(400);
    expect(JSON.stringify(twice.json())).toContain('deux fois');
    expect((await send('POST', '/api/pilotage/target-profiles', 'steering', { name: 'Lycées', establishmentKind: 'lycee', indicators: lyceeTargets })).statusCode).toBe(409);
    expect((await send('POST', '/api/pilotage/target-profiles', 'auditor', { name: 'Y', establishmentKind: 'college', indicators: lyceeTargets })).statusCode).toBe(403);
  });
});
