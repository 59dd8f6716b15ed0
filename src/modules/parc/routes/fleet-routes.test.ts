import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp, type TestUser } from '../../../test/app.js';
import { fleetNow, seedFleet } from './fleet-test-data.js';

let t: TestApp;
let fleet: Awaited<ReturnType<typeof seedFleet>>;

beforeAll(async () => {
  t = await testApp({ clock: () => fleetNow });
  fleet = await seedFleet(t);
});
afterAll(() => t.close());

const get = async (url: string, user?: TestUser) => t.app.inject({ method: 'GET', url, headers: user ? await t.headers(user) : {} });

describe('GET /api/fleet/stats', () => {
  it('counts one school by class and status, with its age pyramid, systems, warranty, silent devices and pupils per computer', async () => {
    const response = await get(`/api/fleet/stats?uai=${fleet.lille.uai}`, 'authority-admin');
    expect(response.statusCode).toBe(200);
    const stats = response.json();
    expect(stats.establishment).toMatchObject({ uai: fleet.lille.uai, pupils: 400 });
    expect(stats.total).toBe(7);
    expect(stats.fleet).toBe(6);
    expect(stats.byClass).toEqual([
      { class: 'desktop', label: 'Ordinateur fixe', count: 3 },
      { class: 'laptop', label: 'Ordinateur portable', count: 2 },
      { class: 'projector', label: 'Vidéoprojecteur', count: 1 },
    ]);
    expect(stats.byStatus).toEqual(expect.arrayContaining([{ status: 'retired', label: 'Réformé', count: 1 }, { status: 'in-service', label: 'En service', count: 6 }]));
    const bar = (label: string) => stats.agePyramid.find((b: { label: string }) => b.label === label);
    expect(bar('6 à 8 ans').count).toBe(3); // desktops of 2020-09: 6.2 years
    expect(bar('2 à 3 ans')).toMatchObject({ count: 2, byClass: { laptop: 2 } }); // bought 2024-01
    expect(bar('4 à 5 ans')).toMatchObject({ count: 1, byClass: { projector: 1 } }); // first seen 2022-05
    expect(bar('moins d’1 an').count).toBe(0);
    expect(bar('âge inconnu').count).toBe(0);
    expect(stats.agePyramid.reduce((n: number, b: { count: number }) => n + b.count, 0)).toBe(6); // the retired one is out
    expect(stats.operatingSystems).toEqual([
      { name: 'Windows', version: '10.0.19045', devices: 3, establishments: 1 },
      { name: 'Windows', version: '11', devices: 2, establishments: 1 },
      { name: null, version: null, devices: 1, establishments: 1 },
    ]);
    expect(stats.warranty).toEqual({ covered: 2, expired: 3, unknown: 1, outOfWarrantyShare: 0.6 });
    expect(stats.stale).toEqual({ afterDays: 30, count: 1, neverInventoried: 1 }); // PC-5 late; the projector never seen
    expect(stats.pupils).toEqual({ pupils: 400, computers: 5, tablets: 0, pupilsPerComputer: 80, pupilsPerDevice: 80 });
    expect(stats.expectedLifeYears).toMatchObject({ desktop: 5, projector: 7 });
  });

  it('counts the whole authority for a tenant-wide role and only the schools in scope for a technician', async () => {
    const all = (await get('/api/fleet/stats', 'steering')).json();
    expect(all.total).toBe(10);
    expect(all.stale).toEqual({ afterDays: 30, count: 1, neverInventoried: 3 }); // the projector and Amiens' two tablets
    expect(all.pupils).toMatchObject({ pupils: 700, computers: 6, tablets: 2, pupilsPerComputer: 116.7, pupilsPerDevice: 87.5 });
    expect(all.operatingSystems.find((o: { version: string }) => o.version === '7')).toBeUndefined(); // retired
    const tech = (await get('/api/fleet/stats', 'technician')).json();
    expect(tech.total).toBe(7);
    expect(tech.pupils.pupils).toBe(400);
  });

  it('refuses what the caller may not see: 401, 403, 404 out of scope or in another tenant, 400 on a bad query', async () => {
    expect((await get('/api/fleet/stats')).statusCode).toBe(401);
    expect((await get('/api/fleet/stats', 'academy-staff')).statusCode).toBe(403);
    const outOfScope = await get(`/api/fleet/stats?uai=${fleet.amiens.uai}`, 'technician');
    expect(outOfScope.statusCode).toBe(404);
    expect(outOfScope.body).not.toContain(fleet.amiens.name);
    expect((await get(`/api/fleet/stats?uai=${fleet.lille.uai}`, 'admin-b')).statusCode).toBe(404);
    expect((await get(`/api/fleet/stats?uai=${'x'.repeat(30)}`, 'authority-admin')).statusCode).toBe(400);
    const b = (await get('/api/fleet/stats', 'admin-b')).json();
    expect(b.total).toBe(1);
  });
});

describe('GET /api/fleet/renewal', () => {
  it('gives what is due per year, school and class, overdue devices in the first year, priced at the class average', async () => {
    const response = await get('/api/fleet/renewal?from=2026&years=4', 'authority-admin');
    expect(response.statusCode).toBe(200);
    const forecast = response.json();
    const line = (year: number, uai: string, cls: string) => forecast.rows.find((r: { year: number; uai: string; class: string }) => r.year === year && r.uai === uai && r.class === cls);
    expect(line(2026, fleet.lille.uai, 'desktop')).toMatchObject({ due: 0, overdue: 3, estimatedCost: 1800 });
    expect(line(2027, fleet.amiens.uai, 'desktop')).toMatchObject({ due: 1, overdue: 0, estimatedCost: 600 });
    expect(line(2027, fleet.amiens.uai, 'tablet')).toMatchObject({ due: 2, estimatedCost: 700 }); // tablets live 4 years
    expect(line(2029, fleet.lille.uai, 'projector')).toMatchObject({ due: 1, estimatedCost: null }); // 2022 + 7, no price known
    expect(line(2029, fleet.lille.uai, 'laptop')).toMatchObject({ due: 2, estimatedCost: 1800 });
    expect(forecast.totals.map((y: { year: number; due: number; overdue: number }) => [y.year, y.due + y.overdue])).toEqual([
      [2026, 3],
      [2027, 3],
      [2028, 0],
      [2029, 3],
    ]);
    expect(forecast.averagePrice).toEqual({ desktop: 600, laptop: 900, tablet: 350 });
    expect(forecast.unknownAge).toEqual([]);
  });

  it('sums the schools per year and class when asked by class, with the same totals', async () => {
    const bySchool = (await get('/api/fleet/renewal?from=2026&years=4', 'authority-admin')).json();
    const byClass = (await get('/api/fleet/renewal?from=2026&years=4&by=class', 'authority-admin')).json();
    expect(byClass.rows.every((r: { uai: string | null }) => r.uai === null)).toBe(true);
    const desktops2026 = byClass.rows.find((r: { year: number; class: string }) => r.year === 2026 && r.class === 'desktop');
    expect(desktops2026).toMatchObject({ due: 0, overdue: 3, estimatedCost: 1800 });
    const laptops2029 = byClass.rows.find((r: { year: number; class: string }) => r.year === 2029 && r.class === 'laptop');
    expect(laptops2029).toMatchObject({ due: 2, estimatedCost: 1800 });
    expect(byClass.totals).toEqual(bySchool.totals);
    expect((await get('/api/fleet/renewal?by=room', 'authority-admin')).statusCode).toBe(400);
  });

  it('narrows to one school and to the technician’s scope, and refuses bad bounds', async () => {
    const one = (await get(`/api/fleet/renewal?uai=${fleet.amiens.uai}&from=2026&years=2`, 'authority-admin')).json();
    expect(new Set(one.rows.map((r: { uai: string }) => r.uai))).toEqual(new Set([fleet.amiens.uai]));
    const tech = (await get('/api/fleet/renewal?from=2026', 'technician')).json();
    expect(tech.rows.every((r: { uai: string }) => r.uai === fleet.lille.uai)).toBe(true);
    expect((await get('/api/fleet/renewal?years=0', 'authority-admin')).statusCode).toBe(400);
    expect((await get('/api/fleet/renewal?years=16', 'authority-admin')).statusCode).toBe(400);
    expect((await get('/api/fleet/renewal', 'academy-staff')).statusCode).toBe(403);
  });
});

describe('GET /api/fleet/establishments', () => {
  it('lists pupils per computer per school, and which schools still run Windows 10', async () => {
    const list = (await get('/api/fleet/establishments?sort=pupilsPerComputer&order=desc', 'authority-admin')).json();
    expect(list.total).toBe(t.ids.establishments.all.length);
    const amiens = list.items[0];
    expect(amiens).toMatchObject({ uai: fleet.amiens.uai, computers: 1, tablets: 2, pupilsPerComputer: 300, pupilsPerDevice: 100 });
    const lille = list.items.find((e: { uai: string }) => e.uai === fleet.lille.uai);
    expect(lille).toMatchObject({ devices: 6, computers: 5, pupilsPerComputer: 80, outOfWarranty: 3, dueThisYear: 3, osDevices: null });
    const win10 = (await get('/api/fleet/establishments?osName=windows&osVersion=10', 'authority-admin')).json();
    expect(win10.items.map((e: { uai: string; osDevices: number }) => [e.uai, e.osDevices])).toEqual(
      [
        [fleet.lille.uai, 3],
        [fleet.amiens.uai, 1],
      ].sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1)),
    );
    const techWin10 = (await get('/api/fleet/establishments?osName=windows&osVersion=10&sort=uai', 'technician')).json();
    expect(techWin10.items.map((e: { uai: string }) => e.uai)).toEqual([fleet.lille.uai]);
    expect((await get('/api/fleet/establishments?sort=bogus', 'technician')).statusCode).toBe(400);
  });
});

describe('GET /api/fleet/lifecycle', () => {
  it('gives age, expected life, renewal year and warranty of each device, soonest renewal first', async () => {
    const response = await get(`/api/fleet/lifecycle?uai=${fleet.lille.uai}`, 'establishment-staff');
    expect(response.statusCode).toBe(200);
    const list = response.json();
    expect(list.total).toBe(6);
    expect(list.items[0]).toMatchObject({
      class: 'desktop',
      lifecycle: { ageSource: 'purchase', ageStart: '2020-09-01', ageYears: 6.2, expectedLifeYears: 5, renewalYear: 2025, warranty: 'expired' },
    });
    const projector = list.items.find((d: { class: string }) => d.class === 'projector');
    expect(projector.lifecycle).toMatchObject({ ageSource: 'first-inventory', renewalYear: 2029, warranty: 'unknown' });
    const due = (await get(`/api/fleet/lifecycle?dueBy=2026&warranty=expired`, 'authority-admin')).json();
    expect(due.items.map((d: { name: string }) => d.name).sort()).toEqual(['PC-1', 'PC-2', 'PC-3']);
    expect((await get(`/api/fleet/lifecycle?uai=${fleet.amiens.uai}`, 'establishment-staff')).statusCode).toBe(404);
    expect((await get('/api/fleet/lifecycle?class=spaceship', 'authority-admin')).statusCode).toBe(400);
  });
});
