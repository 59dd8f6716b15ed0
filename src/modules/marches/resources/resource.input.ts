import { z } from 'zod';

/* What the resource routes accept, in a file the web's forms import too (zod only). */
export const schoolLevels = ['6e', '5e', '4e', '3e', '2de', '1re', 'Tle', 'CAP', 'BTS'] as const;
const level = z.enum(schoolLevels, { message: 'Niveau inconnu (6e à Tle, CAP, BTS).' });
const cents = z.number().int('Un montant entier en centimes.').min(0, 'Un montant positif.').max(100_000_000, 'Au plus 1 000 000 €.');
const day = z.iso.date({ message: 'Une date au format AAAA-MM-JJ.' });

export const createTitleInput = z
  .object({
    contractId: z.uuid('Marché inconnu.'),
    lotId: z.uuid('Lot inconnu.'),
    title: z.string().trim().min(1, 'Indiquez le titre.').max(300),
    publisher: z.string().trim().min(1, 'Indiquez l’éditeur.').max(200),
    levels: z.array(level).min(1, 'Au moins un niveau.').max(schoolLevels.length),
    throughGar: z.boolean(),
    digital: z.boolean(),
    /** The price item licences are ordered on (a digital title); its price in force is the licence's. */
    priceItemId: z.uuid('Article inconnu.').optional(),
    /** The paper price when the title has no digital version (no price item). */
    pricePerLicenceCents: cents.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.digital && !v.priceItemId) ctx.addIssue({ code: 'custom', path: ['priceItemId'], message: 'Un titre numérique se commande sur un article du bordereau.' });
    if (!v.digital && v.pricePerLicenceCents === undefined) ctx.addIssue({ code: 'custom', path: ['pricePerLicenceCents'], message: 'Indiquez le prix du titre papier.' });
  });
export type CreateTitleInput = z.infer<typeof createTitleInput>;

export const findTitlesInput = z.object({ contractId: z.uuid('Marché inconnu.').optional() });

export const setChoiceInput = z.object({
  titleId: z.uuid('Titre inconnu.'),
  uai: z.string().trim().min(1, 'Indiquez l’établissement (UAI).').max(20),
  level,
  /** 0 withdraws the choice. */
  quantity: z.number().int('Une quantité entière.').min(0, 'Une quantité positive.').max(100_000, 'Au plus 100 000 licences.'),
});
export type SetChoiceInput = z.infer<typeof setChoiceInput>;

export const findChoicesInput = z.object({
  contractId: z.uuid('Marché inconnu.').optional(),
  uai: z.string().trim().max(20).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});

export const consolidateInput = z.object({
  contractId: z.uuid('Marché inconnu.'),
  /** The budget line charged (by default the authority's line of the year with the most left). */
  budgetLineId: z.uuid().optional(),
});

export const licencesInput = z.object({ contractId: z.uuid('Marché inconnu.') });

/** A school's head count for one level of a resources contract (0 withdraws it). */
export const setHeadcountInput = z.object({
  contractId: z.uuid('Marché inconnu.'),
  uai: z.string().trim().min(1, 'Indiquez l’établissement (UAI).').max(20),
  level,
  pupils: z.number().int('Un effectif entier.').min(0, 'Un effectif positif.').max(10_000, 'Au plus 10 000 élèves par niveau.'),
});
export type SetHeadcountInput = z.infer<typeof setHeadcountInput>;

export const recordEntSiteInput = z.object({
  contractId: z.uuid('Marché inconnu.'),
  uai: z.string().trim().min(1, 'Indiquez l’établissement (UAI).').max(20),
  wave: z.number().int('Une vague entière.').min(1, 'Vague 1 au moins.').max(50),
  openingDate: day,
  launchCostCents: cents,
  yearlyCostCents: cents,
});
export type RecordEntSiteInput = z.infer<typeof recordEntSiteInput>;

export const entSitesInput = z.object({ contractId: z.uuid('Marché inconnu.') });
