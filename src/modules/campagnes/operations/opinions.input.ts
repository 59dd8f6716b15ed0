import { z } from 'zod';

/*
 * Asking experts for their opinion, in a browser-safe file: the file's page and the bulk action
 * of the instructors' list validate their forms with this very schema.
 */
export const maxExpertsAsked = 20;

export const requestOpinionsInput = z.object({
  expertUserIds: z.array(z.string().uuid('Personne inconnue.')).min(1, 'Choisissez au moins un expert.').max(maxExpertsAsked, `${maxExpertsAsked} experts au plus.`),
  question: z.string().trim().max(2000, '2 000 caractères au plus.').default(''),
});
export type RequestOpinionsInput = z.infer<typeof requestOpinionsInput>;
