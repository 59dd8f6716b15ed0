import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { seedDemo } from '../src/demo/seed-demo.js';
import { contracts, lots, priceItems } from '../src/modules/marches/db/schema.js';
import { budgetLines, purchaseOrders } from '../src/modules/marches/orders/db/schema.js';
import { deliveryFromFile } from '../src/modules/marches/orders/delivery-file.js';
import { changeOrderStatus } from '../src/modules/marches/orders/operations/change-order-status.js';
import { createPurchaseOrder } from '../src/modules/marches/orders/operations/create-purchase-order.js';
import { findConsumption } from '../src/modules/marches/orders/operations/find-consumption.js';
import { recordDelivery } from '../src/modules/marches/orders/operations/record-delivery.js';
import { modules } from '../src/modules/modules.js';
import { establishmentsView, organizationsView } from '../src/modules/referentiel/index.js';
import { registerActions, type Actor } from '../src/server/platform/authz.js';
import { systemCtx, type Ctx } from '../src/server/platform/context.js';
import { migrateDatabase, openDatabase } from '../src/server/platform/db.js';
import { percentile } from './lib/load.js';
import { ensurePostgres, recreateDatabase } from './lib/postgres.js';
import { ms, printTable, seconds, type BenchRow } from './lib/table.js';

/**
 * Orders at a group's scale (issue 13, « Speed »), on the PostgreSQL server with the demo loaded:
 * - 100,000 order lines (10,000 orders of 10 lines over the broadband lots, the five members,
 *   every state) written with SQL (generate_series) into the real tables;
 * - the consumption per lot and member (findConsumption, the route's operation) by 50 clients at
 *   once, half the coordinator (every member), half a member (its own rows): p95 < 50 ms;
 * - a supplier's delivery file of 10,000 serials (parsed, checked, recorded all or nothing)
 *   creating 10,000 devices in the Parc: < 10 s.
 * The clients call the operation in process on a pool of 20 connections (no HTTP: the route adds
 * its JSON and the session, measured elsewhere). The machine is shared: the load average is printed.
 *
 * Alone: npx tsx bench/marches-orders.ts [order lines] [seconds of load] [serials]
 */
export interface OrdersBenchOptions {
  serverUrl: string;
  orderLines?: number;
  durationMs?: number;
  serials?: number;
  log?: (line: string) => void;
}

const clients = 50;
const actorOf = (tenantId: string, organizationId: string, role: 'authority-admin' | 'academy-staff', code: string): Actor => ({
  kind: 'user',
  id: `${role}-${organizationId}`,
  label: `Banc ${code}`,
  tenantId,
  tenantCode: 'hauts-de-france',
  assignments: [{ id: `${role}-${organizationId}`, role, organizationId, organizationCode: code, establishmentId: null, unitIds: [], level: null, academyCode: null }],
});

export async function benchMarchesOrders(options: OrdersBenchOptions): Promise<BenchRow[]> {
  const log = options.log ?? (() => undefined);
  const lineCount = options.orderLines ?? 100_000;
  const serialCount = options.serials ?? 10_000;
  const url = await recreateDatabase(options.serverUrl, 'coherence_bench_orders');
  const database = await openDatabase({ url, poolSize: 20 });
  try {
    await migrateDatabase(database);
    let started = performance.now();
    await seedDemo(database, modules, { password: 'Banc-Commandes-2026!' });
    log(`démo chargée en ${seconds(performance.now() - started)}`);
    const ctx = systemCtx(database.db);
    const world = await seedOrders(ctx, lineCount);
    log(`${lineCount} lignes de commande écrites en ${seconds(world.ms)}`);

    const coordinator = { ...ctx, actor: actorOf(world.tenantId, world.tenantId, 'authority-admin', 'hauts-de-france') };
    const member = { ...ctx, actor: actorOf(world.tenantId, world.academyId, 'academy-staff', 'ac-lille') };
    const load = await closedLoop(options.durationMs ?? 10_000, (n) => findConsumption(n % 2 ? coordinator : member, n % 4 < 2 ? {} : { contractId: world.contractId }));
    log(`consommation : ${load.count} appels, p50 ${ms(load.p50)}, p95 ${ms(load.p95)} (charge ${loadavg()[0].toFixed(1)})`);

    started = performance.now();
    const devices = await deliverFile(ctx, serialCount);
    const deliveryMs = performance.now() - started;
    log(`livraison de ${serialCount} numéros de série : ${devices} équipements en ${seconds(deliveryMs)}`);
    return [
      { measure: `consommation par lot et par membre, p95 à ${clients} clients (${lineCount} lignes)`, value: ms(load.p95), target: '< 50 ms', ok: load.p95 < 50 },
      { measure: 'consommation, p50 et débit', value: `${ms(load.p50)}, ${Math.round(load.count / ((options.durationMs ?? 10_000) / 1000))}/s`, target: '', ok: null },
      { measure: `fichier de livraison de ${serialCount} numéros de série → équipements créés`, value: `${seconds(deliveryMs)} (${devices})`, target: '< 10 s', ok: deliveryMs < 10_000 && devices === serialCount },
      { measure: 'charge de la machine (1 min)', value: loadavg()[0].toFixed(1), target: '', ok: null },
    ];
  } finally {
    await database.close();
  }
}

/** 10 lines per order over the broadband lots, members, budget lines and states, with SQL. */
async function seedOrders(ctx: Ctx, lineCount: number) {
  const started = performance.now();
  const db = ctx.db;
  const orgs = await db.select({ id: organizationsView.tenantId, code: organizationsView.code }).from(organizationsView).where(inArray(organizationsView.code, ['hauts-de-france', 'nord', 'pas-de-calais', 'ac-lille', 'draaf-hdf']));
  const idOf = new Map(orgs.map((o) => [o.code, o.id]));
  const tenantId = idOf.get('hauts-de-france')!;
  const [contract] = await db.select().from(contracts).where(and(eq(contracts.tenantId, tenantId), eq(contracts.reference, 'HDF-2016-THD')));
  const lotRows = await db.select({ id: lots.id }).from(lots).where(and(eq(lots.tenantId, tenantId), eq(lots.contractId, contract.id)));
  // the bench measures reading, not refusing: no ceiling on the lots
  await db.update(lots).set({ maxAmountCents: null }).where(and(eq(lots.tenantId, tenantId), eq(lots.contractId, contract.id)));
  const [item] = await db.select().from(priceItems).where(and(eq(priceItems.tenantId, tenantId), eq(priceItems.lotId, lotRows[0].id), eq(priceItems.code, 'FIB10-ABO')));
  const members = [...idOf.values()];
  const budget = await db
    .insert(budgetLines)
    .values(members.map((m) => ({ tenantId, memberOrganizationId: m, year: 2019, fundingSource: 'own-budget', label: 'Banc 2019', ceilingCents: 1e13 })))
    .returning({ id: budgetLines.id, member: budgetLines.memberOrganizationId });
  const sites = await db.select({ id: establishmentsView.id }).from(establishmentsView).where(eq(establishmentsView.tenantId, tenantId)).limit(400);
  const orders = Math.ceil(lineCount / 10);
  const uuids = (ids: string[]) => sql`array[${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)}]`;
  await db.execute(sql`
    insert into marches.purchase_orders (tenant_id, reference, contract_id, lot_id, member_organization_id, budget_line_id, status, order_date, total_excl_tax_cents, total_vat_cents, total_incl_tax_cents, total_quantity, source, created_by)
    select ${tenantId}::uuid, 'BANC-' || g, ${contract.id}::uuid, (${uuids(lotRows.map((l) => l.id))})[1 + g % ${lotRows.length}],
      (${uuids(budget.map((b) => b.member))})[1 + g % ${budget.length}], (${uuids(budget.map((b) => b.id))})[1 + g % ${budget.length}],
      (array['draft','signed','sent','partly-delivered','delivered','invoiced','paid','cancelled'])[1 + g % 8], date '2019-01-01' + (g % 365),
      10 * ${item.unitPriceExclTaxCents}::bigint, 2 * ${item.unitPriceExclTaxCents}::bigint, 12 * ${item.unitPriceExclTaxCents}::bigint, 10, 'bench', 'banc'
    from generate_series(1, ${orders}) g`);
  await db.execute(sql`
    insert into marches.order_lines (tenant_id, order_id, line_no, price_item_id, code, label, unit_price_excl_tax_cents, vat_rate_bp, recurrence, quantity, establishment_id, total_excl_tax_cents, total_vat_cents)
    select o.tenant_id, o.id, n, ${item.id}::uuid, ${item.code}, ${item.label}, ${item.unitPriceExclTaxCents}, 2000, 'monthly', 1,
      (${uuids(sites.map((s) => s.id))})[1 + (abs(hashtext(o.reference)) + n) % ${sites.length}], ${item.unitPriceExclTaxCents}, ${item.unitPriceExclTaxCents / 5}
    from marches.purchase_orders o cross join generate_series(1, 10) n where o.tenant_id = ${tenantId}::uuid and o.source = 'bench'`);
  await db.execute(sql`analyze marches.purchase_orders; analyze marches.order_lines`);
  return { tenantId, contractId: contract.id, academyId: idOf.get('ac-lille')!, ms: performance.now() - started };
}

/** Clients in a closed loop, each one call at a time, for the duration; latencies in ms. */
async function closedLoop(durationMs: number, call: (n: number) => Promise<unknown>) {
  const latencies: number[] = [];
  const end = performance.now() + durationMs;
  let n = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        await call(n++);
        latencies.push(performance.now() - t);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { count: latencies.length, p50: percentile(latencies, 50), p95: percentile(latencies, 95) };
}

/** Grand Est orders 10,000 workstations for a lycée, sends the order, and the holder's file of serials is recorded. */
async function deliverFile(ctx: Ctx, count: number): Promise<number> {
  const [ge] = await ctx.db.select({ id: organizationsView.tenantId }).from(organizationsView).where(eq(organizationsView.code, 'grand-est'));
  const tenantId = ge.id;
  const admin = { ...ctx, actor: { ...actorOf(tenantId, tenantId, 'authority-admin', 'grand-est'), tenantCode: 'grand-est' } };
  const [contract] = await ctx.db.select().from(contracts).where(and(eq(contracts.tenantId, tenantId), eq(contracts.reference, 'GE-2018-EQUIP')));
  const [item] = await ctx.db.select().from(priceItems).where(and(eq(priceItems.tenantId, tenantId), eq(priceItems.code, 'PC-FIXE-STD')));
  await ctx.db.update(lots).set({ maxAmountCents: null }).where(and(eq(lots.tenantId, tenantId), eq(lots.id, item.lotId)));
  await ctx.db.insert(budgetLines).values({ tenantId, memberOrganizationId: tenantId, year: 2018, fundingSource: 'own-budget', label: 'Banc livraison', ceilingCents: 1e13 });
  const [site] = await ctx.db.select({ uai: establishmentsView.uai }).from(establishmentsView).where(eq(establishmentsView.tenantId, tenantId)).limit(1);
  const [line] = await ctx.db.select({ id: budgetLines.id }).from(budgetLines).where(and(eq(budgetLines.tenantId, tenantId), eq(budgetLines.label, 'Banc livraison')));
  const order = await createPurchaseOrder(admin, { contractId: contract.id, lotId: item.lotId, orderDate: '2018-06-01', budgetLineId: line.id, lines: [{ priceItemId: item.id, quantity: count, uai: site.uai }] });
  const signed = await changeOrderStatus(admin, { id: order.id, status: 'signed', version: order.version });
  await changeOrderStatus(admin, { id: order.id, status: 'sent', version: signed.version });
  const csv = ['code;numero de serie', ...Array.from({ length: count }, (_, i) => `PC-FIXE-STD;BANC${String(i).padStart(7, '0')}X`)].join('\n');
  const parsed = deliveryFromFile(new TextEncoder().encode(csv), new Map([['PC-FIXE-STD', item.id]]));
  const result = await recordDelivery(admin, { id: order.id, lines: parsed.lines, source: 'file' });
  const [{ status }] = await ctx.db.select({ status: purchaseOrders.status }).from(purchaseOrders).where(and(eq(purchaseOrders.tenantId, tenantId), eq(purchaseOrders.id, order.id)));
  if (status !== 'delivered') throw new Error(`commande ${status}`);
  return result.devicesCreated;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  registerActions(modules.map((m) => m.actions));
  const server = await ensurePostgres();
  if (!server.ok) throw new Error(server.reason);
  const [lines, secs, serials] = process.argv.slice(2).map(Number);
  const rows = await benchMarchesOrders({ serverUrl: server.url, orderLines: lines || undefined, durationMs: secs ? secs * 1000 : undefined, serials: serials || undefined, log: (l) => console.log(`  ${l}`) });
  printTable('Commandes des marchés', rows);
}
