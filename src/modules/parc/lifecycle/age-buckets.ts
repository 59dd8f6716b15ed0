/**
 * The age pyramid's bars, in years: [0, 1), [1, 2) … [6, 8), [8, 10), 10 and more, then unknown.
 * The SQL that counts devices per bar is built from the same bounds (lifecycle-sql.ts).
 */
export const ageBucketBounds = [0, 1, 2, 3, 4, 5, 6, 8, 10] as const;

export interface AgeBucket {
  index: number;
  minYears: number | null;
  /** Exclusive; null for the last bar and for unknown. */
  maxYears: number | null;
  label: string;
}

export const unknownAgeBucket = -1;

export const ageBuckets: AgeBucket[] = [
  ...ageBucketBounds.map((min, index) => {
    const max = ageBucketBounds[index + 1] ?? null;
    const label = max === null ? `${min} ans et plus` : min === 0 ? `moins d’${max} an` : `${min} à ${max} ans`;
    return { index, minYears: min, maxYears: max, label };
  }),
  { index: unknownAgeBucket, minYears: null, maxYears: null, label: 'âge inconnu' },
];

export function ageBucketOf(ageYears: number | null): number {
  if (ageYears === null) return unknownAgeBucket;
  let bucket = 0;
  for (let i = 0; i < ageBucketBounds.length; i++) if (ageYears >= ageBucketBounds[i]) bucket = i;
  return bucket;
}
