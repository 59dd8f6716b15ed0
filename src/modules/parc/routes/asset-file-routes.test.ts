import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp, type TestUser } from '../../../test/app.js';
import { multipartBody } from '../../../test/multipart.js';
import { frenchCsv } from '../import/testing-files.js';
import { insertAsset, insertRoom, uniqueSerial } from '../operations/testing-assets.js';

let t: TestApp;
let inUnit1: { id: string; serial: string | null };
let inUnit2: { id: string; serial: string | null };
beforeAll(async () => {
  t = await testApp();
  const school = t.ids.establishments.unit1[0];
  const room = await insertRoom(t, school.id, 'B12', 'Bâtiment Sciences');
  inUnit1 = await insertAsset(t, {
    establishmentId: school.id,
    roomId: room.id,
    assetClass: 'projector',
    name: '=cmd|calc',
    purchaseDate: '2024-02-29',
    purchasePrice: '1249.90',
    fundingSource: 'feder',
    lastInventoryAt: new Date('2020-01-01T00:00:00Z'),
  });
  inUnit2 = await insertAsset(t, { establishmentId: t.ids.establishments.unit2[0].id });
});
afterAll(() => t.close());

const get = async (url: string, user: TestUser | null) => t.app.inject({ method: 'GET', url, headers: user ? await t.headers(user) : {} });

async function upload(url: string, user: TestUser | null, bytes: Uint8Array, fields: Record<string, string> = {}, name = 'parc.csv') {
  const body = multipartBody({ name, bytes, type: 'text/csv' }, fields);
  return t.app.inject({ method: 'POST', url, headers: { ...(user ? await t.headers(user) : {}), 'content-type': body.contentType }, payload: body.payload });
}

describe('GET /api/assets/export', () => {
  it('exports the filtered list as CSV with BOM and « ; », in the caller’s scope, formulas neutralised', async () => {
    const response = await get('/api/assets/export?format=csv', 'technician');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.headers['content-disposition']).toMatch(/attachment; filename="equipements-\d{4}-\d{2}-\d{2}\.csv"/);
    const text = response.body;
    expect(text.startsWith('\uFEFFUAI;Établissement;Bâtiment;Salle;Type;Statut;Nom;N° de série')).toBe(true);
    expect(text).toContain(inUnit1.serial!);
    expect(text).not.toContain(inUnit2.serial!);
    const line = text.split('\r\n').find((l) => l.includes(inUnit1.serial!))!;
    expect(line).toContain("'=cmd|calc");
    expect(line).toContain('Vidéoprojecteur;En service');
    expect(line).toContain('29/02/2024;1249,90');
    expect(line).toContain('01/03/2030'); // end of life: 29 February + 6 years
    expect(line).toContain('Bâtiment Sciences;B12');
    expect(line.endsWith(';Oui')).toBe(true); // not seen since 2020
  });

  it('exports XLSX with prices as numbers, and applies the list filters', async () => {
    const response = await get(`/api/assets/export?format=xlsx&uai=${t.ids.establishments.unit1[0].uai}&class=projector`, 'authority-admin');
    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).getCell(18).value).toBe(1249.9);
  });

  it('answers 401, 403 to a role without the parc, and 400 to an unknown format', async () => {
    expect((await get('/api/assets/export', null)).statusCode).toBe(401);
    expect((await get('/api/assets/export', 'academy-staff')).statusCode).toBe(403);
    expect((await get('/api/assets/export?format=pdf', 'authority-admin')).statusCode).toBe(400);
    const other = await get('/api/assets/export', 'admin-b');
    expect(other.statusCode).toBe(200);
    expect(other.body).not.toContain(inUnit1.serial!);
  });
});

describe('POST /api/assets/import/preview and /api/assets/import', () => {
  const file = (serial: string) =>
    frenchCsv([
      ['Numéro de série', 'UAI', 'Type', 'Statut', 'Date d’achat', 'Prix', 'Fin de garantie'],
      [serial, t.ids.establishments.unit1[1].uai, 'PC portable', 'Livré', '15/09/2025', '899,00', '15/09/2029'],
    ]);

  it('previews the columns with a suggested mapping, then imports with the row-by-row report', async () => {
    const serial = uniqueSerial('IMP');
    const preview = await upload('/api/assets/import/preview', 'technician', file(serial));
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({
      format: 'csv',
      totalRows: 1,
      suggestedMapping: { serial: 'Numéro de série', uai: 'UAI', class: 'Type', status: 'Statut', purchaseDate: 'Date d’achat', purchasePrice: 'Prix', warrantyEnd: 'Fin de garantie' },
    });
    expect(preview.json().columns[0]).toEqual({ header: 'Numéro de série', samples: [serial] });
    const mapping = JSON.stringify(preview.json().suggestedMapping);
    const imported = await upload('/api/assets/import', 'technician', file(serial), { mapping, mode: 'all-or-nothing' });
    expect(imported.statusCode).toBe(200);
    expect(imported.json()).toMatchObject({ status: 'applied', totals: { rows: 1, created: 1, updated: 0, unchanged: 0, rejected: 0 }, rejected: [] });
    const again = await upload('/api/assets/import', 'technician', file(serial));
    expect(again.json().totals).toMatchObject({ created: 0, unchanged: 1 });
  });

  it('imports back its own export unchanged', async () => {
    const exported = await get('/api/assets/export?format=csv', 'authority-admin');
    const report = await upload('/api/assets/import', 'authority-admin', Buffer.from(exported.body), { mode: 'all-or-nothing' });
    expect(report.statusCode).toBe(200);
    expect(report.json().status).toBe('applied');
    expect(report.json().totals.created).toBe(0);
    expect(report.json().totals.updated).toBe(0);
  });

  it('refuses bad files whole (422), bad mappings and modes (400), other content types (415), and roles that only read (403)', async () => {
    const latin1 = await upload('/api/assets/import', 'authority-admin', Buffer.from('N° de série;Salle\r\nABC;Réunion\r\n', 'latin1'));
    expect(latin1.statusCode).toBe(422);
    expect(latin1.json().error.message).toMatch(/UTF-8/);
    const random = await upload('/api/assets/import/preview', 'authority-admin', Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 31) % 256)), {}, 'x.bin');
    expect(random.statusCode).toBe(422);
    expect((await upload('/api/assets/import', 'authority-admin', file(uniqueSerial()), { mapping: '{pas du json' })).statusCode).toBe(400);
    const unknownField = await upload('/api/assets/import', 'authority-admin', file(uniqueSerial()), { mapping: JSON.stringify({ couleur: 'Type' }) });
    expect(unknownField.statusCode).toBe(400);
    const missingColumn = await upload('/api/assets/import', 'authority-admin', file(uniqueSerial()), { mapping: JSON.stringify({ serial: 'Serial' }) });
    expect(missingColumn.json().error.issues[0]).toEqual({ path: 'mapping.serial', message: 'Colonne « Serial » absente du fichier.' });
    expect((await upload('/api/assets/import', 'authority-admin', file(uniqueSerial()), { mode: 'tout' })).statusCode).toBe(400);
    const json = await t.app.inject({ method: 'POST', url: '/api/assets/import', headers: { ...(await t.headers('authority-admin')), 'content-type': 'application/json' }, payload: {} });
    expect(json.statusCode).toBe(415);
    expect((await upload('/api/assets/import', 'contractor', file(uniqueSerial()))).statusCode).toBe(403);
    expect((await upload('/api/assets/import/preview', 'establishment-staff', file(uniqueSerial()))).statusCode).toBe(403);
    expect((await upload('/api/assets/import', null, file(uniqueSerial()))).statusCode).toBe(401);
  });
});
