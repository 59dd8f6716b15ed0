import { and, eq, ne, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../server/platform/authz.js';
import { createOrganization } from '../../referentiel/operations/create-organization.js';
import { testApp, type TestApp } from '../../../test/app.js';
import { purchaseOrders } from './db/schema.js';
import { budgetLines } from './db/schema.js';
import { lotCeiling } from '../ceilings.js';
import { changeOrderStatus } from './operations/change-order-status.js';
import { createPurchaseOrder } from './operations/create-purchase-order.js';
import { findConsumption } from './operations/find-consumption.js';
import { orderWorld, type OrderWorld } from './testing.js';

let t: TestApp;
let w: OrderWorld;
const members: string[] = [];
const now = () => new Date('2026-09-01T08:00:00Z');

beforeAll(async () => {
  t = await testApp({ clock: now });
  for (let i = 0; i < 20; i++) {
    const org = await createOrganization(t.ctx, { code: `membre-${i}`, kind: 'departement', name: `Membre ${i}`, partnerOf: [t.ids.a.code] });
    members.push(org.tenantId);
  }
  // the lot's ceiling leaves exactly 10,000 EUR once the first order (9,990,000 EUR) is in
  w = await orderWorld(t.ctx.db, { tenantId: t.ids.a.tenantId, regionOrg: t.ids.a.tenantId, academyOrg: t.ids.academy.tenantId, holderOrg: t.ids.contractorOrg.tenantId, members, lotMaxCents: 1_000_000_000 });
  await t.ctx.db.insert(budgetLines).values(members.map((m) => ({ tenantId: t.ids.a.tenantId, memberOrganizationId: m, year: 2026, fundingSource: 'feder', label: 'FEDER 2026', ceilingCents: 10_000_000 })));
}, 120_000);
afterAll(() => t.close());

/** A member's buyer, acting for its own organization on every school of the tenant. */
const buyerOf = (organizationId: string): Actor => ({
  kind: 'user',
  id: organizationId,
  label: `Acheteur ${organizationId.slice(0, 4)}`,
  tenantId: t.ids.a.tenantId,
  tenantCode: t.ids.a.code,
  assignments: [{ id: organizationId, role: 'authority-admin', organizationId, organizationCode: organizationId, establishmentId: null, unitIds: [], level: null, academyCode: null }],
});

describe('twenty members racing for the last 10,000 EUR of a lot', () => {
  it('never lets the total pass the ceiling: sixteen orders of 600 EUR pass, the four others get 409 with what is left', async () => {
    const uai = t.ids.staffSchool.uai;
    const ctx = (actor: Actor) => ({ ...t.ctx, actor });
    await createPurchaseOrder(ctx(buyerOf(t.ids.a.tenantId)), { contractId: w.contractId, lotId: w.lot1, lines: [{ priceItemId: w.items.setup, quantity: 1, uai }] });
    await t.ctx.db.update(purchaseOrders).set({ totalExclTaxCents: 999_000_000 }).where(eq(purchaseOrders.tenantId, t.ids.a.tenantId));
    const results = await Promise.allSettled(
      members.map((m) => createPurchaseOrder(ctx(buyerOf(m)), { contractId: w.contractId, lotId: w.lot1, lines: [{ priceItemId: w.items.fibre, quantity: 1, uai }, { priceItemId: w.items.setup, quantity: 1, uai }], orderDate: '2026-09-01' }).then(() => 'ok')),
    );
    // each order is one month of 10 Mbit/s fibre at 600 EUR: sixteen would be 9,600 EUR, the seventeenth passes 10,000
    const passed = results.filter((r) => r.status === 'fulfilled').length;
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(passed).toBe(16);
    expect(refused).toHaveLength(4);
    for (const r of refused) {
      expect(r.reason.code).toBe('CONFLICT');
      expect(r.reason.message).toMatch(/il reste 400,00 € HT/);
    }
    const [{ total }] = await t.ctx.db
      .select({ total: sql<number>`sum(${purchaseOrders.totalExclTaxCents})`.mapWith(Number) })
      .from(purchaseOrders)
      .where(and(eq(purchaseOrders.tenantId, t.ids.a.tenantId), ne(purchaseOrders.status, 'cancelled')));
    expect(total).toBe(999_000_000 + 16 * 60_000);
    expect(total).toBeLessThanOrEqual(1_000_000_000);
  });
});

describe('lotCeiling with forUpdate', () => {
  it('reads the lot and its term inside a transaction (the SQL PostgreSQL accepts)', async () => {
    const lot = await t.ctx.db.transaction((tx) => lotCeiling(tx, t.ids.a.tenantId, w.lot1, { forUpdate: true }));
    expect(lot).toMatchObject({ lotId: w.lot1, lotNumber: 1, contractId: w.contractId, maxAmountCents: 1_000_000_000, endsOn: '2029-12-31' });
  });

  it.runIf(Boolean(process.env.TEST_DATABASE_URL))('holds the lot row: a second transaction cannot lock it until the first ends', async () => {
    await t.ctx.db.transaction(async (first) => {
      await lotCeiling(first, t.ids.a.tenantId, w.lot1, { forUpdate: true });
      const second = t.ctx.db.transaction(async (tx) => {
        await tx.execute(sql`set local lock_timeout = '200ms'`);
        return lotCeiling(tx, t.ids.a.tenantId, w.lot1, { forUpdate: true });
      });
      const error = await second.then(() => null, (e: Error & { cause?: { code?: string } }) => e);
      expect(error?.cause?.code).toBe('55P03'); // lock_not_available
    });
  });
});

describe('the consumption read from its cache', () => {
  it('is read again after an order is placed or cancelled (the writes invalidate it)', async () => {
    const ctx = { ...t.ctx, actor: buyerOf(t.ids.academy.tenantId) };
    const committedOf = async () => (await findConsumption(ctx, { lotId: w.lot2 })).reduce((sum, r) => sum + r.committedCents, 0);
    const before = await committedOf();
    const order = await createPurchaseOrder(ctx, { contractId: w.contractId, lotId: w.lot2, orderDate: '2026-09-01', lines: [{ priceItemId: w.items.otherLot, quantity: 3, uai: t.ids.staffSchool.uai }] });
    expect(await committedOf()).toBe(before + 30_000);
    await changeOrderStatus(ctx, { id: order.id, status: 'cancelled', version: order.version });
    expect(await committedOf()).toBe(before);
  });
});
