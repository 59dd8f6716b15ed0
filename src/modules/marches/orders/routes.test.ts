import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assets, deploymentBatches } from '../../parc/db/schema.js';
import { testApp, type TestApp, type TestUser } from '../../../test/app.js';
import { notifications } from '../../../server/platform/db-schema.js';
import { multipartBody } from '../../../test/multipart.js';
import { contracts, sentAlerts } from '../db/schema.js';
import { watchContracts } from '../jobs/watch-contracts.js';
import { purchaseOrders } from './db/schema.js';
import { computeConsumption } from './operations/find-consumption.js';
import { orderWorld, type OrderWorld } from './testing.js';

let t: TestApp;
let w: OrderWorld;
const now = new Date('2026-09-01T08:00:00Z');
beforeAll(async () => {
  t = await testApp({ clock: () => now });
  w = await orderWorld(t.ctx.db, { tenantId: t.ids.a.tenantId, regionOrg: t.ids.a.tenantId, academyOrg: t.ids.academy.tenantId, holderOrg: t.ids.contractorOrg.tenantId, lotMaxCents: 1_000_000 });
});
afterAll(() => t.close());

const headers = async (user?: TestUser) => (user ? await t.headers(user) : {});
const call = async (method: 'GET' | 'POST', url: string, user?: TestUser, payload?: unknown) => t.app.inject({ method, url, payload: payload as object, headers: await headers(user) });
const lille = () => t.ids.staffSchool; // unit 1, académie de Lille
const amiens = () => t.ids.establishments.unit2[0]; // the contractor's unit
const order = (lines: { priceItemId: string; quantity: number; uai: string }[], extra: object = {}) => ({ contractId: w.contractId, lotId: w.lot1, lines, ...extra });

describe('purchase orders', () => {
  let regionOrder: { id: string; version: number };

  it('places a draft order on the lot’s price list with its totals', async () => {
    const created = await call('POST', '/api/purchase-orders', 'authority-admin', order([{ priceItemId: w.items.pc, quantity: 3, uai: amiens().uai }, { priceItemId: w.items.fibre, quantity: 1, uai: lille().uai }]));
    expect(created.statusCode, created.body).toBe(201);
    const body = created.json();
    regionOrder = body;
    expect(body).toMatchObject({ status: 'draft', totalExclTaxCents: 300_000, totalVatCents: 60_000, totalInclTaxCents: 360_000, memberOrganizationId: t.ids.a.tenantId, lotNumber: 1 });
    expect(body.lines.map((l: { uai: string; code: string }) => `${l.code}@${l.uai}`)).toEqual([`PC-FIXE@${amiens().uai}`, `FIBRE-10@${lille().uai}`]);
    expect(body.permissions).toMatchObject({ sign: true, send: false, cancel: true });
  });

  it('refuses a price of another lot, an unknown site, an ended contract, a lot of another contract, in French', async () => {
    const other = await call('POST', '/api/purchase-orders', 'authority-admin', order([{ priceItemId: w.items.otherLot, quantity: 1, uai: lille().uai }]));
    expect(other.statusCode).toBe(400);
    expect(other.json().error.message).toContain('appartient à un autre lot');
    expect(other.json().error.issues[0].path).toBe('lines.0.priceItemId');
    const unknownSite = await call('POST', '/api/purchase-orders', 'authority-admin', order([{ priceItemId: w.items.pc, quantity: 1, uai: '0000000X' }]));
    expect(unknownSite.statusCode).toBe(404);
    const ended = await call('POST', '/api/purchase-orders', 'authority-admin', { contractId: w.endedContractId, lotId: w.endedLot, lines: [{ priceItemId: w.items.ended, quantity: 1, uai: lille().uai }] });
    expect(ended.statusCode).toBe(409);
    expect(ended.json().error.message).toContain('a pris fin le 2021-12-31');
    const mixed = await call('POST', '/api/purchase-orders', 'authority-admin', { contractId: w.endedContractId, lotId: w.lot1, lines: [{ priceItemId: w.items.pc, quantity: 1, uai: lille().uai }] });
    expect(mixed.statusCode).toBe(400);
    expect((await call('GET', '/api/purchase-orders', 'authority-admin')).json().total).toBe(1);
  });

  it('refuses an order that would pass the lot’s ceiling, with what is left', async () => {
    const over = await call('POST', '/api/purchase-orders', 'authority-admin', order([{ priceItemId: w.items.pc, quantity: 10, uai: lille().uai }]));
    expect(over.statusCode).toBe(409);
    expect(over.json().error.message).toMatch(/il reste 7\s000,00 € HT/);
    expect(over.json().error.details).toEqual({ ceiling: 'lot', remainingExclTaxCents: 700_000 });
  });

  it('lets a member order for its own organization only, unless delegated', async () => {
    const own = await call('POST', '/api/purchase-orders', 'academy-staff', order([{ priceItemId: w.items.pc, quantity: 1, uai: lille().uai }]));
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json().memberOrganizationId).toBe(t.ids.academy.tenantId);
    const forRegion = await call('POST', '/api/purchase-orders', 'academy-staff', order([{ priceItemId: w.items.pc, quantity: 1, uai: lille().uai }], { memberOrganizationId: t.ids.a.tenantId }));
    expect(forRegion.statusCode).toBe(403);
    expect((await call('POST', '/api/purchase-orders', 'academy-staff', order([{ priceItemId: w.items.pc, quantity: 1, uai: amiens().uai }]))).statusCode).toBe(404); // not its site
    expect((await call('POST', '/api/order-delegations', 'academy-staff', { memberOrganizationId: t.ids.a.tenantId, delegateOrganizationId: t.ids.academy.tenantId })).statusCode).toBe(403);
    expect((await call('POST', '/api/order-delegations', 'authority-admin', { memberOrganizationId: t.ids.a.tenantId, delegateOrganizationId: t.ids.academy.tenantId })).statusCode).toBe(201);
    const delegated = await call('POST', '/api/purchase-orders', 'academy-staff', order([{ priceItemId: w.items.setup, quantity: 1, uai: lille().uai }], { memberOrganizationId: t.ids.a.tenantId }));
    expect(delegated.statusCode).toBe(201);
    expect((await call('POST', '/api/purchase-orders', 'establishment-staff', order([{ priceItemId: w.items.pc, quantity: 1, uai: lille().uai }]))).statusCode).toBe(403);
    expect((await call('POST', '/api/purchase-orders', 'contractor', order([{ priceItemId: w.items.pc, quantity: 1, uai: amiens().uai }]))).statusCode).toBe(403);
  });

  it('shows a member its own budget lines only, the coordinator every member’s, each the sum of the orders beneath', async () => {
    const academy = (await call('GET', '/api/budget-lines', 'academy-staff')).json().items;
    expect(academy.map((l: { memberOrganizationId: string }) => l.memberOrganizationId)).toEqual([t.ids.academy.tenantId]);
    expect(academy[0]).toMatchObject({ committedCents: 80_000, orders: 1, remainingCents: 50_000_000 - 80_000 });
    const all = (await call('GET', '/api/budget-lines', 'authority-admin')).json().items;
    expect(all).toHaveLength(2);
    const region = all.find((l: { memberOrganizationId: string }) => l.memberOrganizationId === t.ids.a.tenantId);
    expect(region).toMatchObject({ committedCents: 300_000, orders: 2 });
    // its own order, and the Région's, which delegated its orders to the Académie
    const academyOrders = (await call('GET', '/api/purchase-orders', 'academy-staff')).json();
    expect(academyOrders.items.map((o: { totalExclTaxCents: number }) => o.totalExclTaxCents).sort()).toEqual([0, 300_000, 80_000]);
  });

  it('moves through its states; an impossible move or a stale version gets 409', async () => {
    const skip = await call('POST', `/api/purchase-orders/${regionOrder.id}/status`, 'authority-admin', { status: 'sent', version: 1 });
    expect(skip.statusCode).toBe(409);
    expect(skip.json().error.message).toContain('« Brouillon » ne peut pas passer à « Envoyé au titulaire »');
    const signed = await call('POST', `/api/purchase-orders/${regionOrder.id}/status`, 'authority-admin', { status: 'signed', version: 1 });
    expect(signed.json()).toMatchObject({ status: 'signed', version: 2 });
    expect((await call('POST', `/api/purchase-orders/${regionOrder.id}/status`, 'authority-admin', { status: 'sent', version: 1 })).statusCode).toBe(409);
    expect((await call('GET', `/api/purchase-orders/${regionOrder.id}`, 'contractor')).statusCode).toBe(404); // not sent yet
    const sent = await call('POST', `/api/purchase-orders/${regionOrder.id}/status`, 'authority-admin', { status: 'sent', version: 2 });
    expect(sent.json().status).toBe('sent');
    expect((await call('POST', `/api/purchase-orders/${regionOrder.id}/status`, 'establishment-staff', { status: 'cancelled', version: 3 })).statusCode).toBe(403);
  });

  it('lets the holder see, acknowledge and deliver: devices enter the fleet, all or nothing', async () => {
    const list = (await call('GET', '/api/purchase-orders', 'contractor')).json();
    expect(list.items.map((o: { id: string }) => o.id)).toEqual([regionOrder.id]);
    expect((await call('POST', `/api/purchase-orders/${regionOrder.id}/acknowledge`, 'contractor')).json().acknowledgedAt).not.toBeNull();
    expect((await call('POST', `/api/purchase-orders/${regionOrder.id}/acknowledge`, 'contractor')).statusCode).toBe(409);

    const tooMany = await call('POST', `/api/purchase-orders/${regionOrder.id}/deliveries`, 'contractor', { lines: [{ priceItemId: w.items.pc, serials: ['SN-1', 'SN-2', 'SN-3', 'SN-4'] }] });
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.json().error.issues[0]).toMatchObject({ path: 'lines.0' });
    expect(tooMany.json().error.issues[0].message).toContain('3 restant(s)');
    const notOrdered = await call('POST', `/api/purchase-orders/${regionOrder.id}/deliveries`, 'contractor', { lines: [{ priceItemId: w.items.otherLot, serials: ['X-1'] }] });
    expect(notOrdered.statusCode).toBe(422);

    const first = await call('POST', `/api/purchase-orders/${regionOrder.id}/deliveries`, 'contractor', { lines: [{ priceItemId: w.items.pc, serials: ['sn 1', 'SN-2'], assetClass: 'laptop' }] });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ devicesCreated: 2, order: { status: 'partly-delivered' } });
    const devices = await t.ctx.db.select().from(assets).where(and(eq(assets.tenantId, t.ids.a.tenantId), eq(assets.orderReference, first.json().order.reference)));
    expect(devices.map((d) => d.serial).sort()).toEqual(['SN-2', 'SN1']);
    expect(devices[0]).toMatchObject({ status: 'delivered', assetClass: 'laptop', ownerKind: 'authority', supplier: 'Titulaire Essai SAS', purchasePrice: '800.00', warrantyEnd: '2029-08-31', establishmentId: amiens().id, fundingSource: 'own-budget' });
    const [batch] = await t.ctx.db.select().from(deploymentBatches).where(and(eq(deploymentBatches.tenantId, t.ids.a.tenantId), eq(deploymentBatches.orderReference, first.json().order.reference)));
    expect(batch).toMatchObject({ establishmentId: amiens().id, expectedCount: 2 });

    const again = await call('POST', `/api/purchase-orders/${regionOrder.id}/deliveries`, 'contractor', { lines: [{ priceItemId: w.items.pc, serials: ['SN-2'] }] });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details.serials).toEqual(['SN-2']);
    expect((await call('POST', `/api/purchase-orders/${regionOrder.id}/deliveries`, 'technician', { lines: [{ priceItemId: w.items.pc, serials: ['SN-9'] }] })).statusCode).toBe(403);
  });

  it('takes the supplier’s file with a row-by-row report, then completes the order', async () => {
    const bad = multipartBody({ name: 'livraison.csv', bytes: Buffer.from('code;numéro de série\nPC-FIXE;SN-3\nINCONNU;SN-4\nPC-FIXE;\n'), type: 'text/csv' });
    const refused = await t.app.inject({ method: 'POST', url: `/api/purchase-orders/${regionOrder.id}/delivery-file`, payload: bad.payload, headers: { ...(await headers('contractor')), 'content-type': bad.contentType } });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.issues.map((i: { path: string }) => i.path)).toEqual(['ligne 3', 'ligne 4']);
    const good = multipartBody({ name: 'livraison.csv', bytes: Buffer.from('code;numéro de série\nPC-FIXE;SN-3\n'), type: 'text/csv' });
    const done = await t.app.inject({ method: 'POST', url: `/api/purchase-orders/${regionOrder.id}/delivery-file`, payload: good.payload, headers: { ...(await headers('contractor')), 'content-type': good.contentType } });
    expect(done.statusCode, done.body).toBe(201);
    expect(done.json().order.status).toBe('partly-delivered'); // the fibre line is still due
    const fibre = await call('POST', `/api/purchase-orders/${regionOrder.id}/deliveries`, 'contractor', { lines: [{ priceItemId: w.items.fibre, quantity: 1 }] });
    expect(fibre.json()).toMatchObject({ devicesCreated: 0, order: { status: 'delivered' } });
  });

  it('matches the invoice, flags its differences, and counts it as consumed', async () => {
    const invoice = await call('POST', `/api/purchase-orders/${regionOrder.id}/invoices`, 'authority-admin', {
      number: 'F-2026-001',
      invoiceDate: '2026-09-01',
      lines: [
        { priceItemId: w.items.pc, quantity: 3, unitPriceExclTaxCents: 80_000 },
        { priceItemId: w.items.fibre, quantity: 2, unitPriceExclTaxCents: 61_000 },
      ],
    });
    expect(invoice.statusCode, invoice.body).toBe(201);
    expect(invoice.json().status).toBe('invoiced');
    expect(invoice.json().invoices[0].discrepancies).toEqual([
      { lineNo: 2, kind: 'quantity', expected: 1, invoiced: 2 },
      { lineNo: 2, kind: 'price', expected: 60_000, invoiced: 61_000 },
    ]);
    expect((await call('POST', `/api/purchase-orders/${regionOrder.id}/invoices`, 'authority-admin', { number: 'F-2026-001', invoiceDate: '2026-09-01', lines: [{ priceItemId: w.items.pc, quantity: 1, unitPriceExclTaxCents: 1 }] })).statusCode).toBe(409);
    const region = (await call('GET', '/api/budget-lines', 'authority-admin')).json().items.find((l: { memberOrganizationId: string }) => l.memberOrganizationId === t.ids.a.tenantId);
    expect(region.invoicedCents).toBe(362_000);
    const consumption = (await call('GET', '/api/marches/consumption', 'authority-admin')).json().items;
    expect(consumption.map((r: { memberName: string; committedCents: number; consumedCents: number; lotRemainingCents: number }) => [r.memberName, r.committedCents, r.consumedCents, r.lotRemainingCents])).toEqual([
      [t.ids.academy.name, 80_000, 0, 620_000],
      [t.ids.a.name, 0, 300_000, 620_000],
    ]);
    expect((await call('GET', '/api/marches/consumption', 'academy-staff')).json().items.map((r: { memberName: string }) => r.memberName)).toEqual([t.ids.academy.name]);
    const paid = await call('POST', `/api/purchase-orders/${regionOrder.id}/status`, 'authority-admin', { status: 'paid', version: invoice.json().version });
    expect(paid.json().status).toBe('paid');
    const csv = await call('GET', '/api/marches/consumption/export?format=csv', 'authority-admin');
    expect(csv.body).toContain('Consommé HT (EUR)');
    expect((await call('GET', '/api/purchase-orders/export?format=xlsx', 'auditor')).statusCode).toBe(200);
    expect((await call('GET', '/api/deliveries/export?format=csv', 'auditor')).body).toContain('fichier');
  });

  it('shows a school the orders with a line at it, and another tenant nothing', async () => {
    const staff = (await call('GET', '/api/purchase-orders', 'establishment-staff')).json();
    expect(staff.items.length).toBe(3); // every order has a line at the staff's lycée
    expect((await call('GET', `/api/purchase-orders/${regionOrder.id}`, 'admin-b')).statusCode).toBe(404);
    expect((await call('GET', '/api/purchase-orders')).statusCode).toBe(401);
  });

  it('lists for a school’s page the orders with a line at that school only, and refuses a malformed UAI', async () => {
    const all = (await call('GET', '/api/purchase-orders', 'authority-admin')).json();
    const atAmiens = (await call('GET', `/api/purchase-orders?uai=${amiens().uai.toLowerCase()}`, 'authority-admin')).json();
    expect(atAmiens.items.map((o: { id: string }) => o.id)).toContain(regionOrder.id);
    expect(atAmiens.total).toBeLessThan(all.total);
    for (const o of atAmiens.items as { id: string }[]) {
      const detail = (await call('GET', `/api/purchase-orders/${o.id}`, 'authority-admin')).json();
      expect(detail.lines.some((l: { uai: string }) => l.uai === amiens().uai)).toBe(true);
    }
    const bad = await call('GET', '/api/purchase-orders?uai=12', 'authority-admin');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('7 chiffres et une lettre');
  });
});

describe('running totals and alerts', () => {
  it('keeps the consumption’s running totals equal to the sum of the orders, whatever their states', async () => {
    const summed = await t.ctx.db
      .select({
        lotId: purchaseOrders.lotId,
        member: purchaseOrders.memberOrganizationId,
        orders: sql<number>`count(*)`.mapWith(Number),
        committed: sql<number>`coalesce(sum(${purchaseOrders.totalExclTaxCents}) filter (where ${purchaseOrders.status} not in ('invoiced', 'paid')), 0)`.mapWith(Number),
        consumed: sql<number>`coalesce(sum(${purchaseOrders.totalExclTaxCents}) filter (where ${purchaseOrders.status} in ('invoiced', 'paid')), 0)`.mapWith(Number),
      })
      .from(purchaseOrders)
      .where(and(eq(purchaseOrders.tenantId, t.ids.a.tenantId), ne(purchaseOrders.status, 'cancelled')))
      .groupBy(purchaseOrders.lotId, purchaseOrders.memberOrganizationId);
    const expected = summed.map((r) => `${r.lotId}|${r.member}|${r.orders}|${r.committed}|${r.consumed}`).sort();
    const kept = (await computeConsumption(t.ctx, t.ids.a.tenantId, {})).map((r) => `${r.lotId}|${r.memberOrganizationId}|${r.orders}|${r.committedCents}|${r.consumedCents}`).sort();
    expect(kept).toEqual(expected);
    expect(kept.length).toBeGreaterThan(1);
    // the server with its cache off (COHERENCE_MARCHES_CONSUMPTION_CACHE=off) answers the same
    const cached = (await call('GET', '/api/marches/consumption', 'authority-admin')).json().items;
    t.app.config.marches = { consumptionCache: false };
    try {
      expect((await call('GET', '/api/marches/consumption', 'authority-admin')).json().items).toEqual(cached);
    } finally {
      t.app.config.marches = { consumptionCache: true };
    }
  });

  it('warns at 80 % of a lot’s maximum and three months before the end: on the contract page, and once by the daily watch', async () => {
    const v = await orderWorld(t.ctx.db, { tenantId: t.ids.a.tenantId, regionOrg: t.ids.a.tenantId, academyOrg: t.ids.academy.tenantId, holderOrg: t.ids.contractorOrg.tenantId, lotMaxCents: 1_000_000 });
    const placed = await call('POST', '/api/purchase-orders', 'authority-admin', { contractId: v.contractId, lotId: v.lot1, lines: [{ priceItemId: v.items.pc, quantity: 11, uai: amiens().uai }] });
    expect(placed.statusCode, placed.body).toBe(201);
    // the contract started on 2026-01-01 for ten months: it ends on 2026-10-31, within three months of 2026-09-01
    await t.ctx.db.update(contracts).set({ durationMonths: 10 }).where(and(eq(contracts.tenantId, t.ids.a.tenantId), eq(contracts.id, v.contractId)));
    const fetched = await call('GET', `/api/contracts/${v.contractId}`, 'auditor');
    expect(fetched.statusCode, fetched.body).toBe(200);
    const page = fetched.json();
    expect(page.alerts).toEqual([
      { kind: 'ceiling-80', lotId: v.lot1, message: expect.stringContaining('80 % du maximum atteint') },
      { kind: 'end-3-months', lotId: null, message: expect.stringContaining('31/10/2026') },
    ]);
    // the page's remaining and an amendment's check read the same orders
    expect(page.lots.find((l: { id: string }) => l.id === v.lot1)).toMatchObject({ maxExclTaxCents: 1_000_000, remainingExclTaxCents: 120_000 });
    const lower = await call('POST', `/api/contracts/${v.contractId}/amendments`, 'authority-admin', { signedOn: '2026-08-01', object: 'Baisse du maximum', lotCeilings: [{ lotId: v.lot1, maxAmountCents: 500_000 }] });
    expect(lower.statusCode).toBe(409);
    expect(lower.json().error.message).toMatch(/5 000,00 €.*8 800,00 €/);
    const first = await watchContracts(t.ctx);
    expect(first.sent).toBeGreaterThanOrEqual(2);
    const sent = await t.ctx.db.select().from(sentAlerts).where(and(eq(sentAlerts.tenantId, t.ids.a.tenantId), inArray(sentAlerts.subjectId, [v.lot1, v.contractId])));
    expect(sent.map((s) => s.kind).sort()).toEqual(['ceiling-80', 'end-3-months']);
    expect((await watchContracts(t.ctx)).sent).toBe(0);
  });

  it('tells the buyer’s contract managers when the contract has no purchasing group', async () => {
    const v = await orderWorld(t.ctx.db, { tenantId: t.ids.a.tenantId, regionOrg: t.ids.a.tenantId, academyOrg: t.ids.academy.tenantId, holderOrg: t.ids.contractorOrg.tenantId, lotMaxCents: 1_000_000 });
    await t.ctx.db.update(contracts).set({ groupId: null }).where(and(eq(contracts.tenantId, t.ids.a.tenantId), eq(contracts.id, v.contractId)));
    const placed = await call('POST', '/api/purchase-orders', 'authority-admin', { contractId: v.contractId, lotId: v.lot1, lines: [{ priceItemId: v.items.pc, quantity: 11, uai: amiens().uai }] });
    expect(placed.statusCode, placed.body).toBe(201);
    expect((await watchContracts(t.ctx)).sent).toBeGreaterThanOrEqual(1);
    const told = await t.ctx.db
      .select({ userId: notifications.recipientUserId, subject: notifications.subject })
      .from(notifications)
      .where(and(eq(notifications.tenantId, t.ids.a.tenantId), eq(notifications.refId, v.contractId)));
    const subjects = told.filter((n) => n.subject.includes('80 %'));
    expect(subjects.map((n) => n.userId)).toContain(t.ids.users['authority-admin'].id);
    // nobody outside the buyer, nor a role that may not manage contracts (the auditor reads)
    expect(subjects.map((n) => n.userId)).not.toContain(t.ids.users.auditor.id);
  });
});
