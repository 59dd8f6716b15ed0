import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp, type TestUser } from '../../../test/app.js';
import { fleetNow, seedFleet } from './fleet-test-data.js';

/**
 * Exports of the fleet-by-school, lifecycle and deployment lists: the list's rows, in its scope, as
 * French spreadsheets read them (CSV: UTF-8 BOM, « ; », CRLF; XLSX opened with exceljs).
 */
let t: TestApp;
let fleet: Awaited<ReturnType<typeof seedFleet>>;
const batches: { lille: string; amiens: string } = { lille: '', amiens: '' };

beforeAll(async () => {
  t = await testApp({ clock: () => fleetNow });
  fleet = await seedFleet(t);
  const deliver = async (uai: string, label: string, serials: string[]) => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/deployments',
      payload: { uai, label, deliveredAt: '2026-11-20T08:00:00Z', expectedCount: serials.length, serials },
      headers: await t.headers('authority-admin'),
    });
    expect(response.statusCode).toBe(201);
    return response.json().id as string;
  };
  // a label a spreadsheet would run as a formula if it were not neutralised
  batches.lille = await deliver(fleet.lille.uai, '=HYPERLINK("http://x";"Vague 1")', ['EXP-L-001', 'EXP-L-002', 'EXP-L-003']);
  batches.amiens = await deliver(fleet.amiens.uai, 'Vague Amiens', ['EXP-A-001']);
});
afterAll(() => t.close());

const get = async (url: string, user?: TestUser) => t.app.inject({ method: 'GET', url, headers: user ? await t.headers(user) : {} });

/** The CSV as a spreadsheet reads it; checks the BOM and CRLF on the way (no cell of these files holds a quote or « ; »). */
async function csv(url: string, user: TestUser): Promise<{ header: string[]; rows: Record<string, string>[] }> {
  const response = await get(url, user);
  expect(response.statusCode, response.body).toBe(200);
  expect(response.headers['content-type']).toContain('text/csv');
  expect(response.headers['content-disposition']).toMatch(/attachment; filename=".+-2026-11-24\.csv"/);
  const body = response.rawPayload.toString('utf8');
  expect(body.startsWith('\uFEFF')).toBe(true);
  expect(body.endsWith('\r\n')).toBe(true);
  const [header, ...lines] = body.slice(1).split('\r\n').slice(0, -1).map((line) => line.split(';'));
  return { header, rows: lines.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i]]))) };
}

async function xlsx(url: string, user: TestUser): Promise<ExcelJS.Worksheet> {
  const response = await get(url, user);
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toContain('spreadsheetml');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
  return workbook.worksheets[0];
}

const values = (sheet: ExcelJS.Worksheet, row: number) => (sheet.getRow(row).values as unknown[]).slice(1);

describe('GET /api/fleet/establishments/export', () => {
  it('exports every school of the list with its figures, and only a technician’s own schools', async () => {
    const list = (await get('/api/fleet/establishments?pageSize=500', 'authority-admin')).json();
    const file = await csv('/api/fleet/establishments/export?format=csv', 'authority-admin');
    expect(file.header).toEqual(['UAI', 'Établissement', 'Élèves', 'Équipements', 'Ordinateurs utilisables', 'Tablettes utilisables', 'Élèves par ordinateur', 'Élèves par équipement', 'Hors garantie', 'À renouveler cette année']);
    expect(file.rows.map((r) => r.UAI)).toEqual(list.items.map((e: { uai: string }) => e.uai)); // same order
    expect(file.rows.find((r) => r.UAI === fleet.lille.uai)).toMatchObject({ Élèves: '400', Équipements: '6', 'Ordinateurs utilisables': '5', 'Élèves par ordinateur': '80', 'Hors garantie': '3', 'À renouveler cette année': '3' });
    expect(file.rows.find((r) => r.UAI === fleet.amiens.uai)).toMatchObject({ 'Tablettes utilisables': '2', 'Élèves par ordinateur': '300', 'Élèves par équipement': '100' });

    const tech = await csv('/api/fleet/establishments/export', 'technician');
    expect(tech.rows.map((r) => r.UAI).sort()).toEqual(t.ids.establishments.unit1.map((e) => e.uai).sort());
    expect(tech.rows.some((r) => r.UAI === fleet.amiens.uai)).toBe(false);
  });

  it('keeps the system filter and adds its column; the same as XLSX with numbers', async () => {
    const file = await csv('/api/fleet/establishments/export?osName=windows&osVersion=10', 'steering');
    expect(file.header.at(-1)).toBe('Équipements sous windows 10');
    expect(file.rows.map((r) => [r.UAI, r['Équipements sous windows 10']]).sort()).toEqual([[fleet.amiens.uai, '1'], [fleet.lille.uai, '3']].sort());

    const sheet = await xlsx('/api/fleet/establishments/export?format=xlsx&sort=devices&order=desc', 'authority-admin');
    expect(values(sheet, 1).slice(0, 4)).toEqual(['UAI', 'Établissement', 'Élèves', 'Équipements']);
    expect(values(sheet, 2)[0]).toBe(fleet.lille.uai); // the most devices first, as asked
    expect(values(sheet, 2)[6]).toBe(80); // pupils per computer, a number
    expect(sheet.rowCount - 1).toBe(t.ids.establishments.all.length);
  });

  it('refuses like the list: 401, 403 for the académie, B sees only its own', async () => {
    expect((await get('/api/fleet/establishments/export')).statusCode).toBe(401);
    expect((await get('/api/fleet/establishments/export', 'academy-staff')).statusCode).toBe(403);
    const b = await csv('/api/fleet/establishments/export', 'admin-b');
    expect(b.rows.map((r) => r.UAI)).toEqual(expect.arrayContaining(t.ids.establishmentsB.map((e) => e.uai)));
    expect(b.rows.some((r) => r.UAI === fleet.lille.uai)).toBe(false);
  });
});

describe('GET /api/fleet/lifecycle/export', () => {
  it('exports every device of the list (not one page) with age, renewal year and warranty', async () => {
    const list = (await get('/api/fleet/lifecycle?pageSize=3', 'authority-admin')).json();
    expect(list.total).toBe(9);
    const file = await csv('/api/fleet/lifecycle/export', 'authority-admin');
    expect(file.rows).toHaveLength(9); // the retired desktop is out, as in the list
    expect(file.rows.slice(0, 3).map((r) => r['N° de série'])).toEqual(list.items.map((d: { serial: string }) => d.serial));
    expect(file.rows.find((r) => r['N° de série'] === 'SN-FLEET-1')).toMatchObject({
      UAI: fleet.lille.uai,
      Type: 'Ordinateur fixe',
      Statut: 'En service',
      'Date d’achat': '01/09/2020',
      'Âge compté depuis': 'Achat',
      'Âge (ans)': '6,2',
      'Durée de vie attendue (ans)': '5',
      'Année de renouvellement': '2025',
      'Fin de garantie': '01/09/2023',
      Garantie: 'Expirée',
    });
    expect(file.rows.find((r) => r['N° de série'] === 'SN-FLEET-6')).toMatchObject({ 'Âge compté depuis': 'Premier inventaire', 'Durée de vie attendue (ans)': '7', Garantie: 'Inconnue' });
  });

  it('keeps the filters and the scope: a technician’s file holds only their schools’ devices', async () => {
    const desktops = await csv('/api/fleet/lifecycle/export?class=desktop&dueBy=2026', 'authority-admin');
    expect(desktops.rows.map((r) => r['N° de série']).sort()).toEqual(['SN-FLEET-1', 'SN-FLEET-2', 'SN-FLEET-3']);
    const tech = await csv('/api/fleet/lifecycle/export', 'technician');
    expect(tech.rows).toHaveLength(6);
    expect(new Set(tech.rows.map((r) => r.UAI))).toEqual(new Set([fleet.lille.uai]));
    const outOfScope = await get(`/api/fleet/lifecycle/export?uai=${fleet.amiens.uai}`, 'technician');
    expect(outOfScope.statusCode).toBe(404);
    expect(outOfScope.body).not.toContain(fleet.amiens.name);
    expect((await get('/api/fleet/lifecycle/export?warranty=maybe', 'authority-admin')).statusCode).toBe(400);
  });

  it('gives the same rows as XLSX, ages as numbers', async () => {
    const sheet = await xlsx(`/api/fleet/lifecycle/export?format=xlsx&uai=${fleet.amiens.uai}`, 'authority-admin');
    expect(values(sheet, 1)).toContain('Année de renouvellement');
    expect(sheet.rowCount - 1).toBe(3);
    const age = values(sheet, 1).indexOf('Âge (ans)');
    expect(typeof values(sheet, 2)[age]).toBe('number');
  });
});

describe('GET /api/deployments/export and /api/deployments/{id}/export', () => {
  it('exports the deliveries with their progress, a formula-like label neutralised, in the actor’s scope', async () => {
    const file = await csv('/api/deployments/export', 'authority-admin');
    expect(file.header.slice(0, 4)).toEqual(['UAI', 'Établissement', 'Livraison', 'Type']);
    const lille = file.rows.find((r) => r.UAI === fleet.lille.uai)!;
    // the label holds « ; » and quotes: quoted in the file, so read it from the raw text
    const raw = (await get('/api/deployments/export', 'authority-admin')).rawPayload.toString('utf8');
    expect(raw).toContain(`"'=HYPERLINK(""http://x"";""Vague 1"")"`);
    expect(lille).toBeDefined();
    const amiens = file.rows.find((r) => r.UAI === fleet.amiens.uai)!;
    expect(amiens).toMatchObject({ Livraison: 'Vague Amiens', Attendus: '1', Livrés: '1', 'En service': '0', Échéance: '22/11/2026 08:00', 'En retard': 'Oui', 'Heures de retard': '50' });

    const tech = await csv('/api/deployments/export', 'technician');
    expect(tech.rows.length).toBeGreaterThan(0);
    expect(tech.rows.every((r) => t.ids.establishments.unit1.some((e) => e.uai === r.UAI))).toBe(true);
    const filtered = await csv(`/api/deployments/export?uai=${fleet.amiens.uai}`, 'steering');
    expect(filtered.rows.map((r) => r.Livraison)).toEqual(['Vague Amiens']);
    const sheet = await xlsx('/api/deployments/export?format=xlsx', 'auditor');
    expect(sheet.rowCount - 1).toBe(2);
    expect(values(sheet, 1)).toContain('En service dans le délai');
  });

  it('exports one delivery’s devices; another unit’s delivery does not exist for a technician', async () => {
    const file = await csv(`/api/deployments/${batches.lille}/export`, 'technician');
    expect(file.header).toEqual(['N° de série', 'Étape', 'Étape atteinte le', 'Installé le', 'Masterisé le', 'En service le', 'Vu par l’inventaire le', 'Équipement']);
    expect(file.rows.map((r) => [r['N° de série'], r.Étape])).toEqual([
      ['EXP-L-001', 'Livré'],
      ['EXP-L-002', 'Livré'],
      ['EXP-L-003', 'Livré'],
    ]);
    const sheet = await xlsx(`/api/deployments/${batches.amiens}/export?format=xlsx`, 'authority-admin');
    expect(values(sheet, 2)[0]).toBe('EXP-A-001');
    const hidden = await get(`/api/deployments/${batches.amiens}/export`, 'technician');
    expect(hidden.statusCode).toBe(404);
    expect(hidden.body).not.toContain(fleet.amiens.uai);
    expect((await get(`/api/deployments/${batches.lille}/export`, 'admin-b')).statusCode).toBe(404);
    expect((await get('/api/deployments/export', 'academy-staff')).statusCode).toBe(403);
    expect((await get(`/api/deployments/${batches.lille}/export`)).statusCode).toBe(401);
  });
});
