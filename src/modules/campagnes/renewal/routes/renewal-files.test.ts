import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { testApp, type TestApp } from '../../../../test/app.js';
import { budgetLines, purchaseOrders } from '../../../marches/orders/db/schema.js';
import { orderWorld, type OrderWorld } from '../../../marches/orders/testing.js';
import { establishmentsView } from '../../../referentiel/index.js';
import { dossiers } from '../../db/schema.js';
import { grantedRenewalQuantities } from '../../index.js';
import { as } from '../../testing.js';
import { fleetDevices, openKindCall, renewalFile } from '../testing.js';

/**
 * The renewal call through its routes: the school's request beside its fleet, the arbitration
 * within the envelope (running total, over-asking shown, 409s), granted quantities read by other
 * modules, and the one step to a draft order in marchés with the lot's ceiling.
 */

const now = new Date('2027-01-10T11:00:00Z').getTime();
let t: TestApp;
let campaignId: string;
let w: OrderWorld;

beforeAll(async () => {
  t = await testApp({ clock: () => new Date(now) });
  // the school's fleet: 10 desktops of 2018 (past their life), 4 laptops of 2025
  await fleetDevices(t.ctx.db, t.ids.a.tenantId, t.ids.staffSchool.id, 'desktop', 10, '2018-09-01');
  await fleetDevices(t.ctx.db, t.ids.a.tenantId, t.ids.staffSchool.id, 'laptop', 4, '2025-09-01');
  campaignId = (await openKindCall(t, 'renewal', 'renouvellement-test', { budgetCents: 2_000_000 })).id;
  w = await orderWorld(t.ctx.db, { tenantId: t.ids.a.tenantId, regionOrg: t.ids.a.tenantId, academyOrg: t.ids.academy.tenantId, holderOrg: t.ids.contractorOrg.tenantId, lotMaxCents: 2_000_000 });
  // the world's budget lines are of 2026; the clock stands in 2027
  await t.ctx.db.insert(budgetLines).values({ tenantId: t.ids.a.tenantId, memberOrganizationId: t.ids.a.tenantId, year: 2027, fundingSource: 'own-budget', label: 'Budget propre 2027', ceilingCents: 50_000_000 });
});
afterAll(() => t?.close());

describe('the school', () => {
  it('sees its own fleet from the Parc and asks quantities per class with a justification, in French when wrong', async () => {
    const d = (await as(t, 'establishment-staff', 'POST', `/api/campaigns/${campaignId}/dossiers`, {})).json();
    const file = await as(t, 'establishment-staff', 'GET', `/api/renewal-files/${d.id}`);
    expect(file.statusCode).toBe(200);
    const desktop = file.json().fleet.find((f: { assetClass: string }) => f.assetClass === 'desktop');
    expect(desktop).toMatchObject({ count: 10, warrantyExpired: 10, renewalDueNow: 10, label: 'Ordinateur fixe' });
    expect(desktop.averageAgeYears).toBeGreaterThan(8);
    expect(file.json().permissions).toEqual({ request: true, grant: false, order: false });

    const unjustified = await as(t, 'establishment-staff', 'PUT', `/api/renewal-files/${d.id}/request`, { lines: [{ assetClass: 'desktop', requested: 5 }], justification: '', version: 0 });
    expect(unjustified.statusCode).toBe(400);
    expect(unjustified.json().error.issues[0]).toMatchObject({ path: 'justification', message: expect.stringMatching(/Justifiez/) });
    const unpriced = await as(t, 'establishment-staff', 'PUT', `/api/renewal-files/${d.id}/request`, { lines: [{ assetClass: 'printer', requested: 1 }], justification: 'Une imprimante pour la vie scolaire, en panne.', version: 0 });
    expect(unpriced.statusCode).toBe(400);
    expect(unpriced.json().error.message).toMatch(/n’est pas proposé par cet appel/);
    const negative = await as(t, 'establishment-staff', 'PUT', `/api/renewal-files/${d.id}/request`, { lines: [{ assetClass: 'desktop', requested: -1 }], justification: 'x'.repeat(30), version: 0 });
    expect(negative.statusCode).toBe(400);

    const saved = await as(t, 'establishment-staff', 'PUT', `/api/renewal-files/${d.id}/request`, { lines: [{ assetClass: 'desktop', requested: 12 }], justification: 'Les postes de la salle informatique ont plus de sept ans.', version: 0 });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().lines.find((l: { assetClass: string }) => l.assetClass === 'desktop')).toMatchObject({ requested: 12, fleetCount: 10, renewalDueNow: 10, overAsked: true });
    const stale = await as(t, 'establishment-staff', 'PUT', `/api/renewal-files/${d.id}/request`, { lines: [{ assetClass: 'desktop', requested: 8 }], justification: 'Les postes de la salle informatique ont plus de sept ans.', version: 0 });
    expect(stale.statusCode).toBe(409);
    // nobody else's school: another tenant's admin and a contractor do not see it
    expect((await as(t, 'admin-b', 'GET', `/api/renewal-files/${d.id}`)).statusCode).toBe(404);
    expect((await as(t, 'contractor', 'GET', `/api/renewal-files/${d.id}`)).statusCode).toBe(404);
    // the school does not arbitrate its own file
    expect((await as(t, 'establishment-staff', 'PUT', `/api/renewal-files/${d.id}/grants`, { lines: [], version: 1 })).statusCode).toBe(403);
  });
});

describe('the arbitration', () => {
  it('grants per file within the envelope: running total, over-asking shown, never more than asked, 409 beyond the envelope and on a stale version', async () => {
    const a = await renewalFile(t, campaignId, [{ assetClass: 'desktop', requested: 10 }, { assetClass: 'laptop', requested: 6 }]);
    const b = await renewalFile(t, campaignId, [{ assetClass: 'laptop', requested: 20 }]);
    const page = await as(t, 'technician', 'GET', `/api/campaigns/${campaignId}/renewal-arbitration`);
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ budgetCents: 2_000_000, grantedCents: 0, remainingCents: 2_000_000, canGrant: true });
    const fileB = page.json().files.find((f: { id: string }) => f.id === b.id);
    // 20 laptops asked where 4 young ones are and none due: over-asking shows
    expect(fileB).toMatchObject({ requestedCents: 1_800_000, overAsked: true, version: 1 });
    expect(fileB.lines.find((l: { assetClass: string }) => l.assetClass === 'laptop')).toMatchObject({ requested: 20, fleetCount: 4, renewalDueNow: 0, overAsked: true });
    expect((await as(t, 'establishment-staff', 'GET', `/api/campaigns/${campaignId}/renewal-arbitration`)).statusCode).toBe(403);

    const tooMany = await as(t, 'technician', 'PUT', `/api/renewal-files/${a.id}/grants`, { lines: [{ assetClass: 'desktop', granted: 11 }], version: 1 });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.message).toMatch(/on n’accorde pas plus que la demande/);

    const grantA = await as(t, 'technician', 'PUT', `/api/renewal-files/${a.id}/grants`, { lines: [{ assetClass: 'desktop', granted: 10 }, { assetClass: 'laptop', granted: 2 }], version: 1 });
    expect(grantA.statusCode).toBe(200);
    expect(grantA.json()).toMatchObject({ grantedCents: 980_000, campaignGrantedCents: 980_000, version: 2 });
    // a colleague who read version 1 arbitrates the same file: 409, nothing changes
    const concurrent = await as(t, 'authority-admin', 'PUT', `/api/renewal-files/${a.id}/grants`, { lines: [{ assetClass: 'desktop', granted: 1 }], version: 1 });
    expect(concurrent.statusCode).toBe(409);
    // 12 laptops = 1,080,000 > 1,020,000 left: refused with what is left
    const over = await as(t, 'authority-admin', 'PUT', `/api/renewal-files/${b.id}/grants`, { lines: [{ assetClass: 'laptop', granted: 12 }], version: 1 });
    expect(over.statusCode).toBe(409);
    expect(over.json().error.message).toMatch(/enveloppe de la campagne serait dépassée : il reste 10\s200,00 €/);
    const fits = await as(t, 'authority-admin', 'PUT', `/api/renewal-files/${b.id}/grants`, { lines: [{ assetClass: 'laptop', granted: 11 }], version: 1 });
    expect(fits.statusCode).toBe(200);

    const after = (await as(t, 'authority-admin', 'GET', `/api/campaigns/${campaignId}/renewal-arbitration`)).json();
    expect(after).toMatchObject({ grantedCents: 1_970_000, remainingCents: 30_000 });
    expect(after.files.find((f: { id: string }) => f.id === a.id).lines.find((l: { assetClass: string }) => l.assetClass === 'desktop')).toMatchObject({ granted: 10 });
    const file = (await as(t, 'establishment-staff', 'GET', `/api/renewal-files/${a.id}`)).json();
    expect(file.lines.find((l: { assetClass: string }) => l.assetClass === 'laptop')).toMatchObject({ requested: 6, granted: 2 });
  });
});

describe('granted quantities to orders', () => {
  it('are read by other modules once accepted, and become one draft order on a lot; the lot ceiling refuses with what is left', async () => {
    const f = await renewalFile(t, campaignId, [{ assetClass: 'desktop', requested: 3 }]);
    // the envelope has 30,000 left: a 0-desktop grant keeps the file, then raise the envelope for it
    const arbitration = (await as(t, 'authority-admin', 'GET', `/api/campaigns/${campaignId}/renewal-arbitration`)).json();
    const version = arbitration.files.find((x: { id: string }) => x.id === f.id).version;
    expect((await as(t, 'authority-admin', 'PUT', `/api/renewal-files/${f.id}/grants`, { lines: [{ assetClass: 'desktop', granted: 3 }], version })).statusCode).toBe(409);
    const other = (await openKindCall(t, 'renewal', 'renouvellement-commande', { budgetCents: null })).id;
    const g = await renewalFile(t, other, [{ assetClass: 'desktop', requested: 30 }]);
    expect((await as(t, 'authority-admin', 'PUT', `/api/renewal-files/${g.id}/grants`, { lines: [{ assetClass: 'desktop', granted: 30 }], version: 1 })).statusCode).toBe(200);

    const notYet = await as(t, 'authority-admin', 'POST', `/api/renewal-files/${g.id}/draft-order`, { contractId: w.contractId, lotId: w.lot1, items: [{ assetClass: 'desktop', priceItemId: w.items.pc }] });
    expect(notYet.statusCode).toBe(409);
    expect(notYet.json().error.message).toMatch(/on ne commande que pour un dossier accepté/);
    const read = (await as(t, 'authority-admin', 'GET', `/api/renewal-files/${g.id}`)).json();
    const dossier = (await as(t, 'authority-admin', 'GET', `/api/dossiers/${g.id}`)).json();
    expect(read.dossier.state).toBe('en_instruction');
    expect((await as(t, 'authority-admin', 'POST', `/api/dossiers/${g.id}/decision`, { decision: 'accepte', version: dossier.version })).statusCode).toBe(200);
    expect(await grantedRenewalQuantities(t.ctx.db, { tenantId: t.ids.a.tenantId, campaignId: other })).toEqual([
      expect.objectContaining({ dossierId: g.id, establishmentId: t.ids.staffSchool.id, assetClass: 'desktop', granted: 30 }),
    ]);

    // 30 × 800 € = 24,000 € HT over a lot of 20,000 €: 409 with the remaining amount, nothing ordered, the file free again
    const ceiling = await as(t, 'authority-admin', 'POST', `/api/renewal-files/${g.id}/draft-order`, { contractId: w.contractId, lotId: w.lot1, items: [{ assetClass: 'desktop', priceItemId: w.items.pc }] });
    expect(ceiling.statusCode).toBe(409);
    expect(ceiling.json().error.message).toMatch(/plafond du lot n° 1 serait dépassé : il reste 20\s000,00/);
    expect(ceiling.json().error.details).toMatchObject({ ceiling: 'lot', remainingExclTaxCents: 2_000_000 });
    const none = await t.ctx.db.select().from(purchaseOrders).where(and(eq(purchaseOrders.tenantId, t.ids.a.tenantId), eq(purchaseOrders.lotId, w.lot1)));
    expect(none).toHaveLength(0);

    const unmapped = await as(t, 'authority-admin', 'POST', `/api/renewal-files/${g.id}/draft-order`, { contractId: w.contractId, lotId: w.lot2, items: [{ assetClass: 'laptop', priceItemId: w.items.otherLot }] });
    expect(unmapped.statusCode).toBe(400);
    expect(unmapped.json().error.message).toMatch(/Choisissez l’article du bordereau pour « Ordinateur fixe »/);
    expect((await as(t, 'technician', 'POST', `/api/renewal-files/${g.id}/draft-order`, { contractId: w.contractId, lotId: w.lot2, items: [{ assetClass: 'desktop', priceItemId: w.items.otherLot }] })).statusCode).toBe(403);

    const ordered = await as(t, 'authority-admin', 'POST', `/api/renewal-files/${g.id}/draft-order`, { contractId: w.contractId, lotId: w.lot2, items: [{ assetClass: 'desktop', priceItemId: w.items.otherLot }] });
    expect(ordered.statusCode, ordered.body).toBe(201);
    expect(ordered.json()).toMatchObject({ reference: expect.stringMatching(/^BC-2027-/), totalExclTaxCents: 300_000 });
    const [order] = await t.ctx.db.select().from(purchaseOrders).where(and(eq(purchaseOrders.tenantId, t.ids.a.tenantId), eq(purchaseOrders.id, ordered.json().orderId)));
    expect(order).toMatchObject({ status: 'draft', source: 'renewal', totalQuantity: 30 });
    const twice = await as(t, 'authority-admin', 'POST', `/api/renewal-files/${g.id}/draft-order`, { contractId: w.contractId, lotId: w.lot2, items: [{ assetClass: 'desktop', priceItemId: w.items.otherLot }] });
    expect(twice.statusCode).toBe(409);
    expect((await as(t, 'authority-admin', 'GET', `/api/renewal-files/${g.id}`)).json()).toMatchObject({ order: { reference: ordered.json().reference }, permissions: { grant: false, order: false } });
  });
});

describe('the arbitration page by page, and its export', () => {
  let pages: string;
  let files: { id: string }[];

  beforeAll(async () => {
    pages = (await openKindCall(t, 'renewal', 'renouvellement-pages', { budgetCents: 5_000_000 })).id;
    files = [
      await renewalFile(t, pages, [{ assetClass: 'desktop', requested: 4 }]),
      await renewalFile(t, pages, [{ assetClass: 'desktop', requested: 2 }, { assetClass: 'laptop', requested: 1 }]),
      await renewalFile(t, pages, [{ assetClass: 'laptop', requested: 30 }]),
    ];
    // a draft is no request yet: neither listed nor exported
    await renewalFile(t, pages, [{ assetClass: 'desktop', requested: 9 }], 'brouillon');
    expect((await as(t, 'technician', 'PUT', `/api/renewal-files/${files[0]!.id}/grants`, { lines: [{ assetClass: 'desktop', granted: 3 }], version: 1 })).statusCode).toBe(200);
  });

  it('lists the files one server page at a time, with the total and the running sums of every page', async () => {
    const first = await as(t, 'technician', 'GET', `/api/campaigns/${pages}/renewal-arbitration?page=1&pageSize=2`);
    expect(first.statusCode).toBe(200);
    // 6 desktops × 800 € + 31 laptops × 900 € asked; 3 desktops granted, whichever page shows them
    const sums = { total: 3, page: 1, pageSize: 2, requestedCents: 3_270_000, grantedCents: 240_000, remainingCents: 4_760_000 };
    expect(first.json()).toMatchObject(sums);
    expect(first.json().files.map((f: { id: string }) => f.id)).toEqual([files[0]!.id, files[1]!.id]);
    const second = (await as(t, 'technician', 'GET', `/api/campaigns/${pages}/renewal-arbitration?page=2&pageSize=2`)).json();
    expect(second).toMatchObject({ ...sums, page: 2 });
    expect(second.files).toEqual([expect.objectContaining({ id: files[2]!.id, overAsked: true, grantedCents: 0, orderReference: null })]);
    expect((await as(t, 'technician', 'GET', `/api/campaigns/${pages}/renewal-arbitration?page=3&pageSize=2`)).json()).toMatchObject({ total: 3, files: [] });
    const tooLong = await as(t, 'technician', 'GET', `/api/campaigns/${pages}/renewal-arbitration?pageSize=101`);
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.issues[0]).toMatchObject({ path: expect.stringContaining('pageSize') });
  });

  it('exports every file in CSV (BOM, « ; ») with, per class, the fleet, what is due, asked and granted', async () => {
    const response = await as(t, 'technician', 'GET', `/api/campaigns/${pages}/renewal-arbitration/export?format=csv`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.headers['content-disposition']).toBe('attachment; filename="arbitrage-renouvellement-pages-2027-01-10.csv"');
    expect(response.headers['x-export-rows']).toBe('3');
    const body = response.rawPayload.toString('utf8');
    expect(body.startsWith('\uFEFF')).toBe(true);
    const [header, ...lines] = body.slice(1).split('\r\n').slice(0, -1).map((line) => line.split(';'));
    expect(header).toEqual([
      'N° de dossier', 'État', 'UAI', 'Établissement',
      'Ordinateur fixe : au parc', 'Ordinateur fixe : à renouveler', 'Ordinateur fixe : demandé', 'Ordinateur fixe : accordé',
      'Ordinateur portable : au parc', 'Ordinateur portable : à renouveler', 'Ordinateur portable : demandé', 'Ordinateur portable : accordé',
      'Demandé (€)', 'Accordé (€)', 'Demande au-delà du parc à renouveler', 'Bon de commande', 'Justification',
    ]);
    const rows = lines.map((cells) => Object.fromEntries(header!.map((h, i) => [h, cells[i]])));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({
      'État': 'en instruction',
      UAI: t.ids.staffSchool.uai,
      'Ordinateur fixe : au parc': '10',
      'Ordinateur fixe : à renouveler': '10',
      'Ordinateur fixe : demandé': '4',
      'Ordinateur fixe : accordé': '3',
      'Ordinateur portable : accordé': '',
      'Demandé (€)': '3200',
      'Accordé (€)': '2400',
      'Demande au-delà du parc à renouveler': 'Non',
    });
    expect(rows[2]).toMatchObject({ 'Ordinateur portable : au parc': '4', 'Ordinateur portable : demandé': '30', 'Demande au-delà du parc à renouveler': 'Oui' });
  });

  it('exports the same lines in XLSX', async () => {
    const response = await as(t, 'auditor', 'GET', `/api/campaigns/${pages}/renewal-arbitration/export?format=xlsx`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('Arbitrage');
    expect(sheet.rowCount).toBe(4);
    const values = (row: number) => (sheet.getRow(row).values as unknown[]).slice(1);
    expect(values(1).slice(0, 5)).toEqual(['N° de dossier', 'État', 'UAI', 'Établissement', 'Ordinateur fixe : au parc']);
    expect(values(2).slice(4, 8)).toEqual([10, 10, 4, 3]);
  });

  it('is exported only by those who read the arbitration and may export: not the school, the académie outside the call, the contractor, another authority', async () => {
    const url = `/api/campaigns/${pages}/renewal-arbitration/export`;
    expect((await as(t, 'authority-admin', 'GET', url)).statusCode).toBe(200);
    expect((await as(t, 'steering', 'GET', url)).statusCode).toBe(200);
    for (const user of ['establishment-staff', 'academy-staff', 'contractor'] as const) {
      const refused = await as(t, user, 'GET', url);
      expect(refused.statusCode, user).toBe(403);
      expect(refused.body).not.toContain(t.ids.staffSchool.uai);
    }
    expect((await as(t, 'admin-b', 'GET', url)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
  });
});

describe('the arbitration filtered on the server', () => {
  let call: string;
  let inLille: { id: string };
  let inAmiens: { id: string };
  let submitted: { id: string };
  let amiens: { uai: string; departmentCode: string | null };
  let lilleDepartment: string | null;
  const url = (query: string) => `/api/campaigns/${call}/renewal-arbitration?${query}`;
  const ids = async (query: string, user: 'authority-admin' | 'technician' = 'authority-admin') => {
    const response = await as(t, user, 'GET', url(query));
    expect(response.statusCode, response.body).toBe(200);
    return (response.json().files as { id: string }[]).map((f) => f.id);
  };

  beforeAll(async () => {
    call = (await openKindCall(t, 'renewal', 'renouvellement-filtres', { budgetCents: 5_000_000 })).id;
    inLille = await renewalFile(t, call, [{ assetClass: 'desktop', requested: 4 }]);
    inAmiens = await renewalFile(t, call, [{ assetClass: 'laptop', requested: 30 }]);
    submitted = await renewalFile(t, call, [{ assetClass: 'desktop', requested: 2 }], 'en_construction');
    // the second file is an Amiens lycée's (unit 2), which has no fleet: its 30 laptops are all beyond it
    const school = t.ids.establishments.unit2[0]!;
    await t.ctx.db.update(dossiers).set({ establishmentId: school.id }).where(and(eq(dossiers.tenantId, t.ids.a.tenantId), eq(dossiers.id, inAmiens.id)));
    const schools = await t.ctx.db.select({ id: establishmentsView.id, uai: establishmentsView.uai, departmentCode: establishmentsView.departmentCode }).from(establishmentsView).where(eq(establishmentsView.tenantId, t.ids.a.tenantId));
    amiens = schools.find((s) => s.id === school.id)!;
    lilleDepartment = schools.find((s) => s.id === t.ids.staffSchool.id)!.departmentCode;
    expect(amiens.departmentCode).not.toBe(lilleDepartment);
    expect((await as(t, 'technician', 'PUT', `/api/renewal-files/${inLille.id}/grants`, { lines: [{ assetClass: 'desktop', granted: 3 }], version: 1 })).statusCode).toBe(200);
  });

  it('by département, unit (with the units under it), state, UAI, name or number, each offered from the schools that applied', async () => {
    const all = (await as(t, 'authority-admin', 'GET', url(''))).json();
    expect(all.total).toBe(3);
    expect(all.selection).toEqual({ filtered: false, requestedCents: 6 * 80_000 + 30 * 90_000, grantedCents: 240_000 });
    expect(all.filterOptions.departments).toEqual([lilleDepartment, amiens.departmentCode].sort());
    expect(all.filterOptions.units.map((u: { name: string }) => u.name).sort()).toEqual([t.ids.unit1.name, t.ids.unit2.name].sort());
    expect(all.filterOptions.natures.length).toBeGreaterThan(0);

    expect(await ids(`departmentCode=${amiens.departmentCode}`)).toEqual([inAmiens.id]);
    expect(await ids(`unitId=${t.ids.unit2.id}`)).toEqual([inAmiens.id]);
    expect(await ids(`unitId=${t.ids.unit1.id}`)).toEqual([inLille.id, submitted.id]);
    expect(await ids('state=en_construction')).toEqual([submitted.id]);
    expect(await ids(`q=${amiens.uai.toLowerCase()}`)).toEqual([inAmiens.id]);
    expect(await ids(`q=${encodeURIComponent(t.ids.staffSchool.name)}`)).toEqual([inLille.id, submitted.id]);
    const third = all.files.find((f: { id: string }) => f.id === submitted.id).number;
    expect(await ids(`q=${third}`)).toEqual([submitted.id]);
    for (const nature of all.filterOptions.natures as { code: string }[]) expect((await ids(`natureCode=${nature.code}`)).length).toBeGreaterThan(0);
    expect(await ids('natureCode=999')).toEqual([]);
  });

  it('by over-asking and by arbitration, the selection summed apart from the envelope, which stays the campaign’s', async () => {
    const over = (await as(t, 'technician', 'GET', url('overAsked=true'))).json();
    expect(over.files.map((f: { id: string }) => f.id)).toEqual([inAmiens.id]);
    // the envelope is read on the whole campaign; the selection's own sums beside it
    expect(over).toMatchObject({ total: 1, grantedCents: 240_000, remainingCents: 4_760_000, selection: { filtered: true, requestedCents: 2_700_000, grantedCents: 0 } });
    expect(await ids('overAsked=false')).toEqual([inLille.id, submitted.id]);
    expect(await ids('arbitration=granted')).toEqual([inLille.id]);
    expect(await ids('arbitration=pending')).toEqual([inAmiens.id, submitted.id]);
    expect(await ids('arbitration=none')).toEqual([]);
    expect((await as(t, 'technician', 'PUT', `/api/renewal-files/${inAmiens.id}/grants`, { lines: [{ assetClass: 'laptop', granted: 0 }], version: 1 })).statusCode).toBe(200);
    expect(await ids('arbitration=none')).toEqual([inAmiens.id]);
    expect(await ids(`arbitration=none&overAsked=true&departmentCode=${amiens.departmentCode}`)).toEqual([inAmiens.id]);
    expect(await ids(`arbitration=none&departmentCode=${lilleDepartment}`)).toEqual([]);
  });

  it('keeps the filters in the export, and refuses a wrong filter in French', async () => {
    const response = await as(t, 'authority-admin', 'GET', `/api/campaigns/${call}/renewal-arbitration/export?format=csv&overAsked=true`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-export-rows']).toBe('1');
    const lines = response.rawPayload.toString('utf8').slice(1).split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(amiens.uai);
    for (const [query, message] of [
      ['departmentCode=Nord', /Département : son code/],
      ['overAsked=peut-etre', /Demande au-delà du parc : true ou false/],
      ['arbitration=fait', /Arbitrage : pending, granted ou none/],
      ['state=brouillon', /État : en_construction/],
    ] as const) {
      const refused = await as(t, 'authority-admin', 'GET', url(query));
      expect(refused.statusCode, query).toBe(400);
      expect(refused.json().error.issues[0].message).toMatch(message);
    }
  });
});

describe('granted quantities to the fleet’s deployments', () => {
  it('are planned on the school’s deployments once accepted, follow new grants, are delivered against, and go when the file is reopened', async () => {
    const call = (await openKindCall(t, 'renewal', 'renouvellement-parc', { budgetCents: null })).id;
    const f = await renewalFile(t, call, [{ assetClass: 'desktop', requested: 5 }, { assetClass: 'laptop', requested: 2 }]);
    const plans = async (user: 'technician' | 'authority-admin' | 'contractor' | 'establishment-staff' | 'academy-staff' = 'technician', query = '') => {
      const r = await as(t, user, 'GET', `/api/deployments/plans${query}`);
      expect(r.statusCode).toBe(200);
      return (r.json().items as { id: string; assetClass: string; quantity: number; delivered: number; remaining: number; sourceLink: string | null; uai: string; sourceLabel: string }[]).filter((p) => p.sourceLink?.endsWith(f.id));
    };
    expect((await as(t, 'authority-admin', 'PUT', `/api/renewal-files/${f.id}/grants`, { lines: [{ assetClass: 'desktop', granted: 4 }, { assetClass: 'laptop', granted: 2 }], version: 1 })).statusCode).toBe(200);
    expect(await plans()).toEqual([]); // granted, not yet accepted

    const dossier = (await as(t, 'authority-admin', 'GET', `/api/dossiers/${f.id}`)).json();
    expect((await as(t, 'authority-admin', 'POST', `/api/dossiers/${f.id}/decision`, { decision: 'accepte', version: dossier.version })).statusCode).toBe(200);
    const planned = await plans();
    expect(planned).toMatchObject([
      { assetClass: 'desktop', quantity: 4, delivered: 0, remaining: 4, uai: t.ids.staffSchool.uai, sourceLabel: expect.stringMatching(/dossier n° \d+$/) },
      { assetClass: 'laptop', quantity: 2, remaining: 2 },
    ]);
    // the school's staff see what their school is to receive; the contractor's scope (unit 2) does not reach it
    expect(await plans('establishment-staff')).toHaveLength(2);
    expect(await plans('contractor')).toEqual([]);

    // a new arbitration of the accepted file is the new plan, the lines keeping their ids
    expect((await as(t, 'authority-admin', 'PUT', `/api/renewal-files/${f.id}/grants`, { lines: [{ assetClass: 'desktop', granted: 3 }, { assetClass: 'laptop', granted: 0 }], version: 2 })).statusCode).toBe(200);
    const regranted = await plans();
    expect(regranted).toMatchObject([{ id: planned[0]!.id, assetClass: 'desktop', quantity: 3 }]);

    const delivery = (planId: string, assetClass: string, expectedCount: number) =>
      as(t, 'technician', 'POST', '/api/deployments', { uai: t.ids.staffSchool.uai, label: 'Renouvellement — salle 12', assetClass, expectedCount, deliveredAt: new Date(now).toISOString(), planId });
    const wrongClass = await delivery(planned[0]!.id, 'laptop', 1);
    expect(wrongClass.statusCode).toBe(400);
    expect(wrongClass.json().error.issues[0]).toMatchObject({ path: 'planId' });
    expect((await delivery(planned[0]!.id, 'desktop', 2)).statusCode).toBe(201);
    expect(await plans()).toMatchObject([{ quantity: 3, delivered: 2, remaining: 1 }]);
    expect((await delivery(planned[0]!.id, 'desktop', 1)).statusCode).toBe(201);
    expect(await plans()).toEqual([]); // delivered in full: no longer pending
    expect(await plans('authority-admin', '?pending=false')).toMatchObject([{ quantity: 3, delivered: 3, remaining: 0 }]);

    const accepted = (await as(t, 'authority-admin', 'GET', `/api/dossiers/${f.id}`)).json();
    expect((await as(t, 'authority-admin', 'POST', `/api/dossiers/${f.id}/reopening`, { reason: 'Arbitrage à revoir', version: accepted.version })).statusCode).toBe(200);
    expect(await plans('authority-admin', '?pending=false')).toEqual([]);
  });
});
