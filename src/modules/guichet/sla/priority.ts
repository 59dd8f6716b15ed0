import { z } from 'zod';
import { impactLabels, priorityLabels, urgencyLabels } from '../../../shared/desk.js';

/**
 * Priority from urgency × impact, as in GLPI: each on five levels (1 very low … 5 very high),
 * a 5 × 5 matrix each authority may edit gives the priority 1 … 5, and "major" (6) is set by hand
 * for an incident that stops a school; the matrix never produces it.
 *
 * The matrix is stored as rows of urgency and columns of impact: `matrix[urgency - 1][impact - 1]`.
 */

export type Level = 1 | 2 | 3 | 4 | 5;
export type Priority = Level | 6;

export const MAJOR_PRIORITY = 6 as const;
export const priorities: readonly Priority[] = [1, 2, 3, 4, 5, 6];

export const levelSchema = z.literal([1, 2, 3, 4, 5], { error: 'La valeur doit être un entier de 1 à 5.' });
export const prioritySchema = z.literal([1, 2, 3, 4, 5, 6], { error: 'La priorité doit être un entier de 1 à 6.' });

const matrixRow = z.array(levelSchema).length(5, "Chaque ligne d'urgence doit avoir 5 niveaux d'impact.");
export const priorityMatrixSchema = z.array(matrixRow).length(5, "La matrice doit avoir 5 lignes d'urgence.");

export type PriorityMatrix = readonly (readonly Level[])[];

/** GLPI's default matrix: symmetric, 3 × 3 gives 3 (medium). */
export const defaultPriorityMatrix: PriorityMatrix = [
  // impact: 1  2  3  4  5
  [1, 1, 2, 2, 2], // urgency 1 (very low)
  [1, 2, 2, 3, 3], // urgency 2 (low)
  [2, 2, 3, 4, 4], // urgency 3 (medium)
  [2, 3, 4, 4, 5], // urgency 4 (high)
  [2, 3, 4, 5, 5], // urgency 5 (very high)
];

export interface PriorityInput {
  urgency: Level;
  impact: Level;
  /** An incident that stops a school: priority 6 whatever the matrix says. */
  major?: boolean;
}

export function computePriority(matrix: PriorityMatrix, input: PriorityInput): Priority {
  if (input.major) return MAJOR_PRIORITY;
  const urgency = levelSchema.parse(input.urgency);
  const impact = levelSchema.parse(input.impact);
  return matrix[urgency - 1][impact - 1];
}

/** Validates a matrix an authority edited (throws the ZodError, with the cell's path). */
export function parsePriorityMatrix(input: unknown): PriorityMatrix {
  return priorityMatrixSchema.parse(input);
}

// the labels are written once, in src/shared/desk.ts (the web's filters and forms show them too)

export const priorityLabel = (priority: Priority): string => priorityLabels[priority];
export const urgencyLabel = (urgency: Level): string => urgencyLabels[urgency];
export const impactLabel = (impact: Level): string => impactLabels[impact];
