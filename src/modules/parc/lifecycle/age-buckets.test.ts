import { describe, expect, it } from 'vitest';
import { ageBucketOf, ageBuckets, unknownAgeBucket } from './age-buckets.js';

describe('age pyramid', () => {
  it('puts each age in one bar, bounds included on the left', () => {
    const label = (age: number | null) => ageBuckets.find((b) => b.index === ageBucketOf(age))!.label;
    expect(label(0)).toBe('moins d’1 an');
    expect(label(0.99)).toBe('moins d’1 an');
    expect(label(1)).toBe('1 à 2 ans');
    expect(label(5.5)).toBe('5 à 6 ans');
    expect(label(7.9)).toBe('6 à 8 ans');
    expect(label(10)).toBe('10 ans et plus');
    expect(label(23)).toBe('10 ans et plus');
    expect(ageBucketOf(null)).toBe(unknownAgeBucket);
  });

  it('has contiguous bars and one for unknown ages', () => {
    const known = ageBuckets.filter((b) => b.index !== unknownAgeBucket);
    for (let i = 1; i < known.length; i++) expect(known[i].minYears).toBe(known[i - 1].maxYears);
    expect(ageBuckets.at(-1)!.label).toBe('âge inconnu');
  });
});
