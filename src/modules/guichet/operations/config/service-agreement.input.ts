import { z } from 'zod';
import { slaTargetSchema } from '../../sla/agreement.js';
import { validFromField } from './priority-matrix.input.js';

const priorityKey = z.enum(['1', '2', '3', '4', '5', '6']);

export const agreementIdParam = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'Identifiant attendu en minuscules, chiffres et tirets (exemple : convention-2026).');

export const publishServiceAgreementInput = z.object({
  /** The latest version read, 0 for a new agreement. */
  version: z.number().int().min(0),
  label: z.string().trim().min(1, 'Le libellé est obligatoire.').max(200),
  pauseOnThirdParty: z.boolean().default(false),
  /** Targets for every priority (1 very low … 5 very high, 6 major), in business minutes. */
  targets: z.record(priorityKey, slaTargetSchema),
  /** Per-category overrides, priority by priority. */
  categories: z.record(z.string().trim().min(1).max(64), z.partialRecord(priorityKey, slaTargetSchema)).default({}),
  validFrom: validFromField,
});
export type PublishServiceAgreementInput = z.output<typeof publishServiceAgreementInput>;
