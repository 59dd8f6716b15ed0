import { and, desc, eq, gte, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
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

const dayOf = (on: Date) => on.toISOString().slice(0, 10);
/** A link period not yet ended on `day` (ISO date). */
const servingOn = (day: string) => and(lte(siteLinks.startDate, day), or(isNull(siteLinks.endDate), gte(siteLinks.endDate, day)));

/**
 * The throughput of the link serving one school today, as a subquery of at most one row over an SQL
 * expression of the caller's statement naming the school (`s.id`): the steering reads one school's
 * link with its other figures in one statement, through a lateral join.
 */
export function currentSiteLinkSql(tenantId: string, establishmentId: SQL, on: Date): SQL {
  return sql`select ${siteLinks.downMbps} as "downMbps", ${siteLinks.upMbps} as "upMbps" from ${siteLinks}
         where ${siteLinks.tenantId} = ${tenantId} and ${siteLinks.establishmentId} = ${establishmentId} and ${servingOn(dayOf(on))}
         order by ${siteLinks.startDate} desc limit 1`;
}

/**
 * The link serving each of these sites today (the latest period not yet ended), keyed by
 * establishment id; sites without a link are absent. For other modules (the steering's network
 * indicators): no authorization here, the caller has already decided which sites it shows.
 */
export async function currentSiteLinks(db: Db, tenantId: string, establishmentIds: string[], on: Date = new Date()): Promise<Map<string, CurrentSiteLink>> {
  const result = new Map<string, CurrentSiteLink>();
  if (establishmentIds.length === 0) return result;
  const day = dayOf(on);
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
        servingOn(day),
      ),
    )
    .orderBy(desc(siteLinks.startDate));
  for (const { establishmentId, startDate: _start, ...link } of rows) {
    if (!result.has(establishmentId)) result.set(establishmentId, link);
  }
  return result;
}
