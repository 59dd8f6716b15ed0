import { z } from 'zod';
import { campaignKinds } from '../campaign-kinds.input.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Date attendue (AAAA-MM-JJ).');

export const eligibilityInput = z.object({
  natureCodes: z.array(z.string().regex(/^[0-9]{3}$/, 'Code nature : 3 chiffres.')).max(50).default([]),
  unitIds: z.array(z.string().uuid()).max(200).default([]),
  establishmentIds: z.array(z.string().uuid()).max(5000, '5 000 établissements au plus.').default([]),
});

/** The establishments a campaign is open to, edited alone on its page, with the campaign's version read. */
export const updateEligibilityInput = eligibilityInput.extend({ version: z.number().int() });
export type UpdateEligibilityInput = z.infer<typeof updateEligibilityInput>;

/** The values the référentiel gives each computed criterion (candidature/scoring.ts): the keys of its points. */
export const gridSourceValues = {
  sector: ['public', 'private'],
  territory: ['REP+', 'REP', 'rural', 'urbain'],
  teaching: ['general', 'technologique', 'professionnel', 'agricole'],
} as const;

export const gridCriterionInput = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'Clé : lettres minuscules, chiffres et _.'),
    label: z.string().trim().min(1).max(200),
    weight: z.number().positive('Le poids doit être positif.').max(100),
    source: z.enum(['reviewer', 'sector', 'territory', 'teaching'], { error: 'Source inconnue : experts, public ou privé, territoire ou type d’enseignement.' }),
    max: z.number().positive().max(100),
    points: z.record(z.string(), z.number().min(0).max(100)).optional(),
  })
  .superRefine((c, ctx) => {
    // a value the référentiel never gives would silently score 0: refuse it while the grid is edited
    if (c.source === 'reviewer' || !c.points) return;
    const known: readonly string[] | undefined = gridSourceValues[c.source];
    if (!known) return;
    for (const value of Object.keys(c.points))
      if (!known.includes(value)) ctx.addIssue({ code: 'custom', path: ['points', value], message: `Valeur inconnue pour ce critère : ${value} (attendues : ${known.join(', ')}).` });
  });

/** Experts score each criterion by its key: two criteria with one key would share their scores. */
const gridInput = z
  .array(gridCriterionInput)
  .max(30)
  .superRefine((grid, ctx) => {
    const seen = new Set<string>();
    grid.forEach((c, i) => {
      if (seen.has(c.key)) ctx.addIssue({ code: 'custom', path: [i, 'key'], message: `La clé « ${c.key} » est déjà celle d’un autre critère.` });
      seen.add(c.key);
    });
  });

export const campaignFields = {
  title: z.string().trim().min(3, 'Un titre de 3 caractères au moins.').max(200),
  description: z.string().max(10_000).default(''),
  opensOn: day,
  /** The last day: the call closes at 23:59:59 Paris time that day. */
  closesOn: day,
  budgetCents: z.number().int().nonnegative('Le budget ne peut pas être négatif.').nullable().default(null),
  retentionMonths: z.number().int().min(1, 'Conservation : 1 mois au moins.').max(60, 'Conservation : 60 mois au plus.').default(12),
  eligibility: eligibilityInput.default({ natureCodes: [], unitIds: [], establishmentIds: [] }),
  grid: gridInput.default([]),
  partnerIds: z.array(z.string().uuid()).max(20).default([]),
};

export const createCampaignInput = z
  .object({
    code: z.string().regex(/^[a-z0-9][a-z0-9-]{1,59}$/, 'Code : lettres minuscules, chiffres et tirets (2 à 60).'),
    kind: z.enum(campaignKinds),
    ...campaignFields,
  })
  .refine((c) => c.closesOn >= c.opensOn, { path: ['closesOn'], message: 'La clôture ne peut pas précéder l’ouverture.' });
export type CreateCampaignInput = z.infer<typeof createCampaignInput>;

export const updateCampaignInput = z
  .object({ ...campaignFields, status: z.enum(['draft', 'published', 'archived']), version: z.number().int() })
  .refine((c) => c.closesOn >= c.opensOn, { path: ['closesOn'], message: 'La clôture ne peut pas précéder l’ouverture.' });
export type UpdateCampaignInput = z.infer<typeof updateCampaignInput>;

export const reopenCampaignInput = z.object({
  reason: z.string().trim().min(3, 'Indiquez pourquoi la campagne est rouverte.').max(2000),
  closesOn: day,
  version: z.number().int(),
});
export type ReopenCampaignInput = z.infer<typeof reopenCampaignInput>;
