import type { Db } from '../../../server/platform/db.js';
import { contracts, groupMembers, lots, priceItems, priceLists, purchasingGroups } from '../db/schema.js';
import { budgetLines } from './db/schema.js';

/** Test support: a notified framework contract of a purchasing group, its lots and price list, and budget lines. */
export interface OrderWorld {
  contractId: string;
  lot1: string;
  lot2: string;
  endedContractId: string;
  endedLot: string;
  items: { pc: string; fibre: string; setup: string; otherLot: string; ended: string };
  budget: { region: string; academy: string };
}

export async function orderWorld(
  db: Db,
  ids: { tenantId: string; regionOrg: string; academyOrg: string; holderOrg: string; members?: string[]; lotMaxCents?: number; budgetCents?: number },
): Promise<OrderWorld> {
  const tenantId = ids.tenantId;
  const members = [ids.regionOrg, ids.academyOrg, ...(ids.members ?? [])];
  const [group] = await db
    .insert(purchasingGroups)
    .values({ tenantId, name: `Groupement haut débit ${Math.random().toString(36).slice(2, 7)}`, coordinatorOrganizationId: ids.regionOrg, coordinatorSiret: '23590001900018', conventionTitle: 'Convention constitutive' })
    .returning();
  await db.insert(groupMembers).values(members.map((organizationId) => ({ tenantId, groupId: group.id, organizationId, projectLeadName: 'Chef de projet', admittedOn: '2025-01-01' })));
  const contract = async (reference: string, startsOn: string, durationMonths: number) => {
    const [c] = await db
      .insert(contracts)
      .values({
        tenantId,
        reference,
        object: 'Accès internet haut débit des sites',
        kind: 'framework-orders',
        procedure: 'appel-offres-ouvert',
        cpvCode: '72400000-4',
        buyerOrganizationId: ids.regionOrg,
        buyerSiret: '23590001900018',
        groupId: group.id,
        holders: [{ siret: '38012986646850', name: 'Titulaire Essai SAS' }],
        notifiedOn: startsOn,
        startsOn,
        durationMonths,
        estimateCents: 1_000_000_000,
        ccag: 'CCAG-TIC',
        priceForm: 'unitaire',
        status: 'notified',
      })
      .returning();
    return c.id;
  };
  const suffix = Math.random().toString(36).slice(2, 7).toUpperCase();
  const contractId = await contract(`HD-${suffix}`, '2026-01-01', 48);
  const endedContractId = await contract(`OLD-${suffix}`, '2020-01-01', 24);
  const lot = async (cId: string, number: number, maxAmountCents: number | null) => {
    const [l] = await db
      .insert(lots)
      .values({ tenantId, contractId: cId, number, title: `Zone ${number}`, holderName: 'Titulaire Essai SAS', holderSiret: '38012986646850', holderOrganizationId: ids.holderOrg, maxAmountCents })
      .returning();
    return l.id;
  };
  const lot1 = await lot(contractId, 1, ids.lotMaxCents ?? 10_000_000);
  const lot2 = await lot(contractId, 2, null);
  const endedLot = await lot(endedContractId, 1, null);
  const list = async (lotId: string, validFrom: string) => {
    const [pl] = await db.insert(priceLists).values({ tenantId, lotId, revision: 1, validFrom }).returning();
    return pl.id;
  };
  const item = async (lotId: string, priceListId: string, code: string, cents: number, recurrence: string, warrantyMonths: number | null) => {
    const [i] = await db
      .insert(priceItems)
      .values({ tenantId, priceListId, lotId, code, label: `Article ${code}`, unit: 'unité', unitPriceExclTaxCents: cents, vatRateBp: 2000, recurrence, warrantyMonths })
      .returning();
    return i.id;
  };
  const pl1 = await list(lot1, '2026-01-01');
  const pl2 = await list(lot2, '2026-01-01');
  const plOld = await list(endedLot, '2020-01-01');
  const items = {
    pc: await item(lot1, pl1, 'PC-FIXE', 80_000, 'one-off', 36),
    fibre: await item(lot1, pl1, 'FIBRE-10', 60_000, 'monthly', null),
    setup: await item(lot1, pl1, 'FAS-FIBRE', 0, 'one-off', null),
    otherLot: await item(lot2, pl2, 'CABLAGE', 10_000, 'one-off', null),
    ended: await item(endedLot, plOld, 'PC-ANCIEN', 70_000, 'one-off', 24),
  };
  const budget = async (member: string) => {
    const [b] = await db
      .insert(budgetLines)
      .values({ tenantId, memberOrganizationId: member, year: 2026, fundingSource: 'own-budget', label: `Budget propre 2026 ${suffix}`, ceilingCents: ids.budgetCents ?? 50_000_000 })
      .returning();
    return b.id;
  };
  return { contractId, lot1, lot2, endedContractId, endedLot, items, budget: { region: await budget(ids.regionOrg), academy: await budget(ids.academyOrg) } };
}
