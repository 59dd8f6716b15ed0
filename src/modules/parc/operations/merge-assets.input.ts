import { z } from 'zod';
import { noteInput } from './update-asset.input.js';

/** POST /api/assets/merge; schema-only: the merge dialog validates with it. */
export const mergeAssetsInput = z.object({
  /** The device that stays (its id, school and status win). */
  keepId: z.uuid(),
  /** The duplicate absorbed into it: its history, software and empty-field values move over. */
  mergeId: z.uuid('Choisissez la fiche à fusionner avec celle-ci.'),
  reason: noteInput.optional(),
});
export type MergeAssetsInput = z.infer<typeof mergeAssetsInput>;
