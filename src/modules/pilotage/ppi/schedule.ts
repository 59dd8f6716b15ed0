/** An operation to place: its cost and priority (higher first); a school's works stay together in order. */
export interface Schedulable {
  key: string;
  establishmentId: string;
  costCents: number;
  priority: number;
}

/**
 * Places operations, highest priority first, each in the earliest year whose ceiling still holds
 * it; what no year holds stays unscheduled (null), so no year ever goes over its ceiling.
 */
export function scheduleOperations(operations: readonly Schedulable[], startYear: number, ceilingsCents: readonly number[]): Map<string, number | null> {
  const left = [...ceilingsCents];
  const placed = new Map<string, number | null>();
  const ordered = [...operations].sort((a, b) => b.priority - a.priority || a.establishmentId.localeCompare(b.establishmentId) || a.key.localeCompare(b.key));
  for (const op of ordered) {
    const index = left.findIndex((room) => room >= op.costCents);
    if (index < 0) placed.set(op.key, null);
    else {
      left[index] -= op.costCents;
      placed.set(op.key, startYear + index);
    }
  }
  return placed;
}

/** The years whose scheduled total exceeds their ceiling (an edited plan is checked with it). */
export function yearsOverCeiling(operations: readonly { year: number | null; costCents: number }[], startYear: number, ceilingsCents: readonly number[]): number[] {
  const totals = new Map<number, number>();
  for (const op of operations) if (op.year !== null) totals.set(op.year, (totals.get(op.year) ?? 0) + op.costCents);
  return [...totals].filter(([year, total]) => total > (ceilingsCents[year - startYear] ?? 0)).map(([year]) => year).sort();
}

/** Splits an amount by percentages into whole cents that add up exactly (the remainder to the first). */
export function splitCents(amountCents: number, percents: readonly number[]): number[] {
  const parts = percents.map((p) => Math.floor((amountCents * p) / 100));
  parts[0] += amountCents - parts.reduce((a, b) => a + b, 0);
  return parts;
}
