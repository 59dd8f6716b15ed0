import ExcelJS from 'exceljs';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp, type TestUser } from '../../../test/app.js';
import { orderLines, purchaseOrders } from '../../marches/orders/db/schema.js';
import { orderWorld } from '../../marches/orders/testing.js';
import { lyceeTargets, seedSteering, steeringNow } from './steering-test-data.js';

let t: TestApp;

beforeAll(async () => {
  t = await testApp({ clock: () => steeringNow });
  await seedSteering(t);
  expect((await send('POST', '/api/pilotage/target-profiles', 'steering', { name: 'Lycées', establishmentKind: 'lycee', indicators: lyceeTargets })).statusCode).toBe(201);
});
afterAll(() => t.close());

async function send(method: 'GET' | 'POST' | 'PUT', url: string, user?: TestUser, payload?: unknown) {
  const options: InjectOptions = { method, url, headers: user ? await t.headers(user) : {} };
  if (payload !== undefined) options.payload = payload as InjectOptions['payload'];
  return t.app.inject(options);
}

describe('the multi-year investment plan', () => {
  let tight: string;
  let wide: string;

  it('proposes operations from the gaps, priced and placed under each year’s ceiling', async () => {
    const created = await send('POST', '/api/pilotage/ppi/scenarios', 'steering', { name: 'Serré', startYear: 2027, yearCount: 2, yearlyCeilingsCents: [5_000_000, 5_000_000] });
    expect(created.statusCode).toBe(201);
    tight = created.json().id;
    wide = (await send('POST', '/api/pilotage/ppi/scenarios', 'steering', { name: 'Large', startYear: 2027, yearCount: 2, yearlyCeilingsCents: [50_000_000, 50_000_000] })).json().id;
    const ops = (await send('GET', `/api/pilotage/ppi/scenarios/${tight}/operations?pageSize=500`, 'auditor')).json().items;
    const staff = ops.filter((o: { uai: string }) => o.uai === t.ids.staffSchool.uai);
    // one teaching room without Wi-Fi: cabling and an access point; 600 pupils at 4 per device with 150: nothing to add
    expect(staff.map((o: { kind: string; quantity: number }) => [o.kind, o.quantity]).sort()).toEqual([['cabling', 1], ['link_upgrade', 1], ['wifi_rooms', 1]]);
    // Amiens' school (300 estimated pupils, no devices): 75 devices for 25 per 100 pupils
    expect(ops.find((o: { kind: string; quantity: number }) => o.kind === 'add_devices' && o.quantity === 75)).toMatchObject({ unitCostCents: 70_000, costCents: 5_250_000, costSource: 'reference', year: null });
    const compared = (await send('GET', `/api/pilotage/ppi/compare?ids=${tight},${wide}`, 'steering')).json().items;
    for (const s of compared) for (const y of s.years) expect(y.costCents).toBeLessThanOrEqual(y.ceilingCents);
    expect(compared[0].unscheduledCostCents).toBeGreaterThan(0);
    expect(compared[1].unscheduledCostCents).toBe(0);
    expect(compared[1].years[0].schoolsCompleted).toBe(compared[1].schoolsWithWorks);
    expect(compared[1].equity.find((g: { group: string }) => g.group === 'rural')).toMatchObject({ schools: 1 });
  });

  it('refuses a move over the year’s ceiling and financing lines that do not add up, changing nothing', async () => {
    const ops = (await send('GET', `/api/pilotage/ppi/scenarios/${tight}/operations?pageSize=500`, 'steering')).json().items;
    const big = ops.find((o: { year: number | null }) => o.year === null);
    const over = await send('PUT', `/api/pilotage/ppi/scenarios/${tight}/operations/${big.id}/year`, 'steering', { year: 2027, version: big.version });
    expect(over.statusCode).toBe(400);
    expect(over.json().error.message).toContain('plafond de 2027');
    const op = ops.find((o: { year: number | null }) => o.year !== null);
    const bad = await send('PUT', `/api/pilotage/ppi/scenarios/${tight}/operations/${op.id}/financing`, 'steering', { lines: [{ source: 'own', amountCents: op.costCents - 1 }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('ne font pas le coût');
    const good = await send('PUT', `/api/pilotage/ppi/scenarios/${tight}/operations/${op.id}/financing`, 'steering', {
      lines: [{ source: 'own', amountCents: op.costCents - 100 }, { source: 'feder', amountCents: 100 }],
    });
    expect(good.statusCode).toBe(200);
    const after = (await send('GET', `/api/pilotage/ppi/scenarios/${tight}/operations?pageSize=500`, 'steering')).json().items;
    expect(after.find((o: { id: string }) => o.id === big.id).year).toBeNull();
    expect(after.find((o: { id: string }) => o.id === op.id)).toMatchObject({
      financedCents: op.costCents,
      financing: [{ source: 'own', partnerName: null, amountCents: op.costCents - 100 }, { source: 'feder', partnerName: null, amountCents: 100 }],
    });
    // a partner line names its partner, on its field
    const unnamed = await send('PUT', `/api/pilotage/ppi/scenarios/${tight}/operations/${op.id}/financing`, 'steering', { lines: [{ source: 'partner', amountCents: op.costCents }] });
    expect(unnamed.json().error.issues).toEqual([{ path: 'body.lines.0.partnerName', message: 'Nommez le partenaire de cette ligne.' }]);
    // a move within the ceilings, then the same version again: 409
    const small = after.filter((o: { year: number | null }) => o.year === 2027).sort((a: { costCents: number }, b: { costCents: number }) => a.costCents - b.costCents)[0];
    const moved = await send('PUT', `/api/pilotage/ppi/scenarios/${tight}/operations/${small.id}/year`, 'steering', { year: null, version: small.version });
    expect(moved.json()).toEqual({ version: small.version + 1 });
    expect((await send('PUT', `/api/pilotage/ppi/scenarios/${tight}/operations/${small.id}/year`, 'steering', { year: 2027, version: small.version })).statusCode).toBe(409);
    const outside = await send('PUT', `/api/pilotage/ppi/scenarios/${tight}/operations/${small.id}/year`, 'steering', { year: 2030, version: small.version + 1 });
    expect(outside.json().error.message).toBe('L’année 2030 est hors du plan (2027–2028).');
    expect((await send('PUT', `/api/pilotage/ppi/scenarios/${tight}/operations/${small.id}/year`, 'steering', { year: 2027, version: small.version + 1 })).statusCode).toBe(200);
    expect((await send('PUT', `/api/pilotage/ppi/scenarios/${tight}/operations/${small.id}/year`, 'auditor', { year: 2028, version: small.version + 2 })).statusCode).toBe(403);
  });

  it('lists a scenario’s operations page by page on the server, with its year filter, its total and its export', async () => {
    type Op = { id: string; uai: string; year: number | null; costCents: number };
    const url = `/api/pilotage/ppi/scenarios/${tight}/operations`;
    const all: Op[] = (await send('GET', `${url}?pageSize=500`, 'auditor')).json().items;
    const scheduled = all.filter((o) => o.year === 2027);
    const unscheduledOps = all.filter((o) => o.year === null);
    expect(all.length).toBeGreaterThan(3);
    expect(scheduled.length).toBeGreaterThan(1);
    expect(unscheduledOps.length).toBeGreaterThan(0);
    // the default page, then the second page of two: the same total, the next rows in priority order
    const first = (await send('GET', url, 'auditor')).json();
    expect(first).toMatchObject({ total: all.length, page: 1, pageSize: 25 });
    const second = await send('GET', `${url}?page=2&pageSize=2`, 'auditor');
    expect(second.statusCode).toBe(200);
    expect(second.json()).toMatchObject({ total: all.length, page: 2, pageSize: 2 });
    expect(second.json().items.map((o: Op) => o.id)).toEqual(all.slice(2, 4).map((o) => o.id));
    // the year filter is kept from page to page, and counted
    const year2 = (await send('GET', `${url}?year=2027&page=2&pageSize=1`, 'auditor')).json();
    expect(year2).toMatchObject({ total: scheduled.length, page: 2 });
    expect(year2.items.map((o: Op) => o.id)).toEqual([scheduled[1]!.id]);
    const out = (await send('GET', `${url}?year=unscheduled&pageSize=500`, 'auditor')).json();
    expect(out.total).toBe(unscheduledOps.length);
    expect(out.items.map((o: Op) => o.id)).toEqual(unscheduledOps.map((o) => o.id));
    // past the last page: the total, no rows
    expect((await send('GET', `${url}?page=99&pageSize=25`, 'auditor')).json()).toMatchObject({ total: all.length, items: [] });
    const badYear = await send('GET', `${url}?year=demain`, 'auditor');
    expect(badYear.statusCode).toBe(400);
    expect(JSON.stringify(badYear.json())).toContain('Année attendue (par exemple 2027)');
    expect((await send('GET', `${url}?pageSize=0`, 'auditor')).statusCode).toBe(400);
    expect((await send('GET', `${url}?page=2&pageSize=2`, 'admin-b')).statusCode).toBe(404);
    expect((await send('GET', `${url}?page=2&pageSize=2`, 'establishment-staff')).statusCode).toBe(403);

    // the export: every row of the filter, not one page; CSV with BOM and « ; », then XLSX
    const csv = await send('GET', `${url}/export?format=csv&year=2027`, 'auditor');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.headers['content-disposition']).toContain('ppi-operations-serre-2027');
    expect(csv.body.startsWith('\uFEFFUAI;Établissement;Opération;')).toBe(true);
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toHaveLength(scheduled.length + 1);
    expect(lines[1]!.split(';')[0]).toBe(scheduled[0]!.uai);
    expect(lines[1]!.split(';')[5]).toBe(String(scheduled[0]!.costCents / 100));
    expect(lines.slice(1).every((l) => l.split(';')[8] === '2027')).toBe(true);
    const xlsx = await send('GET', `${url}/export?format=xlsx`, 'steering');
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('Opérations');
    expect(sheet.rowCount).toBe(all.length + 1);
    expect(sheet.getRow(1).getCell(1).value).toBe('UAI');
    expect(sheet.getRow(all.length + 1).getCell(9).value).toBe(all.at(-1)!.year ?? 'Non programmée');
    expect((await send('GET', `${url}/export?format=csv`, 'admin-b')).statusCode).toBe(404);
    // the schools' staff may export steering figures, not the plan
    expect((await send('GET', `${url}/export?format=csv`, 'establishment-staff')).statusCode).toBe(403);
    expect((await send('GET', `${url}/export?format=pdf`, 'auditor')).statusCode).toBe(400);
  });

  it('votes a financed scenario, freezing it and its target versions; a later one is compared with it', async () => {
    const early = await send('POST', `/api/pilotage/ppi/scenarios/${wide}/vote`, 'steering');
    expect(early.statusCode).toBe(400); // not financed yet
    const split = await send('POST', `/api/pilotage/ppi/scenarios/${wide}/financing-split`, 'steering', {
      shares: [{ source: 'own', percent: 50 }, { source: 'feder', percent: 30 }, { source: 'eib', percent: 20 }],
    });
    expect(split.statusCode).toBe(200);
    expect((await send('POST', `/api/pilotage/ppi/scenarios/${wide}/vote`, 'auditor')).statusCode).toBe(403);
    const voted = await send("POST", `/api/pilotage/ppi/scenarios/${wide}/vote`, "steering");
    expect(voted.json()).toEqual({ ok: true });
    expect((await send('POST', `/api/pilotage/ppi/scenarios/${wide}/financing-split`, 'steering', { shares: [{ source: 'own', percent: 100 }] })).statusCode).toBe(409);
    // the voted plan's operations no longer move nor change financing: a French message, nothing changed
    const [frozen] = (await send('GET', `/api/pilotage/ppi/scenarios/${wide}/operations?pageSize=500`, 'steering')).json().items;
    const move = await send('PUT', `/api/pilotage/ppi/scenarios/${wide}/operations/${frozen.id}/year`, 'steering', { year: 2028, version: frozen.version });
    expect(move.statusCode).toBe(409);
    expect(move.json().error.message).toBe('Le scénario « Large » a été voté : il ne peut plus être modifié. Créez un nouveau scénario.');
    const refinance = await send('PUT', `/api/pilotage/ppi/scenarios/${wide}/operations/${frozen.id}/financing`, 'steering', { lines: [{ source: 'own', amountCents: frozen.costCents }] });
    expect(refinance.statusCode).toBe(409);
    expect((await send('GET', `/api/pilotage/ppi/scenarios/${wide}/operations?pageSize=500`, 'steering')).json().items[0]).toEqual(frozen);
    const profiles = (await send('GET', '/api/pilotage/target-profiles', 'steering')).json().items;
    expect(profiles[0].versions[0].frozen).toBe(true);
    const edit = await send('PUT', `/api/pilotage/target-profiles/${profiles[0].id}/versions/1`, 'steering', { version: 1, indicators: lyceeTargets });
    expect(edit.statusCode).toBe(409);
    const later = await send('POST', '/api/pilotage/ppi/scenarios', 'steering', { name: 'Révision 2028', startYear: 2028, yearCount: 1, yearlyCeilingsCents: [10_000_000], baselineId: wide });
    expect(later.statusCode).toBe(201);
    const compared = (await send('GET', `/api/pilotage/ppi/compare?ids=${wide},${later.json().id}`, 'steering')).json().items;
    expect(compared[0].scenario.status).toBe('voted');
    expect(compared[0].financing.map((f: { source: string }) => f.source).sort()).toEqual(['eib', 'feder', 'own']);
    expect(compared[1].scenario.baselineId).toBe(wide);
  });

  it('prices from a contract’s price list where a reference names one, and follows execution from the orders', async () => {
    const w = await orderWorld(t.ctx.db, { tenantId: t.ids.a.tenantId, regionOrg: t.ids.a.tenantId, academyOrg: t.ids.academy.tenantId, holderOrg: t.ids.contractorOrg.tenantId });
    const wrong = await send('PUT', '/api/pilotage/ppi/unit-costs/add_devices', 'steering', { label: 'PC', unitCostCents: 70_000, lotId: w.lot1, priceItemCode: 'INCONNU' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.message).toContain('Aucun prix « INCONNU »');
    expect((await send('PUT', '/api/pilotage/ppi/unit-costs/add_devices', 'auditor', { label: 'PC', unitCostCents: 70_000 })).statusCode).toBe(403);
    const bound = await send('PUT', '/api/pilotage/ppi/unit-costs/add_devices', 'steering', { label: 'PC', unitCostCents: 70_000, lotId: w.lot1, priceItemCode: 'PC-FIXE' });
    expect(bound.json()).toMatchObject({ kind: 'add_devices', cents: 80_000, source: 'contract' });
    expect((await send('PUT', '/api/pilotage/ppi/unit-costs/cabling', 'steering', { label: 'Câblage par salle (marché 2019)', unitCostCents: 180_000 })).statusCode).toBe(200);
    const costs = (await send('GET', '/api/pilotage/ppi/unit-costs', 'auditor')).json().items;
    expect(costs.find((c: { kind: string }) => c.kind === 'cabling')).toMatchObject({ cents: 180_000, source: 'reference', basis: 'Coût de référence : Câblage par salle (marché 2019)' });
    const id = (await send('POST', '/api/pilotage/ppi/scenarios', 'steering', { name: 'Prix du marché', startYear: 2027, yearCount: 1, yearlyCeilingsCents: [50_000_000] })).json().id;
    const ops = (await send('GET', `/api/pilotage/ppi/scenarios/${id}/operations?pageSize=500`, 'steering')).json().items;
    expect(ops.find((o: { kind: string }) => o.kind === 'add_devices')).toMatchObject({ quantity: 75, unitCostCents: 80_000, costSource: 'contract', costBasis: expect.stringContaining('PC-FIXE') });
    expect(ops.find((o: { kind: string }) => o.kind === 'cabling')).toMatchObject({ unitCostCents: 180_000, costSource: 'reference' });

    // the voted plan schedules works at the staff school in 2027: one delivered order counts, a cancelled one and a 2026 one do not
    const tenantId = t.ids.a.tenantId;
    const order = async (reference: string, status: string, orderDate: string, delivered: number) => {
      const [o] = await t.ctx.db
        .insert(purchaseOrders)
        .values({ tenantId, reference, contractId: w.contractId, lotId: w.lot1, memberOrganizationId: tenantId, budgetLineId: w.budget.region, status, orderDate, totalExclTaxCents: 160_000, totalVatCents: 32_000, totalInclTaxCents: 192_000, totalQuantity: 2, createdBy: 'essai' })
        .returning();
      await t.ctx.db.insert(orderLines).values({ tenantId, orderId: o.id, lineNo: 1, priceItemId: w.items.pc, code: 'PC-FIXE', label: 'PC', unitPriceExclTaxCents: 80_000, vatRateBp: 2000, recurrence: 'one-off', quantity: 2, deliveredQuantity: delivered, establishmentId: t.ids.staffSchool.id, totalExclTaxCents: 160_000, totalVatCents: 32_000 });
    };
    await order('PPI-1', 'partly-delivered', '2027-03-01', 1);
    await order('PPI-2', 'cancelled', '2027-03-02', 0);
    await order('PPI-3', 'delivered', '2026-11-02', 2);
    const execution = await send('GET', `/api/pilotage/ppi/scenarios/${wide}/execution`, 'auditor');
    expect(execution.statusCode).toBe(200);
    const y2027 = execution.json().years[0];
    expect(y2027).toMatchObject({ year: 2027, orderedCents: 160_000, deliveredCents: 80_000, invoicedCents: 0, schoolsOrdered: 1 });
    expect(y2027.plannedCents).toBeGreaterThan(0);
    expect(execution.json().totals.orderedCents).toBe(160_000);
    expect((await send('GET', `/api/pilotage/ppi/scenarios/${wide}/execution`, 'admin-b')).statusCode).toBe(404);
    expect((await send('GET', `/api/pilotage/ppi/scenarios/${wide}/execution`, 'establishment-staff')).statusCode).toBe(403);
  });

  it('refuses bad input in French and keeps the plan from those without the right', async () => {
    const bad = await send('POST', '/api/pilotage/ppi/scenarios', 'steering', { name: 'X', startYear: 2027, yearCount: 2, yearlyCeilingsCents: [1] });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('Un plafond par année');
    const split = await send('POST', `/api/pilotage/ppi/scenarios/${tight}/financing-split`, 'steering', { shares: [{ source: 'own', percent: 60 }] });
    expect(split.statusCode).toBe(400);
    expect((await send('GET', '/api/pilotage/ppi/scenarios', 'establishment-staff')).statusCode).toBe(403);
    expect((await send('GET', '/api/pilotage/ppi/scenarios', 'admin-b')).json().items).toEqual([]);
    expect((await send('GET', `/api/pilotage/ppi/compare?ids=${tight}`, 'admin-b')).statusCode).toBe(404);
  });
});
