import { z } from 'zod';
import { priorityMatrixSchema } from '../../sla/priority.js';

export const validFromField = z.iso
  .datetime({ offset: true, message: 'Date et heure attendues au format ISO 8601 (exemple : 2026-09-01T00:00:00+02:00).' })
  .optional()
  .describe("Date d'effet de la nouvelle version : maintenant si absente, sinon un instant à venir");

export const publishPriorityMatrixInput = z.object({
  /** The latest version read (0 while the desk uses the built-in matrix). */
  version: z.number().int().min(0),
  /** matrix[urgency - 1][impact - 1] = priority 1 to 5. */
  matrix: priorityMatrixSchema,
  validFrom: validFromField,
});
export type PublishPriorityMatrixInput = z.output<typeof publishPriorityMatrixInput>;
