import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp, type TestUser } from '../../../test/app.js';
import { establishments } from '../../referentiel/db/schema.js';
import { orderWorld, type OrderWorld } from '../orders/testing.js';

let t: TestApp;
let w: OrderWorld;
const now = new Date('2026-09-01T08:00:00Z');
beforeAll(async () => {
  t = await testApp({ clock: () => now });
  w = await orderWorld(t.ctx.db, { tenantId: t.ids.a.tenantId, regionOrg: t.ids.a.tenantId, academyOrg: t.ids.academy.tenantId, holderOrg: t.ids.contractorOrg.tenantId, lotMaxCents: 1_000_000_00 });
  for (const [e, pupils] of [[t.ids.staffSchool, 400], [t.ids.establishments.unit2[0], 600]] as const) {
    await t.ctx.db.update(establishments).set({ pupils }).where(and(eq(establishments.tenantId, t.ids.a.tenantId), eq(establishments.id, e.id)));
  }
});
afterAll(() => t.close());

const call = async (method: 'GET' | 'POST' | 'PUT', url: string, user: TestUser, payload?: unknown) =>
  t.app.inject({ method, url, payload: payload as object, headers: await t.headers(user) });
const own = () => t.ids.staffSchool.uai;
const other = () => t.ids.establishments.unit2[0].uai;

describe('digital resources', () => {
  let digital: { id: string };
  let paper: { id: string };

  it('builds the catalogue: a digital title takes its price item’s price, a paper-only one is flagged', async () => {
    const base = { contractId: w.contractId, lotId: w.lot1, publisher: 'Éditions Essai', levels: ['2de', '1re'], throughGar: true };
    const created = await call('POST', '/api/resource-titles', 'authority-admin', { ...base, title: 'Manuel de mathématiques', digital: true, priceItemId: w.items.pc });
    expect(created.statusCode, created.body).toBe(201);
    digital = created.json();
    expect(created.json()).toMatchObject({ pricePerLicenceCents: 80_000, paperOnly: false, throughGar: true });
    const printed = await call('POST', '/api/resource-titles', 'authority-admin', { ...base, title: 'Atlas papier', digital: false, throughGar: false, pricePerLicenceCents: 2_500 });
    paper = printed.json();
    expect(printed.json()).toMatchObject({ paperOnly: true, priceItemId: null });
    const wrongLot = await call('POST', '/api/resource-titles', 'authority-admin', { ...base, title: 'X', digital: true, priceItemId: w.items.otherLot });
    expect(wrongLot.statusCode).toBe(400);
    expect(wrongLot.json().error.message).toContain('bordereau');
    const noItem = await call('POST', '/api/resource-titles', 'authority-admin', { ...base, title: 'X', digital: true });
    expect(noItem.statusCode).toBe(400);
    expect((await call('POST', '/api/resource-titles', 'establishment-staff', { ...base, title: 'X', digital: false, pricePerLicenceCents: 1 })).statusCode).toBe(403);
    const list = (await call('GET', `/api/resource-titles?contractId=${w.contractId}`, 'auditor')).json();
    expect(list.items.map((i: { title: string }) => i.title)).toEqual(['Atlas papier', 'Manuel de mathématiques']);
  });

  it('lets a school choose for itself only, per level of the title', async () => {
    const choice = await call('PUT', '/api/resource-choices', 'establishment-staff', { titleId: digital.id, uai: own(), level: '2de', quantity: 120 });
    expect(choice.statusCode, choice.body).toBe(200);
    expect(choice.json()).toMatchObject({ quantity: 120, amountCents: 9_600_000, can: { change: true } });
    expect((await call('PUT', '/api/resource-choices', 'establishment-staff', { titleId: digital.id, uai: own(), level: '1re', quantity: 80 })).statusCode).toBe(200);
    expect((await call('PUT', '/api/resource-choices', 'establishment-staff', { titleId: paper.id, uai: own(), level: '2de', quantity: 30 })).statusCode).toBe(200);
    const elsewhere = await call('PUT', '/api/resource-choices', 'establishment-staff', { titleId: digital.id, uai: other(), level: '2de', quantity: 5 });
    expect(elsewhere.statusCode).toBe(404);
    const badLevel = await call('PUT', '/api/resource-choices', 'establishment-staff', { titleId: digital.id, uai: own(), level: '6e', quantity: 5 });
    expect(badLevel.statusCode).toBe(400);
    expect(badLevel.json().error.message).toContain('6e');
    expect((await call('PUT', '/api/resource-choices', 'auditor', { titleId: digital.id, uai: own(), level: '2de', quantity: 5 })).statusCode).toBe(403);
    // the authority records the choice of a school of the other unit
    expect((await call('PUT', '/api/resource-choices', 'authority-admin', { titleId: digital.id, uai: other(), level: '1re', quantity: 300 })).statusCode).toBe(200);
    const mine = (await call('GET', '/api/resource-choices', 'establishment-staff')).json();
    expect(mine.total).toBe(3);
    expect(new Set(mine.items.map((c: { uai: string }) => c.uai))).toEqual(new Set([own()]));
    expect((await call('GET', '/api/resource-choices', 'authority-admin')).json().total).toBe(4);
    expect((await call('GET', '/api/resource-choices', 'contractor')).statusCode).toBe(403);
  });

  it('pages the choices on the server and exports every page (CSV: BOM, « ; »; XLSX), each reader in its scope', async () => {
    const page = async (n: number, user: TestUser = 'authority-admin') => (await call('GET', `/api/resource-choices?page=${n}&pageSize=3`, user)).json();
    const [first, second] = [await page(1), await page(2)];
    expect([first.total, first.items.length, second.total, second.items.length]).toEqual([4, 3, 4, 1]);
    const listed = [...first.items, ...second.items].map((c: { uai: string; title: string; level: string }) => `${c.uai}|${c.title}|${c.level}`);
    expect(new Set(listed).size).toBe(4);
    expect((await page(3)).items).toEqual([]);
    expect((await call('GET', '/api/resource-choices?pageSize=501', 'authority-admin')).statusCode).toBe(400);
    expect((await call('GET', '/api/resource-choices?page=0', 'authority-admin')).statusCode).toBe(400);

    const csv = await call('GET', '/api/resource-choices/export?format=csv', 'authority-admin');
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="choix-ressources-2026-09-01\.csv"/);
    const text = csv.rawPayload.toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = text.slice(1).split('\r\n').slice(0, -1).map((line) => line.split(';'));
    expect(header).toEqual(['UAI', 'Établissement', 'Titre', 'Éditeur', 'Niveau', 'Quantité', 'Version', 'Prix par licence HT (EUR)', 'Montant HT (EUR)', 'État', 'Choisi par']);
    // every page, in the list's order
    expect(rows.map((r) => `${r[0]}|${r[2]}|${r[4]}`)).toEqual(listed);
    expect(rows.find((r) => r[0] === own() && r[2] === 'Manuel de mathématiques' && r[4] === '2de')).toEqual(expect.arrayContaining(['120', 'Numérique', '800,00', '96000,00', 'En attente de consolidation']));
    expect(rows.find((r) => r[2] === 'Atlas papier')).toEqual(expect.arrayContaining(['Papier seulement', 'Achat papier sur les réserves']));

    // a school exports its own choices only, even when it names another school
    const mine = (await call('GET', '/api/resource-choices/export?format=csv', 'establishment-staff')).rawPayload.toString('utf8').split('\r\n').slice(1, -1);
    expect(mine).toHaveLength(3);
    expect(mine.every((line) => line.startsWith(`${own()};`))).toBe(true);
    expect((await call('GET', `/api/resource-choices/export?format=csv&uai=${other()}`, 'establishment-staff')).rawPayload.toString('utf8').split('\r\n').slice(1, -1)).toEqual([]);

    const xlsx = await call('GET', `/api/resource-choices/export?format=xlsx&uai=${other()}`, 'auditor');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.rowCount).toBe(2);
    expect((sheet.getRow(2).values as unknown[]).slice(1, 7)).toEqual([other(), expect.any(String), 'Manuel de mathématiques', 'Éditions Essai', '1re', 300]);

    expect((await call('GET', '/api/resource-choices/export?format=csv', 'contractor')).statusCode).toBe(403);
    expect((await call('GET', '/api/resource-choices/export?format=pdf', 'authority-admin')).statusCode).toBe(400);
  });

  it('counts licences per school and per pupil, paper titles apart', async () => {
    const licences = (await call('GET', `/api/resource-licences?contractId=${w.contractId}`, 'steering')).json();
    expect(licences.totals).toMatchObject({ schools: 2, pupils: 1_000, licences: 500, ordered: 0, licencesPerPupil: 0.5 });
    expect(licences.schools.find((s: { uai: string }) => s.uai === own())).toMatchObject({ licences: 200, paperTitles: 1, licencesPerPupil: 0.5 });
    const mine = (await call('GET', `/api/resource-licences?contractId=${w.contractId}`, 'establishment-staff')).json();
    expect(mine.totals).toMatchObject({ schools: 1, licences: 200 });
  });

  it('takes a school’s declared pupils when the référentiel has none, says which, and exports the table', async () => {
    const third = t.ids.establishments.unit1.find((e) => e.uai !== own())!;
    const declare = (user: TestUser, uai: string, level: string, pupils: number) => call('PUT', '/api/resource-headcounts', user, { contractId: w.contractId, uai, level, pupils });
    // the school's staff declare for their own school only; readers cannot
    expect((await declare('establishment-staff', third.uai, '2de', 100)).statusCode).toBe(404);
    expect((await declare('auditor', third.uai, '2de', 100)).statusCode).toBe(403);
    const negative = await declare('authority-admin', third.uai, '2de', -1);
    expect(negative.statusCode).toBe(400);
    expect(negative.json().error.issues).toEqual([expect.objectContaining({ path: 'body.pupils', message: 'Un effectif positif.' })]);
    const saved = await declare('authority-admin', third.uai, '2de', 100);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ uai: third.uai, level: '2de', pupils: 100 });
    expect((await declare('authority-admin', third.uai, '1re', 60)).statusCode).toBe(200);
    expect((await call('PUT', '/api/resource-choices', 'authority-admin', { titleId: digital.id, uai: third.uai, level: '2de', quantity: 400 })).statusCode).toBe(200);
    // the référentiel's count wins where it has one: a declaration for the school with 400 pupils changes nothing
    expect((await declare('establishment-staff', own(), '2de', 1)).statusCode).toBe(200);
    const licences = (await call('GET', `/api/resource-licences?contractId=${w.contractId}`, 'steering')).json();
    expect(licences.schools.find((s: { uai: string }) => s.uai === third.uai)).toMatchObject({ pupils: 160, pupilsSource: 'declared', declaredByLevel: '1re : 60, 2de : 100', licences: 400, licencesPerPupil: 2.5 });
    expect(licences.schools.find((s: { uai: string }) => s.uai === own())).toMatchObject({ pupils: 400, pupilsSource: 'referentiel', declaredPupils: 1, licencesPerPupil: 0.5 });
    expect(licences.totals).toMatchObject({ schools: 3, schoolsWithPupils: 3, pupils: 1_160, licences: 900, licencesPerPupil: 0.78 });

    const csv = await call('GET', `/api/resource-licences/export?contractId=${w.contractId}&format=csv`, 'auditor');
    expect(csv.statusCode, csv.body).toBe(200);
    const [header, ...rows] = csv.rawPayload.toString('utf8').slice(1).split('\r\n').slice(0, -1).map((line) => line.split(';'));
    expect(header).toEqual(['UAI', 'Établissement', 'Élèves', 'Source de l’effectif', 'Effectifs déclarés par niveau', 'Licences', 'Licences commandées', 'Licences par élève', 'Titres papier', 'Montant HT (EUR)']);
    expect(rows.find((r) => r[0] === third.uai)).toEqual([third.uai, expect.any(String), '160', 'Déclaré par l’établissement', '1re : 60, 2de : 100', '400', '0', '2,5', '0', '320000,00']);
    const mine = (await call('GET', `/api/resource-licences/export?contractId=${w.contractId}&format=csv`, 'establishment-staff')).rawPayload.toString('utf8').split('\r\n').slice(1, -1);
    expect(mine.map((line) => line.split(';')[0])).toEqual([own()]);
    // withdrawn: back to unknown pupils for that school
    expect((await declare('authority-admin', third.uai, '1re', 0)).statusCode).toBe(200);
    expect((await declare('authority-admin', third.uai, '2de', 0)).statusCode).toBe(200);
    const after = (await call('GET', `/api/resource-licences?contractId=${w.contractId}`, 'steering')).json();
    expect(after.schools.find((s: { uai: string }) => s.uai === third.uai)).toMatchObject({ pupils: 0, pupilsSource: null, licencesPerPupil: null });
    expect(after.totals).toMatchObject({ schoolsWithPupils: 2, pupils: 1_000, licencesPerPupil: 0.5 });
    // the next test consolidates the first two schools' choices only
    expect((await call('PUT', '/api/resource-choices', 'authority-admin', { titleId: digital.id, uai: third.uai, level: '2de', quantity: 0 })).statusCode).toBe(200);
  });

  it('consolidates the open choices into one draft order to the holder, then freezes them', async () => {
    expect((await call('POST', '/api/resource-consolidations', 'establishment-staff', { contractId: w.contractId })).statusCode).toBe(403);
    const done = await call('POST', '/api/resource-consolidations', 'authority-admin', { contractId: w.contractId });
    expect(done.statusCode, done.body).toBe(201);
    expect(done.json()).toMatchObject({ choices: 3, licences: 500 });
    expect(done.json().orders).toHaveLength(1);
    expect(done.json().orders[0]).toMatchObject({ status: 'draft', lines: 2, licences: 500, totalExclTaxCents: 40_000_000 });
    const order = (await call('GET', `/api/purchase-orders/${done.json().orders[0].id}`, 'authority-admin')).json();
    expect(order.status).toBe('draft');
    const again = await call('POST', '/api/resource-consolidations', 'authority-admin', { contractId: w.contractId });
    expect(again.statusCode).toBe(409);
    const frozen = await call('PUT', '/api/resource-choices', 'establishment-staff', { titleId: digital.id, uai: own(), level: '2de', quantity: 1 });
    expect(frozen.statusCode).toBe(409);
    expect(frozen.json().error.message).toContain('consolidé');
    expect((await call('GET', `/api/resource-licences?contractId=${w.contractId}`, 'auditor')).json().totals.ordered).toBe(500);
  });

  it('refuses a consolidation over the lot’s ceiling and leaves the choices open', async () => {
    const small = await orderWorld(t.ctx.db, { tenantId: t.ids.a.tenantId, regionOrg: t.ids.a.tenantId, academyOrg: t.ids.academy.tenantId, holderOrg: t.ids.contractorOrg.tenantId, lotMaxCents: 100_000 });
    const title = (await call('POST', '/api/resource-titles', 'authority-admin', { contractId: small.contractId, lotId: small.lot1, title: 'Plafonné', publisher: 'P', levels: ['3e'], throughGar: true, digital: true, priceItemId: small.items.pc })).json();
    await call('PUT', '/api/resource-choices', 'authority-admin', { titleId: title.id, uai: own(), level: '3e', quantity: 2 });
    const refused = await call('POST', '/api/resource-consolidations', 'authority-admin', { contractId: small.contractId });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('plafond');
    const open = (await call('GET', `/api/resource-choices?contractId=${small.contractId}`, 'authority-admin')).json();
    expect(open.items[0]).toMatchObject({ orderId: null, can: { change: true } });
  });
});

describe('ENT sites in waves', () => {
  const site = (uai: string, wave: number, openingDate: string) => ({ contractId: w.contractId, uai, wave, openingDate, launchCostCents: 495_000, yearlyCostCents: 99_000 });
  it('opens sites in waves and totals the cost per year to the contract’s end', async () => {
    expect((await call('POST', '/api/ent-sites', 'authority-admin', site(own(), 1, '2026-09-01'))).statusCode).toBe(201);
    expect((await call('POST', '/api/ent-sites', 'authority-admin', site(other(), 2, '2027-09-01'))).statusCode).toBe(201);
    const twice = await call('POST', '/api/ent-sites', 'authority-admin', site(own(), 2, '2027-09-01'));
    expect(twice.statusCode).toBe(409);
    expect((await call('POST', '/api/ent-sites', 'steering', site(own(), 1, '2026-09-01'))).statusCode).toBe(403);
    expect((await call('POST', '/api/ent-sites', 'authority-admin', { ...site(own(), 0, '2026-09-01') })).statusCode).toBe(400);
    const ent = (await call('GET', `/api/ent-sites?contractId=${w.contractId}`, 'auditor')).json();
    expect(ent.waves).toEqual([
      { wave: 1, sites: 1, openingDate: '2026-09-01', launchCents: 495_000 },
      { wave: 2, sites: 1, openingDate: '2027-09-01', launchCents: 495_000 },
    ]);
    // the contract runs 48 months from 2026-01-01: to 2029
    expect(ent.years.map((y: { year: number; totalCents: number }) => [y.year, y.totalCents])).toEqual([[2026, 495_000], [2027, 594_000], [2028, 198_000], [2029, 198_000]]);
    expect((await call('GET', `/api/ent-sites?contractId=${w.contractId}`, 'establishment-staff')).json().sites).toHaveLength(1);
    expect((await call('GET', `/api/ent-sites?contractId=${w.contractId}`, 'admin-b')).statusCode).toBe(404);
  });
});
