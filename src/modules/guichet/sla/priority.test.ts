import { describe, expect, it } from 'vitest';
import {
  computePriority,
  defaultPriorityMatrix,
  impactLabel,
  parsePriorityMatrix,
  priorityLabel,
  priorityMatrixSchema,
  urgencyLabel,
} from './priority.js';

describe('priority from urgency × impact', () => {
  it('uses the GLPI-like default: 3 × 3 is medium, the corners are very low and very high', () => {
    expect(computePriority(defaultPriorityMatrix, { urgency: 3, impact: 3 })).toBe(3);
    expect(computePriority(defaultPriorityMatrix, { urgency: 1, impact: 1 })).toBe(1);
    expect(computePriority(defaultPriorityMatrix, { urgency: 5, impact: 5 })).toBe(5);
    expect(computePriority(defaultPriorityMatrix, { urgency: 5, impact: 1 })).toBe(2);
    expect(computePriority(defaultPriorityMatrix, { urgency: 4, impact: 3 })).toBe(4);
  });

  it('reads rows as urgency and columns as impact', () => {
    const matrix = parsePriorityMatrix([
      [1, 1, 1, 1, 1],
      [2, 2, 2, 2, 2],
      [3, 3, 3, 3, 3],
      [4, 4, 4, 4, 4],
      [5, 5, 5, 5, 5],
    ]);
    expect(computePriority(matrix, { urgency: 4, impact: 1 })).toBe(4);
    expect(computePriority(matrix, { urgency: 1, impact: 4 })).toBe(1);
  });

  it('gives "major" (6) only when set explicitly for an incident that stops a school', () => {
    expect(computePriority(defaultPriorityMatrix, { urgency: 1, impact: 1, major: true })).toBe(6);
    for (const row of defaultPriorityMatrix) for (const cell of row) expect(cell).toBeLessThanOrEqual(5);
  });

  it('refuses urgency or impact outside 1..5', () => {
    expect(() => computePriority(defaultPriorityMatrix, { urgency: 0 as 1, impact: 3 })).toThrow();
    expect(() => computePriority(defaultPriorityMatrix, { urgency: 3, impact: 6 as 5 })).toThrow();
  });

  it('validates an edited matrix cell by cell, shape included', () => {
    const bad = defaultPriorityMatrix.map((row) => [...row]) as number[][];
    bad[2][4] = 6;
    const result = priorityMatrixSchema.safeParse(bad);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['2.4', 'La valeur doit être un entier de 1 à 5.'],
    ]);
    expect(priorityMatrixSchema.safeParse(defaultPriorityMatrix.slice(0, 4)).success).toBe(false);
    expect(priorityMatrixSchema.safeParse([[1, 2, 3, 4], ...defaultPriorityMatrix.slice(1)]).success).toBe(false);
    expect(priorityMatrixSchema.safeParse([[1, 2, 3, 4, 2.5], ...defaultPriorityMatrix.slice(1)]).success).toBe(false);
  });

  it('has French labels', () => {
    expect([1, 2, 3, 4, 5, 6].map((p) => priorityLabel(p as 1))).toEqual([
      'Très basse',
      'Basse',
      'Moyenne',
      'Haute',
      'Très haute',
      'Majeure',
    ]);
    expect(urgencyLabel(5)).toBe('Très haute');
    expect(impactLabel(1)).toBe('Très bas');
  });
});
