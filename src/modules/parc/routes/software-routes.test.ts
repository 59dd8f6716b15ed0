import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp, type TestUser } from '../../../test/app.js';
import { actorCtx } from '../../access/testing.js';
import { findSoftwareInstallations, softwareSummaries } from '../operations/find-software-installations.js';
import { fleetNow, seedFleet, seedSoftware } from './fleet-test-data.js';
import { displayName } from '../../../shared/display-name.js';

let t: TestApp;
let fleet: Awaited<ReturnType<typeof seedFleet>>;
let ids: Awaited<ReturnType<typeof seedSoftware>>;

beforeAll(async () => {
  t = await testApp({ clock: () => fleetNow });
  fleet = await seedFleet(t);
  ids = await seedSoftware(t, fleet.idOf);
});
afterAll(() => t.close());

const get = async (url: string, user?: TestUser) => t.app.inject({ method: 'GET', url, headers: user ? await t.headers(user) : {} });

describe('GET /api/software', () => {
  it('lists the whole catalogue with device counts for a tenant-wide role, searchable by name or publisher', async () => {
    const list = (await get('/api/software', 'auditor')).json();
    expect(list.total).toBe(3);
    expect(list.items).toEqual([
      { id: ids.geogebra, name: 'GeoGebra Classic', publisher: 'International GeoGebra Institute', devices: 2, versions: 1 },
      { id: ids.libre, name: 'LibreOffice', publisher: 'The Document Foundation', devices: 6, versions: 2 },
      { id: ids.amiensOnly, name: 'Outil Amiens', publisher: null, devices: 1, versions: 1 },
    ]);
    const search = (await get('/api/software?search=document%20found', 'auditor')).json();
    expect(search.items.map((s: { id: number }) => s.id)).toEqual([ids.libre]);
    expect((await get('/api/software?search=100%25', 'auditor')).json().total).toBe(0);
  });

  it('shows a technician only what is installed in their schools, counted there', async () => {
    const list = (await get('/api/software', 'technician')).json();
    expect(list.items.map((s: { name: string; devices: number }) => [s.name, s.devices])).toEqual([
      ['GeoGebra Classic', 2],
      ['LibreOffice', 5],
    ]);
    expect(list.total).toBe(2);
  });

  it('refuses without a session or the right', async () => {
    expect((await get('/api/software')).statusCode).toBe(401);
    expect((await get('/api/software', 'academy-staff')).statusCode).toBe(403);
    expect((await get('/api/software?pageSize=501', 'auditor')).statusCode).toBe(400);
  });
});

describe('GET /api/software/:id/installations', () => {
  it('says where a software is installed: schools, versions and the devices page by page', async () => {
    const response = await get(`/api/software/${ids.libre}/installations?pageSize=4`, 'authority-admin');
    expect(response.statusCode).toBe(200);
    const where = response.json();
    expect(where.software).toMatchObject({ id: ids.libre, name: 'LibreOffice' });
    expect(where.devices).toBe(6);
    expect(where.installations).toBe(7);
    expect(where.establishments).toEqual([
      { uai: fleet.lille.uai, name: displayName(fleet.lille.name), devices: 5 },
      { uai: fleet.amiens.uai, name: displayName(fleet.amiens.name), devices: 1 },
    ]);
    expect(where.versions).toEqual([
      { version: '7.6', devices: 5 },
      { version: '24.2', devices: 2 },
    ]);
    expect(where.items).toHaveLength(4);
    const second = (await get(`/api/software/${ids.libre}/installations?pageSize=4&page=2`, 'authority-admin')).json();
    const names = [...where.items, ...second.items].map((d: { name: string; version: string }) => `${d.name}@${d.version}`);
    expect(new Set(names).size).toBe(7);
    expect(where.establishmentCount).toBe(2);
    const top = (await get(`/api/software/${ids.libre}/installations?schools=1`, 'authority-admin')).json();
    expect(top).toMatchObject({ establishments: [{ uai: fleet.lille.uai, devices: 5 }], establishmentCount: 2, devices: 6 });
    expect((await get(`/api/software/${ids.libre}/installations?schools=0`, 'authority-admin')).statusCode).toBe(400);
    const one = (await get(`/api/software/${ids.libre}/installations?uai=${fleet.amiens.uai}`, 'authority-admin')).json();
    expect(one.items.map((d: { name: string }) => d.name)).toEqual(['PC-10']);
  });

  it('gives the same answer whether the lines are counted here or grouped by the database', async () => {
    for (const user of ['authority-admin', 'technician'] as const) {
      const ctx = await actorCtx(t.ctx.db, t.ids.users[user].id, t.ids.a.code, () => fleetNow);
      for (const page of [1, 2]) {
        const input = { id: ids.libre, page, pageSize: 4 };
        const here = await findSoftwareInstallations(ctx, input, { smallInstallBase: 1000 });
        const there = await findSoftwareInstallations(ctx, input, { smallInstallBase: 0 });
        expect(there).toEqual(here);
      }
    }
  });

  it('answers requests arriving together while a widely installed product’s summary is computed once for them all', async () => {
    t.ctx.cache.invalidate(softwareSummaries);
    const ctx = await actorCtx(t.ctx.db, t.ids.users['authority-admin'].id, t.ids.a.code, () => fleetNow);
    const inputs = [
      { id: ids.libre, page: 1, pageSize: 2 },
      { id: ids.libre, page: 2, pageSize: 2 },
      { id: ids.libre, page: 3, pageSize: 2 },
      { id: ids.libre, page: 1, pageSize: 25, uai: fleet.lille.uai },
    ];
    const together = await Promise.all([...inputs, ...inputs].map((input) => findSoftwareInstallations(ctx, input, { smallInstallBase: 0 })));
    for (const [i, input] of inputs.entries()) {
      const fresh = await findSoftwareInstallations(ctx, input, { smallInstallBase: 1000 });
      expect(together[i]).toEqual(fresh);
      expect(together[i + inputs.length]).toEqual(fresh);
    }
    expect(together[3].establishments.map((e) => e.uai)).toEqual([fleet.lille.uai]);
  });

  it('follows a device that changes school, or has none, whichever way the summary is made', async () => {
    const pc10 = fleet.idOf('PC-10');
    const move = async (uai: string | null) => {
      const { version } = (await get(`/api/assets/${pc10}`, 'authority-admin')).json();
      const moved = await t.app.inject({ method: 'PATCH', url: `/api/assets/${pc10}`, headers: await t.headers('authority-admin'), payload: { version, uai } });
      expect(moved.statusCode).toBe(200);
    };
    const schools = async (user: TestUser, small: boolean) => {
      const ctx = await actorCtx(t.ctx.db, t.ids.users[user].id, t.ids.a.code, () => fleetNow);
      const where = await findSoftwareInstallations(ctx, { id: ids.libre, page: 1, pageSize: 25 }, { smallInstallBase: small ? 1000 : 0 });
      return { schools: where.establishments.map((e) => [e.uai, e.devices]), pc10: where.items.find((d) => d.id === pc10)?.uai };
    };
    try {
      await move(fleet.lille.uai);
      for (const small of [true, false]) {
        expect(await schools('authority-admin', small)).toEqual({ schools: [[fleet.lille.uai, 6]], pc10: fleet.lille.uai });
        expect((await schools('technician', small)).schools).toEqual([[fleet.lille.uai, 6]]);
      }
      await move(null);
      for (const small of [true, false]) {
        // a device of no school: counted for a tenant-wide role, listed last; never for a technician of schools
        expect(await schools('authority-admin', small)).toEqual({ schools: [[fleet.lille.uai, 5], [null, 1]], pc10: null });
        expect((await schools('technician', small)).schools).toEqual([[fleet.lille.uai, 5]]);
      }
    } finally {
      await move(fleet.amiens.uai);
    }
    expect((await schools('authority-admin', true)).schools).toEqual([[fleet.lille.uai, 5], [fleet.amiens.uai, 1]]);
  });

  it('follows a school moved to another unit at once: a technician of the old unit no longer sees it', async () => {
    const move = async (unitId: string) => {
      const { version } = (await get(`/api/establishments/${fleet.lille.uai}`, 'authority-admin')).json();
      const moved = await t.app.inject({ method: 'PATCH', url: `/api/establishments/${fleet.lille.uai}`, headers: await t.headers('authority-admin'), payload: { version, unitId } });
      expect(moved.statusCode, moved.body).toBe(200);
    };
    const seen = async () => (await get(`/api/software/${ids.libre}/installations`, 'technician')).json().establishments.map((e: { uai: string }) => e.uai);
    expect(await seen()).toEqual([fleet.lille.uai]);
    try {
      await move(t.ids.unit2.id);
      expect(await seen()).toEqual([]);
    } finally {
      await move(t.ids.unit1.id);
    }
    expect(await seen()).toEqual([fleet.lille.uai]);
  });

  it('keeps to the actor’s scope and tenant', async () => {
    const tech = (await get(`/api/software/${ids.libre}/installations`, 'technician')).json();
    expect(tech.establishments.map((e: { uai: string }) => e.uai)).toEqual([fleet.lille.uai]);
    expect(JSON.stringify(tech)).not.toContain(fleet.amiens.uai);
    const nothing = (await get(`/api/software/${ids.amiensOnly}/installations`, 'technician')).json();
    expect(nothing).toMatchObject({ devices: 0, establishments: [], items: [] });
    expect((await get(`/api/software/${ids.libre}/installations?uai=${fleet.amiens.uai}`, 'technician')).statusCode).toBe(404);
    expect((await get(`/api/software/${ids.libre}/installations`, 'admin-b')).statusCode).toBe(404);
    expect((await get(`/api/software/${ids.ofB}/installations`, 'authority-admin')).statusCode).toBe(404);
    expect((await get(`/api/software/999999/installations`, 'authority-admin')).statusCode).toBe(404);
    expect((await get(`/api/software/abc/installations`, 'authority-admin')).statusCode).toBe(400);
    expect((await get(`/api/software/${ids.libre}/installations`, 'academy-staff')).statusCode).toBe(403);
    expect((await get(`/api/software/${ids.libre}/installations`)).statusCode).toBe(401);
  });
});

describe('software exports', () => {
  it('exports the catalogue and one product’s installations as CSV and XLSX, within the actor’s scope', async () => {
    const catalogue = await get('/api/software/export?format=csv', 'auditor');
    expect(catalogue.statusCode).toBe(200);
    expect(catalogue.headers['content-type']).toContain('text/csv');
    expect(catalogue.body.charCodeAt(0)).toBe(0xfeff); // UTF-8 BOM for spreadsheet programs
    const lines = catalogue.body.slice(1).trim().split(/\r?\n/);
    expect(lines[0]).toBe('Logiciel;Éditeur;Équipements;Versions');
    expect(lines.slice(1)).toContain('LibreOffice;The Document Foundation;6;2');
    const tech = (await get('/api/software/export?format=csv', 'technician')).body;
    expect(tech).toMatch(/^LibreOffice;The Document Foundation;5;\d$/m);
    expect(tech).not.toContain('Outil Amiens');

    const where = await get(`/api/software/${ids.libre}/installations/export?format=csv`, 'authority-admin');
    expect(where.statusCode).toBe(200);
    const rows = where.body.slice(1).trim().split(/\r?\n/);
    expect(rows[0]).toBe('UAI;Établissement;Nom;N° de série;Type;Statut;Version;Éditeur;Dernier inventaire');
    expect(rows).toHaveLength(1 + 7); // one line per device × version
    expect(where.body).toContain(fleet.amiens.uai);
    const techWhere = (await get(`/api/software/${ids.libre}/installations/export?format=csv`, 'technician')).body;
    expect(techWhere).not.toContain(fleet.amiens.uai);
    const xlsx = await get(`/api/software/${ids.libre}/installations/export?format=xlsx`, 'authority-admin');
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await get(`/api/software/${ids.libre}/installations/export`, 'admin-b')).statusCode).toBe(404);
  });
});
