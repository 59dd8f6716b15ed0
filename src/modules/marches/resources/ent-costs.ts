/** A site of the ENT as its yearly cost needs it. */
export interface EntSiteCost {
  openingDate: string;
  launchCostCents: number;
  yearlyCostCents: number;
}

export interface EntYear {
  year: number;
  sitesOpen: number;
  sitesOpening: number;
  launchCents: number;
  runningCents: number;
  totalCents: number;
}

/**
 * What the ENT costs each calendar year from its first opening to `lastYear`: a site's launch
 * cost in its opening year (it covers that first year, as the seed's 4,950 EUR does), then its
 * yearly cost every following year.
 */
export function entYearlyTotals(sites: EntSiteCost[], lastYear?: number): EntYear[] {
  if (!sites.length) return [];
  const openingYear = (s: EntSiteCost) => Number(s.openingDate.slice(0, 4));
  const first = Math.min(...sites.map(openingYear));
  const last = Math.max(lastYear ?? first, ...sites.map(openingYear));
  const years: EntYear[] = [];
  for (let year = first; year <= last; year++) {
    const opening = sites.filter((s) => openingYear(s) === year);
    const running = sites.filter((s) => openingYear(s) < year);
    const launchCents = opening.reduce((t, s) => t + s.launchCostCents, 0);
    const runningCents = running.reduce((t, s) => t + s.yearlyCostCents, 0);
    years.push({ year, sitesOpen: opening.length + running.length, sitesOpening: opening.length, launchCents, runningCents, totalCents: launchCents + runningCents });
  }
  return years;
}
