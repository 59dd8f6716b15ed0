import { z } from 'zod';

/** What an authority sets on a support team (teams have no member list: people reach a team through their units). */
export const supportTeamFields = z.object({
  name: z.string().trim().min(1, 'Le nom est obligatoire.').max(200),
  /** 0 on site, 1 sector technicians or hotline, 2 regional experts, 3 contractors and manufacturers. */
  level: z.number().int().min(0, 'Le niveau va de 0 à 3.').max(3, 'Le niveau va de 0 à 3.'),
  /** The tenant, the Académie or a contractor partner. */
  organizationId: z.uuid('Organisation invalide.'),
  /** Territorial units served; empty = the whole territory. */
  unitIds: z.array(z.uuid()).max(500).default([]),
  /** Categories served; empty = every category of its organization. */
  categories: z.array(z.string().trim().min(1).max(64)).max(100).default([]),
  /** Suppliers whose warranty the team honours (level 3). */
  warrantyHolders: z.array(z.string().trim().min(1).max(200)).max(50).default([]),
  /** The desk that qualifies tickets opened without a category. */
  triage: z.boolean().default(false),
});
export type SupportTeamFields = z.output<typeof supportTeamFields>;

export const createSupportTeamInput = supportTeamFields;

export const updateSupportTeamInput = supportTeamFields.partial().extend({
  version: z.number().int().min(1),
  /** false deactivates the team: routing skips it, past tickets keep its name. */
  active: z.boolean().optional(),
});
export type UpdateSupportTeamInput = z.output<typeof updateSupportTeamInput>;
