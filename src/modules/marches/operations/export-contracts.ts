import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { authorize } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { exportFormat, maxExportRows, type ExportSource } from '../../../server/platform/export.js';
import { contractKindLabels, contractStatusLabels, recurrenceLabels, type ContractKind, type ContractStatus, type Recurrence } from '../../../shared/marches.js';
import { contracts, lots, priceItems, priceLists } from '../db/schema.js';
import { contractFilters, contractOrder, contractWhere } from './find-contracts.js';

export const exportContractsInput = contractFilters.extend({ format: exportFormat, what: z.enum(['contracts', 'lots', 'price-lists']).default('contracts') });

const money = (cents: number | null) => (cents === null ? null : cents / 100);

/** Contracts, their lots or their price lists (every version), for the list's filters, as CSV or XLSX. */
export async function exportContracts(ctx: Ctx, input: z.infer<typeof exportContractsInput>): Promise<ExportSource<Record<string, string | number | null>>> {
  authorize(ctx.actor, 'contract.export');
  const rows = await ctx.db.select().from(contracts).where(contractWhere(ctx, input)).orderBy(...contractOrder(input)).limit(maxExportRows);
  const byId = new Map(rows.map((c) => [c.id, c]));
  if (input.what === 'contracts') {
    return {
      basename: 'marches', sheetName: 'Marchés',
      columns: [
        { header: 'Référence', value: (r) => r.reference }, { header: 'Objet', value: (r) => r.object }, { header: 'Thème', value: (r) => r.theme },
        { header: 'Type', value: (r) => r.kind }, { header: 'Code CPV', value: (r) => r.cpvCode }, { header: 'Notifié le', value: (r) => r.notifiedOn },
        { header: 'Durée (mois)', value: (r) => r.durationMonths }, { header: 'Estimation HT (€)', value: (r) => r.estimate }, { header: 'Statut', value: (r) => r.status },
      ],
      rows: rows.map((c) => ({ reference: c.reference, object: c.object, theme: c.theme, kind: contractKindLabels[c.kind as ContractKind], cpvCode: c.cpvCode, notifiedOn: c.notifiedOn, durationMonths: c.durationMonths, estimate: money(c.estimateCents), status: contractStatusLabels[c.status as ContractStatus] })),
    };
  }
  const t = ctx.actor.tenantId;
  const lotRows = rows.length ? await ctx.db.select().from(lots).where(and(eq(lots.tenantId, t), inArray(lots.contractId, [...byId.keys()]))).orderBy(asc(lots.contractId), asc(lots.number)) : [];
  if (input.what === 'lots') {
    return {
      basename: 'marches-lots', sheetName: 'Lots',
      columns: [
        { header: 'Marché', value: (r) => r.reference }, { header: 'Lot', value: (r) => r.number }, { header: 'Intitulé', value: (r) => r.title },
        { header: 'Titulaire', value: (r) => r.holder }, { header: 'SIRET', value: (r) => r.siret }, { header: 'Minimum HT (€)', value: (r) => r.min },
        { header: 'Maximum HT (€)', value: (r) => r.max }, { header: 'Estimation HT (€)', value: (r) => r.estimate }, { header: 'Attribué HT (€)', value: (r) => r.awarded },
      ],
      rows: lotRows.map((l) => ({ reference: byId.get(l.contractId)!.reference, number: l.number, title: l.title, holder: l.holderName, siret: l.holderSiret, min: money(l.minAmountCents), max: money(l.maxAmountCents), estimate: money(l.estimateCents), awarded: money(l.awardedCents) })),
    };
  }
  const lotById = new Map(lotRows.map((l) => [l.id, l]));
  const lists = lotRows.length ? await ctx.db.select().from(priceLists).where(and(eq(priceLists.tenantId, t), inArray(priceLists.lotId, [...lotById.keys()]))) : [];
  const listById = new Map(lists.map((l) => [l.id, l]));
  const items = lists.length ? await ctx.db.select().from(priceItems).where(and(eq(priceItems.tenantId, t), inArray(priceItems.priceListId, [...listById.keys()]))).orderBy(asc(priceItems.lotId), asc(priceItems.priceListId), asc(priceItems.code)).limit(maxExportRows) : [];
  return {
    basename: 'marches-bordereaux', sheetName: 'Bordereaux de prix',
    columns: [
      { header: 'Marché', value: (r) => r.reference }, { header: 'Lot', value: (r) => r.lot }, { header: 'Version', value: (r) => r.revision }, { header: 'En vigueur le', value: (r) => r.validFrom },
      { header: 'Code', value: (r) => r.code }, { header: 'Libellé', value: (r) => r.label }, { header: 'Unité', value: (r) => r.unit }, { header: 'Prix unitaire HT (€)', value: (r) => r.price },
      { header: 'TVA (%)', value: (r) => r.vat }, { header: 'Récurrence', value: (r) => r.recurrence }, { header: 'Garantie (mois)', value: (r) => r.warranty }, { header: 'Code CPV', value: (r) => r.cpv },
    ],
    rows: items.map((i) => {
      const lot = lotById.get(i.lotId)!;
      const list = listById.get(i.priceListId)!;
      return { reference: byId.get(lot.contractId)!.reference, lot: lot.number, revision: list.revision, validFrom: list.validFrom, code: i.code, label: i.label, unit: i.unit, price: money(i.unitPriceExclTaxCents), vat: i.vatRateBp / 100, recurrence: recurrenceLabels[i.recurrence as Recurrence], warranty: i.warrantyMonths, cpv: i.cpvCode ?? byId.get(lot.contractId)!.cpvCode };
    }),
  };
}
