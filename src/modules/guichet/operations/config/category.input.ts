import { z } from 'zod';

/**
 * A ticket category: its scope (label), the organization responsible for it under the partners'
 * agreements (the Académie for pedagogical software), the team that takes it at each level when
 * no team of the school's units does, and its own agreement if not the desk's default one.
 */
export const categoryFields = z.object({
  label: z.string().trim().min(1, 'Le libellé est obligatoire.').max(200),
  responsibleOrganizationId: z.uuid('Organisation invalide.'),
  /** Level ("0" to "3") → team id. */
  defaultTeams: z.partialRecord(z.enum(['0', '1', '2', '3']), z.uuid()).default({}),
  /** Hardware failures: a device under warranty goes to its warranty holder. */
  hardware: z.boolean().default(false),
  agreementId: z.string().trim().min(1).max(100).nullable().default(null),
  sortOrder: z.number().int().min(0).max(10_000).default(0),
});

export const createCategoryInput = categoryFields.extend({
  key: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'Identifiant attendu en minuscules, chiffres et tirets (exemple : ressources-numeriques).'),
});
export type CreateCategoryInput = z.output<typeof createCategoryInput>;

export const updateCategoryInput = categoryFields.partial().extend({
  version: z.number().int().min(1),
  /** false deactivates the category: no new ticket takes it, old ones keep it. */
  active: z.boolean().optional(),
});
export type UpdateCategoryInput = z.output<typeof updateCategoryInput>;
