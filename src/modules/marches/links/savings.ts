/** One period of a site's link, as the before/after comparison needs it. */
export interface LinkPeriod {
  establishmentId: string;
  contractId: string | null;
  startDate: string;
  monthlyCostCents: number;
  operator: string;
  downMbps: number;
}

export interface SiteSaving {
  establishmentId: string;
  contractId: string;
  before: LinkPeriod;
  after: LinkPeriod;
  savingCents: number;
  schoolShareCents: number;
}

/**
 * Before and after a contract, per site: « after » is the site's first period under the contract,
 * « before » the last period that started before it under anything else (another operator, an
 * earlier contract). A site with no earlier period has nothing to compare and is left out. The
 * school's share is of a saving only: a dearer link returns nothing.
 */
export function siteSavings(periods: LinkPeriod[], schoolSharePercent: number, contractId?: string): SiteSaving[] {
  const bySite = new Map<string, LinkPeriod[]>();
  for (const p of periods) bySite.set(p.establishmentId, [...(bySite.get(p.establishmentId) ?? []), p]);
  const result: SiteSaving[] = [];
  for (const [establishmentId, list] of bySite) {
    const sorted = [...list].sort((a, b) => a.startDate.localeCompare(b.startDate));
    const after = sorted.find((p) => p.contractId !== null && (contractId === undefined || p.contractId === contractId));
    if (!after) continue;
    const before = sorted.filter((p) => p.startDate < after.startDate && p.contractId !== after.contractId).at(-1);
    if (!before) continue;
    const savingCents = before.monthlyCostCents - after.monthlyCostCents;
    const schoolShareCents = savingCents > 0 ? Math.round((savingCents * schoolSharePercent) / 100) : 0;
    result.push({ establishmentId, contractId: after.contractId!, before, after, savingCents, schoolShareCents });
  }
  return result;
}
