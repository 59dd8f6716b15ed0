import { z } from 'zod';

export const startDossierInput = z.object({
  /** The school applying; defaults to the actor's own when they have one. */
  establishmentId: z.string().uuid().optional(),
});
export type StartDossierInput = z.infer<typeof startDossierInput>;

export const answersInput = z.object({
  answers: z.record(z.string(), z.unknown()),
  version: z.number().int(),
});
export type AnswersInput = z.infer<typeof answersInput>;

export const versionInput = z.object({ version: z.number().int() });

export const decisionInput = z.object({
  decision: z.enum(['accepte', 'refuse', 'classe_sans_suite']),
  motivation: z.string().trim().max(5000).optional(),
  version: z.number().int(),
});
export type DecisionInput = z.infer<typeof decisionInput>;

export const correctionInput = z.object({
  reason: z.enum(['incorrect', 'incomplete', 'outdated'], { error: 'Motif : incorrect, incomplete ou outdated.' }),
  comment: z.string().trim().min(3, 'Expliquez au demandeur ce qu’il doit corriger.').max(5000),
  version: z.number().int(),
});
export type CorrectionInput = z.infer<typeof correctionInput>;

export const reopenDossierInput = z.object({
  reason: z.string().trim().min(3, 'Indiquez pourquoi vous rouvrez le dossier.').max(5000),
  version: z.number().int(),
});
