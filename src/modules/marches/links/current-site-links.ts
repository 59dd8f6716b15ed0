import { and, desc, eq, gte, inArray, isNull, lte, or } from 'drizzle-orm';
import type { Db } from '../../../server/platform/db.js';
import { siteLinks } from './db/schema.js';

export interface CurrentSiteLink {
  operator: string;
  technology: string;
  downMbps: number;
  upMbps: number;
  symmetric: boolean;
  monthlyCostCents: number;
}

/**
 * The link serving each of these sites today (the latest period not yet ended), keyed by
 * establishment id; sites without a link are absent. For other modules (the steering's network
 * indicators): no authorization here, the caller has already decided which sites it shows.
 */
export async function currentSiteLinks(db: Db, tenantId: string, establishmentIds: string[], on: Date = new Date()): Promise<Map<string, CurrentSiteLink>> {
  const result = new Map<string, CurrentSiteLink>();
  if (establishmentIds.length === 0) return result;
  const day = on.toISOString().slice(0, 10);
  const rows = await db
    .select({
      establishmentId: siteLinks.establishmentId,
      operator: siteLinks.operator,
      technology: siteLinks.technology,
      downMbps: siteLinks.downMbps,
      upMbps: siteLinks.upMbps,
      symmetric: siteLinks.symmetric,
      monthlyCostCents: siteLinks.monthlyCostCents,
      startDate: siteLinks.startDate,
    })
    .from(siteLinks)
    .where(
      and(
        eq(siteLinks.tenantId, tenantId),
        inArray(siteLinks.establishmentId, [...new Set(establishmentIds)]),
        lte(siteLinks.startDate, day),
        or(isNull(siteLinks.endDate), gte(siteLinks.endDate, day)),
      ),
    )
    .orderBy(desc(siteLinks.startDate));
  for (const { establishmentId, startDate: _start, ...link } of rows) {
    if (!result.has(establishmentId)) result.set(establishmentId, link);
  }
  return result;
}
