import { z } from 'zod';
import type { Actor } from '../../../server/platform/authz.js';
import { canManageFor } from '../contract-access.js';
import type { ContractRow } from '../contract-store.js';
import type { ContractDetail } from '../operations/get-contract.js';
import type { Savings } from '../rules/savings.js';

export const contractSummarySchema = z.object({
  id: z.string(),
  reference: z.string(),
  object: z.string(),
  theme: z.string(),
  kind: z.string(),
  procedure: z.string(),
  cpvCode: z.string(),
  groupId: z.string().nullable(),
  notifiedOn: z.string().nullable(),
  startsOn: z.string().nullable(),
  durationMonths: z.number(),
  renewals: z.object({ count: z.number(), months: z.number() }),
  area: z.object({ unitIds: z.array(z.string()), departements: z.array(z.string()), formerRegions: z.array(z.string()) }),
  estimateCents: z.number(),
  status: z.string(),
  version: z.number(),
});

export function presentContractSummary(c: ContractRow): z.infer<typeof contractSummarySchema> {
  return {
    id: c.id, reference: c.reference, object: c.object, theme: c.theme, kind: c.kind, procedure: c.procedure, cpvCode: c.cpvCode, groupId: c.groupId,
    notifiedOn: c.notifiedOn, startsOn: c.startsOn, durationMonths: c.durationMonths, renewals: c.renewals, area: c.area, estimateCents: c.estimateCents, status: c.status, version: c.version,
  };
}

const savingsSchema = z.object({
  estimateCents: z.number().nullable(),
  awardedCents: z.number().nullable(),
  committedCents: z.number(),
  consumedCents: z.number(),
  maxCents: z.number().nullable(),
  remainingCents: z.number().nullable(),
  savingAtAwardCents: z.number().nullable(),
  savingSoFarCents: z.number().nullable(),
  ceilingUsed: z.number().nullable(),
});
const presentSavings = (s: Savings) => ({ ...s });

const priceItemSchema = z.object({
  id: z.string(),
  code: z.string(),
  label: z.string(),
  unit: z.string(),
  unitPriceExclTaxCents: z.number(),
  vatRateBp: z.number(),
  recurrence: z.enum(['one-off', 'monthly']),
  warrantyMonths: z.number().nullable(),
  /** The item's CPV 2008 code when it has its own (else the contract's applies). */
  cpvCode: z.string().nullable(),
});

export const lotSchema = z.object({
  id: z.string(),
  number: z.number(),
  title: z.string(),
  holderSiret: z.string().nullable(),
  holderName: z.string().nullable(),
  holderOrganizationId: z.string().nullable(),
  durationMonths: z.number().nullable(),
  minAmountCents: z.number().nullable(),
  maxExclTaxCents: z.number().nullable(),
  minQuantity: z.number().nullable(),
  maxQuantity: z.number().nullable(),
  remainingExclTaxCents: z.number().nullable(),
  savings: savingsSchema,
  /** The price list in force today. */
  priceItems: z.array(priceItemSchema),
  priceLists: z.array(z.object({ id: z.string(), revision: z.number(), validFrom: z.string(), note: z.string(), items: z.array(priceItemSchema) })),
  version: z.number(),
});

export const contractDetailSchema = contractSummarySchema.extend({
  parentId: z.string().nullable(),
  buyerOrganizationId: z.string(),
  buyerName: z.string(),
  buyerSiret: z.string(),
  groupName: z.string().nullable(),
  holders: z.array(z.object({ siret: z.string(), name: z.string() })),
  endsOn: z.string().nullable(),
  ccag: z.string(),
  priceForm: z.string(),
  documents: z.array(z.object({ name: z.string(), url: z.string().optional(), uploadId: z.string().optional() })),
  lots: z.array(lotSchema),
  amendments: z.array(
    z.object({
      id: z.string(),
      number: z.number(),
      signedOn: z.string(),
      object: z.string(),
      changes: z.array(z.object({ field: z.string(), lotId: z.string().optional(), before: z.union([z.string(), z.number(), z.null()]).optional(), after: z.union([z.string(), z.number(), z.null()]) })),
      amountDeltaCents: z.number().nullable(),
      publishedAt: z.string(),
    }),
  ),
  savings: savingsSchema,
  /** Today's alerts: a lot at 80 % or 100 % of its maximum, the end within three months. */
  alerts: z.array(z.object({ kind: z.enum(['ceiling-80', 'ceiling-100', 'end-3-months']), lotId: z.string().nullable(), message: z.string() })),
  can: z.object({ manage: z.boolean() }),
});

const item = (i: z.infer<typeof priceItemSchema>) => ({ id: i.id, code: i.code, label: i.label, unit: i.unit, unitPriceExclTaxCents: i.unitPriceExclTaxCents, vatRateBp: i.vatRateBp, recurrence: i.recurrence, warrantyMonths: i.warrantyMonths, cpvCode: i.cpvCode ?? null });

export function presentContractDetail(d: ContractDetail, actor: Actor): z.infer<typeof contractDetailSchema> {
  const c = d.contract;
  return {
    ...presentContractSummary(c),
    parentId: c.parentId, buyerOrganizationId: c.buyerOrganizationId, buyerName: d.buyerName, buyerSiret: c.buyerSiret, groupName: d.groupName, holders: c.holders,
    endsOn: d.endsOn, ccag: c.ccag, priceForm: c.priceForm, documents: c.documents,
    lots: d.lots.map((l) => ({
      id: l.lot.id, number: l.lot.number, title: l.lot.title, holderSiret: l.lot.holderSiret, holderName: l.lot.holderName, holderOrganizationId: l.lot.holderOrganizationId,
      durationMonths: l.lot.durationMonths, minAmountCents: l.lot.minAmountCents, maxExclTaxCents: l.lot.maxAmountCents, minQuantity: l.lot.minQuantity, maxQuantity: l.lot.maxQuantity,
      remainingExclTaxCents: l.savings.remainingCents, savings: presentSavings(l.savings),
      priceItems: l.priceItemsInForce.map(item),
      priceLists: l.priceLists.map((p) => ({ id: p.id, revision: p.revision, validFrom: p.validFrom, note: p.note, items: p.items.map((i) => item(i as z.infer<typeof priceItemSchema>)) })),
      version: l.lot.version,
    })),
    amendments: d.amendments.map((a) => ({ id: a.id, number: a.number, signedOn: a.signedOn, object: a.object, changes: a.changes, amountDeltaCents: a.amountDeltaCents, publishedAt: a.publishedAt.toISOString() })),
    savings: presentSavings(d.savings),
    alerts: d.alerts,
    can: { manage: canManageFor(actor, c.buyerOrganizationId) },
  };
}
