import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../../server/platform/context.js';
import { termEnd, totalMonths } from '../ceilings.js';
import { contractScopeWhere, marchesScope } from '../contract-access.js';
import { loadContract, organizationNames, type ContractRow, type LotRow } from '../contract-store.js';
import { amendments, contracts, lots, priceItems, priceLists, purchasingGroups } from '../db/schema.js';
import { lotSpending } from '../lot-spending.js';
import { priceItemsInForce, type PriceItemInForce } from '../price-lists.js';
import { ceilingAlerts, endsWithinThreeMonths, euros, type AlertKind } from '../rules/ceilings.js';
import { contractSavings, savingsOf, type Savings } from '../rules/savings.js';

export interface PriceListVersion {
  id: string;
  revision: number;
  validFrom: string;
  note: string;
  items: (typeof priceItems.$inferSelect)[];
}

export interface LotDetail {
  lot: LotRow;
  savings: Savings;
  priceItemsInForce: PriceItemInForce[];
  priceLists: PriceListVersion[];
}

export interface ContractDetail {
  contract: ContractRow;
  endsOn: string | null;
  groupName: string | null;
  buyerName: string;
  lots: LotDetail[];
  amendments: (typeof amendments.$inferSelect)[];
  savings: Savings;
  /** What the daily watch warns about, as of today: lots at 80 % or 100 % of their maximum, an end within three months. */
  alerts: ContractAlert[];
}

export interface ContractAlert {
  kind: AlertKind;
  lotId: string | null;
  message: string;
}

/** The alerts of a contract today (the same rules as the daily job's notifications). */
function alertsOf(lotDetails: LotDetail[], endsOn: string | null, today: string, status: string): ContractAlert[] {
  const alerts: ContractAlert[] = [];
  for (const { lot, savings } of lotDetails) {
    const ordered = savings.committedCents + savings.consumedCents;
    const reached = ceilingAlerts(lot.maxAmountCents, ordered).at(-1);
    if (reached) alerts.push({ kind: reached, lotId: lot.id, message: `Lot ${lot.number} : ${reached === 'ceiling-100' ? '100 %' : '80 %'} du maximum atteint (${euros(ordered)} commandés sur ${euros(lot.maxAmountCents!)}).` });
  }
  if (status === 'notified' && endsWithinThreeMonths(endsOn, today)) alerts.push({ kind: 'end-3-months', lotId: null, message: `Le marché prend fin le ${endsOn!.split('-').reverse().join('/')}, dans moins de trois mois : préparez son renouvellement.` });
  return alerts;
}

/** The lots of a contract the actor reaches: a holder sees its own lots only. */
async function visibleLots(ctx: Ctx, contract: ContractRow): Promise<LotRow[]> {
  const all = await ctx.db.select().from(lots).where(and(eq(lots.tenantId, contract.tenantId), eq(lots.contractId, contract.id))).orderBy(asc(lots.number));
  const scope = marchesScope(ctx.actor!, 'contract.read');
  if (scope.all) return all;
  const [reachedAsPartner] = scope.organizationIds.length
    ? await ctx.db.select({ id: contracts.id }).from(contracts).where(and(eq(contracts.id, contract.id), contractScopeWhere(contract.tenantId, { ...scope, holderOrganizationIds: [] })))
    : [];
  if (reachedAsPartner) return all;
  return all.filter((l) => l.holderOrganizationId && scope.holderOrganizationIds.includes(l.holderOrganizationId));
}

export async function getContract(ctx: Ctx, id: string): Promise<ContractDetail> {
  const contract = await loadContract(ctx, id);
  const t = contract.tenantId;
  const lotRows = await visibleLots(ctx, contract);
  const lotIds = lotRows.map((l) => l.id);
  const today = ctx.now().toISOString().slice(0, 10);
  const [spending, lists, items, amendmentRows, names] = await Promise.all([
    lotSpending(ctx.db, t, lotIds),
    lotIds.length ? ctx.db.select().from(priceLists).where(and(eq(priceLists.tenantId, t), inArray(priceLists.lotId, lotIds))).orderBy(asc(priceLists.revision)) : [],
    lotIds.length ? ctx.db.select().from(priceItems).where(and(eq(priceItems.tenantId, t), inArray(priceItems.lotId, lotIds))).orderBy(asc(priceItems.code)) : [],
    ctx.db.select().from(amendments).where(and(eq(amendments.tenantId, t), eq(amendments.contractId, contract.id))).orderBy(asc(amendments.number)),
    organizationNames(ctx.db, [contract.buyerOrganizationId]),
  ]);
  const [group] = contract.groupId ? await ctx.db.select({ name: purchasingGroups.name }).from(purchasingGroups).where(and(eq(purchasingGroups.tenantId, t), eq(purchasingGroups.id, contract.groupId))) : [];
  const lotDetails: LotDetail[] = [];
  for (const lot of lotRows) {
    const spent = spending.get(lot.id)!;
    lotDetails.push({
      lot,
      savings: savingsOf({ estimateCents: lot.estimateCents, awardedCents: lot.awardedCents, maxCents: lot.maxAmountCents, ...spent }),
      priceItemsInForce: await priceItemsInForce(ctx.db, t, lot.id, today),
      priceLists: lists.filter((l) => l.lotId === lot.id).map((l) => ({ id: l.id, revision: l.revision, validFrom: l.validFrom, note: l.note, items: items.filter((i) => i.priceListId === l.id) })),
    });
  }
  const endsOn = contract.startsOn ? termEnd(contract.startsOn, totalMonths(contract.durationMonths, contract.renewals)) : null;
  return {
    contract,
    endsOn,
    alerts: alertsOf(lotDetails, endsOn, today, contract.status),
    groupName: group?.name ?? null,
    buyerName: names.get(contract.buyerOrganizationId) ?? '',
    lots: lotDetails,
    amendments: amendmentRows,
    savings: contractSavings(contract.estimateCents, lotDetails.map((l) => l.savings)),
  };
}
