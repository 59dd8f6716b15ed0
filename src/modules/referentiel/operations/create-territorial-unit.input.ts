import { z } from 'zod';
import { unitKinds } from '../../../shared/establishments.js';

/** What POST /api/units accepts; the web's unit form validates with it (zod and src/shared only). */
export const createTerritorialUnitInput = z.object({
  code: z.string().trim().min(1, 'Le code est obligatoire.').max(40, 'Au plus 40 caractères.'),
  name: z.string().trim().min(1, 'Le nom est obligatoire.').max(200, 'Au plus 200 caractères.'),
  kind: z.enum(unitKinds),
  parentId: z.uuid().nullable().optional(),
});
export type CreateTerritorialUnitInput = z.infer<typeof createTerritorialUnitInput>;
