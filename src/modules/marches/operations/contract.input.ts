import { z } from 'zod';
import { ccags, contractKinds, contractStatuses, priceForms, procedures, recurrences } from '../../../shared/marches.js';
import { isValidCpv, isValidSiret } from '../rules/identifiers.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Date attendue au format AAAA-MM-JJ.');
export const siret = z.string().trim().refine(isValidSiret, 'SIRET invalide : 14 chiffres dont la clé de contrôle (Luhn).');
export const cpvCode = z.string().trim().refine(isValidCpv, 'Code CPV invalide : huit chiffres, un tiret et le chiffre de contrôle (NNNNNNNN-N).');
const cents = z.number().int().min(0).max(1e14);

const documentRef = z.object({ name: z.string().trim().min(1).max(300), url: z.url().max(2000).optional(), uploadId: z.string().max(100).optional() });

export const contractFields = z.object({
  reference: z.string().trim().min(1).max(60),
  object: z.string().trim().min(3).max(1000),
  theme: z.string().trim().max(100).default(''),
  kind: z.enum(contractKinds),
  parentId: z.uuid().nullable().default(null),
  procedure: z.enum(procedures),
  cpvCode,
  buyerOrganizationId: z.uuid(),
  buyerSiret: siret,
  groupId: z.uuid().nullable().default(null),
  holders: z.array(z.object({ siret, name: z.string().trim().min(1).max(200) })).max(50).default([]),
  notifiedOn: day.nullable().default(null),
  startsOn: day.nullable().default(null),
  durationMonths: z.number().int().min(1).max(240),
  renewals: z.object({ count: z.number().int().min(0).max(10), months: z.number().int().min(0).max(120) }).default({ count: 0, months: 0 }),
  area: z
    .object({
      unitIds: z.array(z.uuid()).max(200).default([]),
      departements: z.array(z.string().regex(/^(\d{2,3}|2A|2B)$/, 'Code de département invalide.')).max(120).default([]),
      formerRegions: z.array(z.string().trim().min(1).max(60)).max(30).default([]),
    })
    .default({ unitIds: [], departements: [], formerRegions: [] }),
  estimateCents: cents,
  ccag: z.enum(ccags),
  priceForm: z.enum(priceForms),
  documents: z.array(documentRef).max(100).default([]),
  status: z.enum(contractStatuses).default('draft'),
});
export type ContractFields = z.infer<typeof contractFields>;

export const lotFields = z.object({
  number: z.number().int().min(1).max(999),
  title: z.string().trim().min(1).max(300),
  holderSiret: siret.nullable().default(null),
  holderName: z.string().trim().max(200).nullable().default(null),
  holderOrganizationId: z.uuid().nullable().default(null),
  durationMonths: z.number().int().min(1).max(240).nullable().default(null),
  estimateCents: cents.nullable().default(null),
  awardedCents: cents.nullable().default(null),
  minAmountCents: cents.nullable().default(null),
  maxAmountCents: cents.nullable().default(null),
  minQuantity: z.number().int().min(0).nullable().default(null),
  maxQuantity: z.number().int().min(0).nullable().default(null),
});
export type LotFields = z.infer<typeof lotFields>;

/** A contract with its lots, as the web's form sends it too. */
export const createContractInput = contractFields.extend({ lots: z.array(lotFields).max(200).default([]) });

export const priceItemFields = z.object({
  code: z.string().trim().min(1).max(40),
  label: z.string().trim().min(1).max(300),
  unit: z.string().trim().min(1).max(40),
  unitPriceExclTaxCents: cents,
  vatRateBp: z.number().int().min(0).max(10000).default(2000),
  recurrence: z.enum(recurrences),
  warrantyMonths: z.number().int().min(0).max(240).nullable().default(null),
  /** The item's CPV 2008 code (checked against the official list), for a lot whose items are of several kinds. */
  cpvCode: cpvCode.nullable().default(null),
});

export const priceListInput = z.object({
  validFrom: day,
  note: z.string().trim().max(500).default(''),
  items: z.array(priceItemFields).min(1, 'Le bordereau doit compter au moins un prix.').max(2000),
});
export type PriceListInput = z.infer<typeof priceListInput>;

export const amendmentInput = z.object({
  signedOn: day,
  object: z.string().trim().min(3).max(1000),
  /** New maximum of lots (cents), new duration of the contract, each optional. */
  lotCeilings: z.array(z.object({ lotId: z.uuid(), maxAmountCents: cents })).max(100).default([]),
  durationMonths: z.number().int().min(1).max(240).optional(),
  amountDeltaCents: z.number().int().min(-1e14).max(1e14).nullable().default(null),
});
export type AmendmentInput = z.infer<typeof amendmentInput>;

export const contractIdParams = z.object({ id: z.uuid() });
export const lotIdParams = z.object({ id: z.uuid() });

/** The fields of an object schema, all optional and without their defaults: an update sends only what it changes. */
export function changesOf<S extends z.ZodRawShape>(schema: z.ZodObject<S>) {
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([key, field]) => [key, (field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : (field as z.ZodType)).optional()]),
  );
  return z.object(shape) as unknown as z.ZodObject<{ [K in keyof S]: z.ZodOptional<S[K] extends z.ZodDefault<infer I> ? I : S[K]> }>;
}
