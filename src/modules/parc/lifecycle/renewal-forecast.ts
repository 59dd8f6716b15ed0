/** Devices reaching their expected life, grouped by the database (lifecycle-sql.ts). */
export interface RenewalGroup {
  year: number;
  establishmentId: string | null;
  uai: string | null;
  establishmentName: string | null;
  assetClass: string;
  /** Devices whose renewal year is this one. */
  due: number;
  /** Devices already past their renewal year, counted in the first year of the forecast. */
  overdue: number;
}

export interface RenewalRow extends RenewalGroup {
  estimatedCost: number | null;
}

export interface RenewalYearTotal {
  year: number;
  due: number;
  overdue: number;
  estimatedCost: number;
  /** Devices of that year whose class has no known price, so no cost. */
  unpriced: number;
}

/**
 * The renewal forecast: for each year, establishment and class, the devices due (overdue ones in
 * the first year) and what replacing them would cost at the average purchase price of their class.
 */
export function renewalForecast(groups: RenewalGroup[], options: { from: number; years: number; averagePrice: Record<string, number | null> }) {
  const rows: RenewalRow[] = groups.map((g) => {
    const price = options.averagePrice[g.assetClass] ?? null;
    return { ...g, estimatedCost: price === null ? null : Math.round((g.due + g.overdue) * price) };
  });
  rows.sort((a, b) => a.year - b.year || (a.uai ?? '\uffff').localeCompare(b.uai ?? '\uffff') || a.assetClass.localeCompare(b.assetClass));
  const totals: RenewalYearTotal[] = [];
  for (let year = options.from; year < options.from + options.years; year++) {
    const ofYear = rows.filter((r) => r.year === year);
    totals.push({
      year,
      due: ofYear.reduce((n, r) => n + r.due, 0),
      overdue: ofYear.reduce((n, r) => n + r.overdue, 0),
      estimatedCost: ofYear.reduce((n, r) => n + (r.estimatedCost ?? 0), 0),
      unpriced: ofYear.filter((r) => r.estimatedCost === null).reduce((n, r) => n + r.due + r.overdue, 0),
    });
  }
  return { rows, totals };
}
