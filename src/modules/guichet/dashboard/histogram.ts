/**
 * Statistics of a duration from its histogram (value → how many tickets), as PostgreSQL returns
 * it grouped: the database never ships one row per ticket. Percentiles interpolate like
 * percentile_cont, so a median of 60 and 120 minutes is 90.
 */

export interface Bin {
  value: number;
  count: number;
}

export interface DurationStats {
  count: number;
  median: number | null;
  p90: number | null;
  mean: number | null;
}

/** The value at 0-based rank `rank` of the sorted values the bins stand for. */
function valueAtRank(sorted: Bin[], rank: number): number {
  let seen = 0;
  for (const bin of sorted) {
    seen += bin.count;
    if (rank < seen) return bin.value;
  }
  return sorted[sorted.length - 1].value;
}

export function percentile(sorted: Bin[], total: number, p: number): number {
  const h = (total - 1) * p;
  const lower = valueAtRank(sorted, Math.floor(h));
  const upper = valueAtRank(sorted, Math.ceil(h));
  return lower + (upper - lower) * (h - Math.floor(h));
}

export function durationStats(bins: Bin[]): DurationStats {
  const sorted = bins.filter((b) => b.count > 0).sort((a, b) => a.value - b.value);
  const count = sorted.reduce((n, b) => n + b.count, 0);
  if (count === 0) return { count: 0, median: null, p90: null, mean: null };
  const sum = sorted.reduce((s, b) => s + b.value * b.count, 0);
  return { count, median: percentile(sorted, count, 0.5), p90: percentile(sorted, count, 0.9), mean: sum / count };
}

/** Business minutes as hours with two decimals (the dashboard speaks in business hours). */
export const toHours = (minutes: number | null): number | null => (minutes === null ? null : Math.round((minutes / 60) * 100) / 100);
