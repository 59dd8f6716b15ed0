import { z } from 'zod';
import { roomKindLabels, roomKinds } from '../../../shared/establishments.js';

export { roomKindLabels, roomKinds };

/** Schema-only (zod and src/shared): the web's building and room forms validate with these very schemas. */
const premisesName = z.string().trim().min(1, 'Le nom est obligatoire.').max(120, 'Au plus 120 caractères.');
export const buildingInput = z.object({ name: premisesName });
export const roomInput = z.object({
  buildingId: z.uuid(),
  name: premisesName,
  kind: z.enum(roomKinds),
  floor: z.string().trim().max(20, 'Au plus 20 caractères.').nullable().optional(),
});
export const versionInput = z.object({ version: z.coerce.number().int().min(1) });
