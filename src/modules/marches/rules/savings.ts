/**
 * The seed's « non-dépense »: what the authority did not spend against its estimate, once at the
 * award (estimate − awarded) and as orders go (estimate − ordered). Amounts in cents; null when
 * the estimate is unknown.
 */
export interface Savings {
  estimateCents: number | null;
  awardedCents: number | null;
  committedCents: number;
  consumedCents: number;
  maxCents: number | null;
  remainingCents: number | null;
  savingAtAwardCents: number | null;
  savingSoFarCents: number | null;
  /** Share of the ceiling ordered (committed + consumed), 0..1+; null without a ceiling. */
  ceilingUsed: number | null;
}

export function savingsOf(input: { estimateCents: number | null; awardedCents: number | null; maxCents: number | null; committedCents: number; consumedCents: number }): Savings {
  const ordered = input.committedCents + input.consumedCents;
  return {
    estimateCents: input.estimateCents,
    awardedCents: input.awardedCents,
    committedCents: input.committedCents,
    consumedCents: input.consumedCents,
    maxCents: input.maxCents,
    remainingCents: input.maxCents === null ? null : input.maxCents - ordered,
    savingAtAwardCents: input.estimateCents !== null && input.awardedCents !== null ? input.estimateCents - input.awardedCents : null,
    savingSoFarCents: input.estimateCents !== null ? input.estimateCents - ordered : null,
    ceilingUsed: input.maxCents ? ordered / input.maxCents : null,
  };
}

const sumOrNull = (values: (number | null)[]) => (values.some((v) => v === null) ? null : values.reduce<number>((s, v) => s + (v ?? 0), 0));

/** A contract's savings: its own estimate against the sum of its lots. */
export function contractSavings(estimateCents: number, lotsSavings: Savings[]): Savings {
  return savingsOf({
    estimateCents,
    awardedCents: lotsSavings.length ? sumOrNull(lotsSavings.map((l) => l.awardedCents)) : null,
    maxCents: lotsSavings.length ? sumOrNull(lotsSavings.map((l) => l.maxCents)) : null,
    committedCents: lotsSavings.reduce((s, l) => s + l.committedCents, 0),
    consumedCents: lotsSavings.reduce((s, l) => s + l.consumedCents, 0),
  });
}
