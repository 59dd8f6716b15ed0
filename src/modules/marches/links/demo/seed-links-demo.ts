import { and, asc, eq, inArray, min } from 'drizzle-orm';
import type { Ctx } from '../../../../server/platform/context.js';
import { establishmentsView } from '../../../referentiel/index.js';
import { contracts, lots, priceItems } from '../../db/schema.js';
import { deliveries, orderLines, purchaseOrders } from '../../orders/db/schema.js';
import { siteLinkChanges, siteLinks } from '../db/schema.js';
import { dayBefore, linkSnapshot } from '../link-scope.js';

const eur = (euros: number) => Math.round(euros * 100);
const actorLabel = 'Reprise des liens (démonstration)';

/** A stable number per UAI (FNV-1a): the same lycée gets the same link at every load, whatever the order of the file. */
export function uaiHash(uai: string, salt = 0): number {
  let h = (2166136261 ^ salt) >>> 0;
  for (const c of uai) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  return h;
}
const pick = <T>(weighted: [T, number][], h: number): T => {
  let r = h % weighted.reduce((s, [, w]) => s + w, 0);
  for (const [value, w] of weighted) if ((r -= w) < 0) return value;
  return weighted[0][0];
};

/** Before the group's contract: what the operators sold a lycée (the seed: symmetric SDSL at 1,250-1,500 EUR set-up). */
const oldAccesses: [{ operator: string; technology: string; down: number; up: number; monthly: number; setUp: number }, number][] = [
  [{ operator: 'Orange Business Services', technology: 'sdsl', down: 4, up: 4, monthly: 1150, setUp: 1250 }, 30],
  [{ operator: 'Orange Business Services', technology: 'sdsl', down: 8, up: 8, monthly: 1450, setUp: 1500 }, 15],
  [{ operator: 'SFR Business', technology: 'sdsl', down: 2, up: 2, monthly: 890, setUp: 1250 }, 15],
  [{ operator: 'SFR Business', technology: 'adsl', down: 18, up: 1, monthly: 420, setUp: 150 }, 15],
  [{ operator: 'Bouygues Telecom Entreprises', technology: 'vdsl', down: 50, up: 8, monthly: 780, setUp: 500 }, 12],
  [{ operator: 'Completel', technology: 'fibre', down: 100, up: 10, monthly: 1900, setUp: 1500 }, 5],
  [{ operator: 'Nordnet', technology: 'satellite', down: 20, up: 2, monthly: 450, setUp: 300 }, 4],
  [{ operator: 'Bouygues Telecom Entreprises', technology: 'mobile', down: 60, up: 15, monthly: 390, setUp: 0 }, 4],
];
/** Under the contract: the speeds the lycées took on the 2-400 Mbit/s price list. */
const contractSpeeds: [number, number][] = [[4, 2], [10, 10], [20, 15], [50, 20], [100, 30], [200, 15], [400, 8]];

export interface LinkPlan { establishmentId: string; uai: string; before: (typeof oldAccesses)[number][0]; beforeStart: string; after?: { lotId: string; mbps: number; start: string } }
export type OrderedSites = Map<string, { lotId: string; mbps: number; deliveredOn: string | null }>;

/**
 * A lycée's links, from its UAI alone (and the demo's orders): the access it had, and the
 * contract's fibre on its zone's lot (lots 1-2 in the Nord, 3-4 in the Pas-de-Calais) unless it
 * is among the one in seven still waiting. An ordered lycée takes its order's lot and speed from
 * the day it was delivered, and waits while its order is not.
 */
export function planLink(l: { id: string; uai: string; department: string | null }, ordered: OrderedSites, zoneLotIds: string[]): LinkPlan {
  const h = uaiHash(l.uai);
  const site = { establishmentId: l.id, uai: l.uai, before: pick(oldAccesses, uaiHash(l.uai, 1)), beforeStart: `${2010 + (h % 4)}-09-01` };
  const order = ordered.get(l.id);
  if (order) return order.deliveredOn ? { ...site, after: { lotId: order.lotId, mbps: order.mbps, start: order.deliveredOn } } : site;
  if (h % 7 === 0 || zoneLotIds.length < 4) return site;
  const lotId = zoneLotIds[(l.department === '62' ? 2 : 0) + (uaiHash(l.uai, 2) % 2)];
  const start = `${2016 + (h % 2)}-${String(1 + (uaiHash(l.uai, 3) % 12)).padStart(2, '0')}-01`;
  return { ...site, after: { lotId, mbps: pick(contractSpeeds, uaiHash(l.uai, 4)), start: start < '2016-05-01' ? '2016-05-01' : start } };
}

/**
 * Hauts-de-France: every demo lycée (the académie de Lille's, by UAI) gets its network link and
 * its history: the operator's access it had (SDSL, ADSL, VDSL, satellite, 4G...), replaced, for
 * most, by the broadband group's fibre on its zone's lot at a speed of the price list (prices
 * and set-up fees of the items, so before and after give the seed's saving). A lycée the Région
 * ordered for in the demo gets the ordered speed from its delivery; one still waiting keeps its
 * old access, as does a share of the others, so the steering's plan has upgrades to cost.
 */
export async function seedHautsDeFranceLinks(ctx: Ctx, tenants: Map<string, string>) {
  const tenantId = tenants.get('hauts-de-france');
  if (!tenantId) return;
  const [contract] = await ctx.db.select({ id: contracts.id }).from(contracts).where(and(eq(contracts.tenantId, tenantId), eq(contracts.reference, 'HDF-2016-THD')));
  if (!contract) return;
  const zoneLots = await ctx.db.select().from(lots).where(and(eq(lots.tenantId, tenantId), eq(lots.contractId, contract.id))).orderBy(asc(lots.number));
  const items = await ctx.db.select().from(priceItems).where(and(eq(priceItems.tenantId, tenantId), inArray(priceItems.lotId, zoneLots.map((l) => l.id))));
  const itemOf = (lotId: string, code: string) => items.find((i) => i.lotId === lotId && i.code === code);
  const lycees = await ctx.db
    .select({ id: establishmentsView.id, uai: establishmentsView.uai, department: establishmentsView.departmentCode })
    .from(establishmentsView)
    .where(and(eq(establishmentsView.tenantId, tenantId), inArray(establishmentsView.departmentCode, ['59', '62'])))
    .orderBy(asc(establishmentsView.uai));
  const ordered = await orderedSites(ctx, tenantId, contract.id);
  const plans = lycees.map((l) => planLink(l, ordered, zoneLots.map((z) => z.id)));
  const rows = plans.flatMap((p) => {
    const old = { tenantId, establishmentId: p.establishmentId, operator: p.before.operator, technology: p.before.technology, symmetric: p.before.down === p.before.up, downMbps: p.before.down, upMbps: p.before.up, monthlyCostCents: eur(p.before.monthly), setupFeeCents: eur(p.before.setUp), startDate: p.beforeStart, endDate: p.after ? dayBefore(p.after.start) : null, createdBy: actorLabel };
    if (!p.after) return [old];
    const lot = zoneLots.find((l) => l.id === p.after!.lotId)!;
    const monthly = itemOf(lot.id, `FIB${p.after.mbps}-ABO`);
    const setUp = itemOf(lot.id, `FIB${p.after.mbps}-FAS`);
    if (!monthly || !setUp) return [{ ...old, endDate: null }];
    const fibre = { tenantId, establishmentId: p.establishmentId, operator: lot.holderName ?? 'Titulaire du lot', technology: 'fibre', symmetric: true, downMbps: p.after.mbps, upMbps: p.after.mbps, monthlyCostCents: monthly.unitPriceExclTaxCents, setupFeeCents: setUp.unitPriceExclTaxCents, contractId: contract.id, lotId: lot.id, monthlyPriceItemId: monthly.id, setupPriceItemId: setUp.id, startDate: p.after.start, endDate: null, createdBy: actorLabel };
    return [old, fibre];
  });
  if (!rows.length) return;
  const links = await ctx.db.insert(siteLinks).values(rows).returning();
  // the history of each link as the links page shows it: created at its start, replaced when the fibre came
  const at = (day: string) => new Date(`${day}T08:00:00Z`);
  await ctx.db.insert(siteLinkChanges).values([
    ...links.map((l) => ({ tenantId, linkId: l.id, kind: 'created', before: null, after: { ...linkSnapshot(l), endDate: null }, actorLabel, at: at(l.startDate) })),
    ...links.filter((l) => l.endDate).map((l) => ({ tenantId, linkId: l.id, kind: 'replaced', before: { endDate: null }, after: { endDate: l.endDate }, actorLabel, at: at(l.endDate!) })),
  ]);
}

/** The lycées the Région ordered fibre for on the contract: lot, speed, and the day the holder delivered (null while waiting). */
async function orderedSites(ctx: Ctx, tenantId: string, contractId: string): Promise<OrderedSites> {
  const rows = await ctx.db
    .select({ establishmentId: orderLines.establishmentId, code: orderLines.code, lotId: purchaseOrders.lotId, status: purchaseOrders.status, deliveredAt: min(deliveries.deliveredAt) })
    .from(orderLines)
    .innerJoin(purchaseOrders, and(eq(purchaseOrders.tenantId, orderLines.tenantId), eq(purchaseOrders.id, orderLines.orderId)))
    .leftJoin(deliveries, and(eq(deliveries.tenantId, purchaseOrders.tenantId), eq(deliveries.orderId, purchaseOrders.id)))
    .where(and(eq(orderLines.tenantId, tenantId), eq(purchaseOrders.contractId, contractId), eq(orderLines.recurrence, 'monthly')))
    .groupBy(orderLines.establishmentId, orderLines.code, purchaseOrders.lotId, purchaseOrders.status, purchaseOrders.id);
  const sites: OrderedSites = new Map();
  for (const r of rows) {
    const mbps = Number(/^FIB(\d+)-ABO$/.exec(r.code)?.[1]);
    if (!mbps || r.status === 'cancelled') continue;
    const deliveredOn = r.deliveredAt ? new Date(r.deliveredAt).toISOString().slice(0, 10) : null;
    // a lycée ordered twice: the link came with the first delivery
    const known = sites.get(r.establishmentId);
    if (!known || (deliveredOn && (!known.deliveredOn || deliveredOn < known.deliveredOn))) sites.set(r.establishmentId, { lotId: r.lotId, mbps, deliveredOn });
  }
  return sites;
}
