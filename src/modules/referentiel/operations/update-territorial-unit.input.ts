import { z } from 'zod';

/** What PATCH /api/units/{id} accepts; the web's rename form validates with it (zod only). */
export const updateTerritorialUnitInput = z.object({
  version: z.number().int().min(1),
  name: z.string().trim().min(1, 'Le nom est obligatoire.').max(200, 'Au plus 200 caractères.'),
});
export type UpdateTerritorialUnitInput = z.infer<typeof updateTerritorialUnitInput>;
