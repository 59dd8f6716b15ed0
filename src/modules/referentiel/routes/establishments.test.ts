import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const get = async (url: string, user: Parameters<TestApp['headers']>[0] = 'authority-admin') =>
  t.app.inject({ method: 'GET', url, headers: await t.headers(user) });
const patch = async (uai: string, payload: unknown, user: Parameters<TestApp['headers']>[0] = 'authority-admin') =>
  t.app.inject({ method: 'PATCH', url: `/api/establishments/${uai}`, headers: await t.headers(user), payload: payload as object });

describe('establishment list', () => {
  it('pages, sorts and filters on the server', async () => {
    const all = (await get('/api/establishments?pageSize=2&sort=uai&order=desc')).json();
    expect(all.total).toBe(t.ids.establishments.all.length);
    expect(all.totalIsLowerBound).toBe(false);
    expect(all.items).toHaveLength(2);
    expect(all.items[0].uai > all.items[1].uai).toBe(true);
    const page2 = (await get('/api/establishments?pageSize=2&page=2&sort=uai&order=desc')).json();
    expect(page2.items[0].uai < all.items[1].uai).toBe(true);
    const lille = (await get('/api/establishments?academyCode=09&pageSize=50')).json();
    expect(lille.items.every((e: { academyCode: string }) => e.academyCode === '09')).toBe(true);
    const school = t.ids.establishments.unit1[0];
    const found = (await get(`/api/establishments?search=${encodeURIComponent(school.name.slice(0, 8).toLowerCase())}`)).json();
    expect(found.items.map((e: { uai: string }) => e.uai)).toContain(school.uai);
    // a search under 1,000 matches is counted exactly
    expect(found).toMatchObject({ total: found.items.length, totalIsLowerBound: false });
  });

  it('keeps page numbers and adds cursors for the pages beside', async () => {
    const page1 = (await get('/api/establishments?pageSize=2&sort=name')).json();
    expect(page1.previousCursor).toBeNull();
    const page2 = (await get('/api/establishments?pageSize=2&sort=name&page=2')).json();
    const next = (await get(`/api/establishments?pageSize=2&sort=name&after=${page1.nextCursor}`)).json();
    expect(next.items.map((e: { uai: string }) => e.uai)).toEqual(page2.items.map((e: { uai: string }) => e.uai));
    expect(next.total).toBe(page1.total);
    const back = (await get(`/api/establishments?pageSize=2&sort=name&before=${next.previousCursor}`)).json();
    expect(back.items.map((e: { uai: string }) => e.uai)).toEqual(page1.items.map((e: { uai: string }) => e.uai));
    const foreign = await get(`/api/establishments?pageSize=2&sort=uai&after=${page1.nextCursor}`);
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/Curseur/) });
  });

  it('tells the UI what the actor may do on each record', async () => {
    const admin = (await get('/api/establishments?pageSize=1')).json();
    expect(admin.items[0].permissions.update).toBe(true);
    const auditor = (await get('/api/establishments?pageSize=1', 'auditor')).json();
    expect(auditor.items[0].permissions).toEqual({ update: false, managePremises: false });
  });

  it('sends a page read again as JSON written once per set of rights, the rights of each reader on it', async () => {
    const first = await get('/api/establishments?pageSize=3&sort=name');
    const again = await get('/api/establishments?pageSize=3&sort=name');
    expect(again.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(again.body).toBe(first.body);
    const auditor = (await get('/api/establishments?pageSize=3&sort=name', 'auditor')).json();
    expect(auditor.items.map((e: { uai: string }) => e.uai)).toEqual(first.json().items.map((e: { uai: string }) => e.uai));
    expect(auditor.items.every((e: { permissions: object }) => e.permissions && !Object.values(e.permissions).includes(true))).toBe(true);
    expect(first.json().items.every((e: { permissions: { update: boolean } }) => e.permissions.update)).toBe(true);
  });

  it('refuses wrong query types with field paths', async () => {
    const response = await get('/api/establishments?page=abc&pageSize=100000');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('VALIDATION');
    expect(response.json().error.issues.map((i: { path: string }) => i.path).join(' ')).toMatch(/page/);
  });
});

describe('establishment export', () => {
  it('exports CSV in UTF-8 with BOM and semicolons, within scope', async () => {
    const response = await get('/api/establishments/export?format=csv', 'technician');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.headers['content-disposition']).toMatch(/etablissements-\d{4}-\d{2}-\d{2}\.csv/);
    const lines = response.body.split('\r\n').filter(Boolean);
    expect(response.body.charCodeAt(0)).toBe(0xfeff);
    expect(lines[0]).toContain('UAI;Nom;');
    expect(lines).toHaveLength(1 + t.ids.establishments.unit1.length);
  });

  it('exports XLSX', async () => {
    const response = await get('/api/establishments/export?format=xlsx&sort=uai');
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets[0].rowCount).toBe(1 + t.ids.establishments.all.length);
  });
});

describe('one establishment', () => {
  it('answers 404 for an unknown UAI and for another tenant’s school', async () => {
    expect((await get('/api/establishments/0000000A')).statusCode).toBe(404);
    const other = t.ids.establishmentsB[0];
    const response = await get(`/api/establishments/${other.uai}`);
    expect(response.statusCode).toBe(404);
    expect(response.body).not.toContain(other.name);
  });

  it('gives the second of two concurrent edits a 409 and keeps the first', async () => {
    const school = t.ids.establishments.unit2[0];
    const { version } = (await get(`/api/establishments/${school.uai}`)).json();
    const [first, second] = [await patch(school.uai, { version, pupils: 812 }), await patch(school.uai, { version, pupils: 999 })];
    expect(first.statusCode).toBe(200);
    expect(second.statusCode).toBe(409);
    expect(second.json().error.message).toContain('modifié par quelqu');
    expect((await get(`/api/establishments/${school.uai}`)).json()).toMatchObject({ pupils: 812, version: version + 1 });
  });

  it('keeps HTML and SQL typed in a field as text, and records who changed what', async () => {
    const school = t.ids.establishments.unit1[1];
    const { version, name } = (await get(`/api/establishments/${school.uai}`)).json();
    const hostile = `<script>alert("x")</script>' OR 1=1; --`;
    expect((await patch(school.uai, { version, address: hostile })).statusCode).toBe(200);
    expect((await get(`/api/establishments/${school.uai}`)).json()).toMatchObject({ address: hostile, name });
    const history = (await get(`/api/establishments/${school.uai}/history`, 'auditor')).json();
    expect(history.items[0]).toMatchObject({ action: 'update', actorLabel: 'Essai authority-admin', after: { address: hostile } });
  });

  it('refuses bad values with a structured 400 and changes nothing', async () => {
    const school = t.ids.establishments.unit1[0];
    const before = (await get(`/api/establishments/${school.uai}`)).json();
    const response = await patch(school.uai, { version: before.version, pupils: 'beaucoup', postalCode: '59' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.issues.length).toBeGreaterThan(0);
    expect((await get(`/api/establishments/${school.uai}`)).json().version).toBe(before.version);
  });

  it('refuses a phone in letters, negative pupils and a bad e-mail, each on its field, in French', async () => {
    const school = t.ids.establishments.unit1[0];
    const before = (await get(`/api/establishments/${school.uai}`)).json();
    const response = await patch(school.uai, { version: before.version, phone: 'abc', pupils: -5, email: 'pas-une-adresse' });
    expect(response.statusCode).toBe(400);
    const issues = Object.fromEntries(response.json().error.issues.map((i: { path: string; message: string }) => [i.path, i.message]));
    expect(issues['body.phone']).toMatch(/^Numéro de téléphone invalide/);
    expect(issues['body.pupils']).toBe('Le nombre d’élèves ne peut pas être négatif.');
    expect(issues['body.email']).toBe('Adresse e-mail invalide.');
    expect(Object.values(issues).join(' ')).not.toMatch(/Invalid|Too small|Expected/);
    expect((await get(`/api/establishments/${school.uai}`)).json()).toMatchObject({ version: before.version, phone: before.phone, pupils: before.pupils });
  });

  it('lets school staff manage rooms of their school only', async () => {
    const mine = t.ids.staffSchool;
    const building = await t.app.inject({
      method: 'POST',
      url: `/api/establishments/${mine.uai}/buildings`,
      headers: await t.headers('establishment-staff'),
      payload: { name: 'Bâtiment A' },
    });
    expect(building.statusCode).toBe(201);
    const room = await t.app.inject({
      method: 'POST',
      url: `/api/establishments/${mine.uai}/rooms`,
      headers: await t.headers('establishment-staff'),
      payload: { buildingId: building.json().id, name: 'CDI', kind: 'cdi' },
    });
    expect(room.statusCode).toBe(201);
    const detail = (await get(`/api/establishments/${mine.uai}`, 'establishment-staff')).json();
    expect(detail.rooms.map((r: { name: string }) => r.name)).toEqual(['CDI']);
    const elsewhere = t.ids.establishments.unit1.find((e) => e.id !== mine.id)!;
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/establishments/${elsewhere.uai}/buildings`,
      headers: await t.headers('establishment-staff'),
      payload: { name: 'Intrus' },
    });
    expect(refused.statusCode).toBe(404);
  });
});

describe('establishment statistics and unit filter', () => {
  it('counts the schools in scope by nature and sector', async () => {
    const admin = (await get('/api/establishments/stats')).json();
    expect(admin.total).toBe(t.ids.establishments.all.length);
    expect(admin.byNature.reduce((n: number, r: { count: number }) => n + r.count, 0)).toBe(admin.total);
    expect(admin.public + admin.private).toBe(admin.total);
    const tech = (await get('/api/establishments/stats', 'technician')).json();
    expect(tech.total).toBe(t.ids.establishments.unit1.length);
  });

  it('includes the schools of sub-units when filtering by a unit', async () => {
    const admin = await t.headers('authority-admin');
    const zone = await t.app.inject({ method: 'POST', url: '/api/units', headers: admin, payload: { code: 'AG-NORD-S1', name: 'Secteur 1', kind: 'sector', parentId: t.ids.unit1.id } });
    expect(zone.statusCode).toBe(201);
    const school = t.ids.establishments.unit1[0];
    const { version } = (await get(`/api/establishments/${school.uai}`)).json();
    expect((await patch(school.uai, { version, unitId: zone.json().id })).statusCode).toBe(200);
    const byAgency = (await get(`/api/establishments?unitId=${t.ids.unit1.id}&pageSize=50`)).json();
    expect(byAgency.items.map((e: { uai: string }) => e.uai)).toContain(school.uai);
    expect(byAgency.total).toBe(t.ids.establishments.unit1.length);
  });
});
