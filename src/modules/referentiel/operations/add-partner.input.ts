import { z } from 'zod';
import { organizationKinds } from '../../../shared/establishments.js';

/** What POST /api/organizations accepts; the web's partner form validates with it (zod and src/shared only). */
export const addPartnerInput = z.object({
  code: z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'Code en minuscules, chiffres et tirets.'),
  kind: z.enum(organizationKinds).optional(),
  name: z.string().trim().min(2, 'Au moins 2 caractères.').max(200, 'Au plus 200 caractères.').optional(),
  academyCode: z.string().regex(/^[0-9]{2}$/, 'Code d’académie sur 2 chiffres.').nullable().optional(),
});
export type AddPartnerInput = z.infer<typeof addPartnerInput>;
