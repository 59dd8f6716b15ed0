import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../../../server/platform/authz.js';
import type { Ctx } from '../../../../server/platform/context.js';
import { establishmentsView } from '../../../referentiel/index.js';
import { contracts, lots, priceItems, priceLists } from '../../db/schema.js';
import { budgetLines, purchaseOrders } from '../db/schema.js';
import { acknowledgeOrder, changeOrderStatus } from '../operations/change-order-status.js';
import { createPurchaseOrder } from '../operations/create-purchase-order.js';
import { recordDelivery } from '../operations/record-delivery.js';
import { recordInvoice } from '../operations/record-invoice.js';

const eur = (euros: number) => Math.round(euros * 100);

/** A demo actor of one organization in a tenant (the seed acts through the operations, rules included). */
function actorOf(tenantId: string, tenantCode: string, organizationId: string, role: 'authority-admin' | 'contractor', label: string): Actor {
  return {
    kind: 'user',
    id: organizationId,
    label,
    tenantId,
    tenantCode,
    assignments: [{ id: `${role}-${organizationId}`, role, organizationId, organizationCode: tenantCode, establishmentId: null, unitIds: [], level: null, academyCode: null }],
  };
}

/** The sites of a département, by UAI order (never by label), the first `count`. */
async function sitesOf(ctx: Ctx, tenantId: string, department: string, count: number): Promise<string[]> {
  const rows = await ctx.db
    .select({ uai: establishmentsView.uai })
    .from(establishmentsView)
    .where(and(eq(establishmentsView.tenantId, tenantId), eq(establishmentsView.departmentCode, department)))
    .orderBy(asc(establishmentsView.uai))
    .limit(count);
  return rows.map((r) => r.uai);
}

async function itemsByCode(ctx: Ctx, tenantId: string, lotId: string): Promise<Map<string, string>> {
  const rows = await ctx.db.select({ id: priceItems.id, code: priceItems.code }).from(priceItems).where(and(eq(priceItems.tenantId, tenantId), eq(priceItems.lotId, lotId)));
  return new Map(rows.map((r) => [r.code, r.id]));
}

async function pricesOf(ctx: Ctx, tenantId: string, ids: string[]): Promise<number[]> {
  const rows = await ctx.db.select({ id: priceItems.id, cents: priceItems.unitPriceExclTaxCents }).from(priceItems).where(and(eq(priceItems.tenantId, tenantId), inArray(priceItems.id, ids)));
  const cents = new Map(rows.map((r) => [r.id, r.cents]));
  return ids.map((id) => cents.get(id)!);
}

type Stage = 'draft' | 'sent' | 'delivered' | 'invoiced' | 'paid';
type DeliveredLine = { priceItemId: string; serials?: string[]; quantity?: number; assetClass?: string };
type InvoicedLine = { priceItemId: string; quantity: number; unitPriceExclTaxCents: number };

/** Moves a fresh draft along its life through the operations: signed, sent, acknowledged, delivered, invoiced, paid. */
async function advance(buyer: Ctx, holder: Ctx, orderId: string, stage: Stage, delivery: { at: string; lines: DeliveredLine[] }, invoice?: { number: string; date: string; lines: InvoicedLine[] }) {
  if (stage === 'draft') return;
  let order = await changeOrderStatus(buyer, { id: orderId, status: 'signed', version: 1 });
  order = await changeOrderStatus(buyer, { id: orderId, status: 'sent', version: order.version });
  // sent orders wait for the holder's acknowledgement (the holder's journey gives it)
  if (stage === 'sent') return;
  await acknowledgeOrder(holder, { id: orderId });
  await recordDelivery(holder, { id: orderId, source: 'typed', deliveredAt: `${delivery.at}T09:00:00Z`, lines: delivery.lines.map((l) => ({ ...l, serials: l.serials ?? [] })) });
  if (stage === 'delivered' || !invoice) return;
  await recordInvoice(buyer, { id: orderId, number: invoice.number, invoiceDate: invoice.date, lines: invoice.lines });
  if (stage !== 'paid') return;
  const [current] = await buyer.db.select({ version: purchaseOrders.version }).from(purchaseOrders).where(and(eq(purchaseOrders.tenantId, buyer.actor!.tenantId), eq(purchaseOrders.id, orderId)));
  await changeOrderStatus(buyer, { id: orderId, status: 'paid', version: current.version });
}

/**
 * Hauts-de-France: the broadband group's members order links for their own sites on the zone
 * lots (the Région for its lycées: 100 Mbit/s set-up and twelve months), some delivered, invoiced
 * and paid. The Départements' collèges live in their own tenants: their budget lines are here,
 * their orders would need sites of another tenant (see the report).
 */
export async function seedHautsDeFranceOrders(ctx: Ctx, tenants: Map<string, string>) {
  const tenantId = tenants.get('hauts-de-france')!;
  const holderOrg = tenants.get('prestataire-demo');
  const [contract] = await ctx.db.select().from(contracts).where(and(eq(contracts.tenantId, tenantId), eq(contracts.reference, 'HDF-2016-THD')));
  if (!contract || !holderOrg) return;
  const zoneLots = await ctx.db.select().from(lots).where(and(eq(lots.tenantId, tenantId), eq(lots.contractId, contract.id))).orderBy(asc(lots.number));
  // the demo's contractor account stands for the operator holding the four zones
  await ctx.db.update(lots).set({ holderOrganizationId: holderOrg }).where(and(eq(lots.tenantId, tenantId), inArray(lots.id, zoneLots.map((l) => l.id))));
  const region = tenantId;
  const lines = [
    { tenantId, memberOrganizationId: region, year: 2017, fundingSource: 'own-budget', label: 'Très haut débit des lycées 2017', ceilingCents: eur(600_000) },
    { tenantId, memberOrganizationId: region, year: 2018, fundingSource: 'feder', label: 'FEDER très haut débit 2018', ceilingCents: eur(60_000) },
    ...(['nord', 'pas-de-calais'] as const).flatMap((code) => (tenants.has(code) ? [{ tenantId, memberOrganizationId: tenants.get(code)!, year: 2017, fundingSource: 'own-budget', label: 'Très haut débit des collèges 2017', ceilingCents: eur(300_000) }] : [])),
  ];
  await ctx.db.insert(budgetLines).values(lines);
  const buyer = { ...ctx, actor: actorOf(tenantId, 'hauts-de-france', region, 'authority-admin', 'Acheteur Région (démo)') };
  const holder = { ...ctx, actor: actorOf(tenantId, 'hauts-de-france', holderOrg, 'contractor', 'Opérateur très haut débit (démo)') };
  // lots 1-2 in the Nord, 3-4 in the Pas-de-Calais; each lycée on one lot, alternately
  const sites = [...(await sitesOf(ctx, tenantId, '59', 12)).map((uai, i) => ({ uai, lot: zoneLots[i % 2] })), ...(await sitesOf(ctx, tenantId, '62', 8)).map((uai, i) => ({ uai, lot: zoneLots[2 + (i % 2)] }))];
  const stages: Stage[] = ['paid', 'paid', 'invoiced', 'invoiced', 'delivered', 'delivered', 'sent', 'draft'];
  for (const [i, site] of sites.entries()) {
    const items = await itemsByCode(ctx, tenantId, site.lot.id);
    const mbps = i % 3 === 0 ? 200 : 100;
    const setUp = items.get(`FIB${mbps}-FAS`)!;
    const monthly = items.get(`FIB${mbps}-ABO`)!;
    const orderDate = `2017-${String(1 + (i % 9)).padStart(2, '0')}-15`;
    const order = await createPurchaseOrder(buyer, { contractId: contract.id, lotId: site.lot.id, orderDate, lines: [{ priceItemId: setUp, quantity: 1, uai: site.uai }, { priceItemId: monthly, quantity: 12, uai: site.uai }] }, { source: 'demo' });
    const stage = stages[i % stages.length];
    const [setUpCents, monthlyCents] = await pricesOf(ctx, tenantId, [setUp, monthly]);
    // one invoice in four bills the monthly fee 20 EUR above the price list: the difference is flagged
    const delta = i % 4 === 2 ? 2000 : 0;
    await advance(
      buyer,
      holder,
      order.id,
      stage,
      { at: `2017-${String(2 + (i % 9)).padStart(2, '0')}-10`, lines: [{ priceItemId: setUp, quantity: 1 }, { priceItemId: monthly, quantity: 12 }] },
      { number: `F-THD-2017-${String(i + 1).padStart(4, '0')}`, date: `2017-12-${String(10 + (i % 15)).padStart(2, '0')}`, lines: [{ priceItemId: setUp, quantity: 1, unitPriceExclTaxCents: setUpCents }, { priceItemId: monthly, quantity: 12, unitPriceExclTaxCents: monthlyCents + delta }] },
    );
  }
}

/**
 * Grand Est: the equipment framework's lots 1 (workstations) and 4 (tablets) get their price list,
 * and the Région orders for lycées of the Bas-Rhin and the Moselle; the deliveries, recorded with
 * serials, create the devices in the Parc (delivered, with supplier, order reference, price and
 * warranty end), one order half delivered, one invoiced with a quantity difference.
 */
export async function seedGrandEstOrders(ctx: Ctx, tenants: Map<string, string>) {
  const tenantId = tenants.get('grand-est')!;
  const [contract] = await ctx.db.select().from(contracts).where(and(eq(contracts.tenantId, tenantId), eq(contracts.reference, 'GE-2018-EQUIP')));
  if (!contract) return;
  const equipLots = await ctx.db.select().from(lots).where(and(eq(lots.tenantId, tenantId), eq(lots.contractId, contract.id))).orderBy(asc(lots.number));
  const [workstations, , , tablets] = equipLots;
  const list = async (lotId: string, items: { code: string; label: string; unit: string; price: number; warranty: number; cpv: string }[]) => {
    const [pl] = await ctx.db.insert(priceLists).values({ tenantId, lotId, revision: 1, validFrom: '2018-04-01' }).returning();
    const rows = await ctx.db
      .insert(priceItems)
      .values(items.map((i) => ({ tenantId, lotId, priceListId: pl.id, code: i.code, label: i.label, unit: i.unit, unitPriceExclTaxCents: eur(i.price), vatRateBp: 2000, recurrence: 'one-off', warrantyMonths: i.warranty, cpvCode: i.cpv })))
      .returning();
    return new Map(rows.map((r) => [r.code, r]));
  };
  const pcItems = await list(workstations.id, [
    { code: 'PC-FIXE-STD', label: 'Poste de travail fixe standard', unit: 'unité', price: 620, warranty: 60, cpv: '30213000-5' },
    { code: 'ECRAN-24', label: 'Écran 24 pouces', unit: 'unité', price: 135, warranty: 60, cpv: '30231000-7' },
  ]);
  const tabletItems = await list(tablets.id, [{ code: 'TAB-10', label: 'Tablette 10 pouces', unit: 'unité', price: 310, warranty: 24, cpv: '30213200-7' }]);
  await ctx.db.insert(budgetLines).values({ tenantId, memberOrganizationId: tenantId, year: 2018, fundingSource: 'own-budget', label: 'Équipement des lycées 2018', ceilingCents: eur(900_000) });
  const admin = { ...ctx, actor: actorOf(tenantId, 'grand-est', tenantId, 'authority-admin', 'Acheteur Grand Est (démo)') };
  const sites = [...(await sitesOf(ctx, tenantId, '67', 3)), ...(await sitesOf(ctx, tenantId, '57', 2))];
  const serials = (prefix: string, uai: string, n: number) => Array.from({ length: n }, (_, k) => `${prefix}-${uai}-${String(k + 1).padStart(3, '0')}`);
  for (const [i, uai] of sites.entries()) {
    const tabletOrder = i === 4;
    const lot = tabletOrder ? tablets : workstations;
    const wanted: { item: typeof priceItems.$inferSelect; quantity: number; assetClass: string | null }[] = tabletOrder ? [{ item: tabletItems.get('TAB-10')!, quantity: 16, assetClass: 'tablet' }] : [{ item: pcItems.get('PC-FIXE-STD')!, quantity: 8, assetClass: 'desktop' }, { item: pcItems.get('ECRAN-24')!, quantity: 8, assetClass: null }];
    const order = await createPurchaseOrder(admin, { contractId: contract.id, lotId: lot.id, orderDate: `2018-${String(5 + i).padStart(2, '0')}-02`, lines: wanted.map((w) => ({ priceItemId: w.item.id, quantity: w.quantity, uai })) }, { source: 'demo' });
    // the third order is half delivered so far; the others in full
    const half = i === 2;
    // screens are not tracked in the Parc: delivered by quantity, without serials
    const delivered = wanted.map((w) => {
      const n = half ? w.quantity / 2 : w.quantity;
      return w.assetClass ? { priceItemId: w.item.id, serials: serials(w.item.code, uai, n), assetClass: w.assetClass } : { priceItemId: w.item.id, quantity: n };
    });
    const stage: Stage = i === 0 ? 'invoiced' : 'delivered';
    const invoiceLines = wanted.map((w, k) => ({ priceItemId: w.item.id, quantity: k === 1 ? w.quantity + 1 : w.quantity, unitPriceExclTaxCents: w.item.unitPriceExclTaxCents }));
    await advance(admin, admin, order.id, stage, { at: `2018-${String(6 + i).padStart(2, '0')}-12`, lines: delivered }, { number: `FA-GE-2018-${i + 1}`, date: '2018-10-30', lines: invoiceLines });
  }
}
