import { and, asc, desc, eq, gte, ilike, isNull, or, sql } from 'drizzle-orm';
import type { Ctx } from '../../../../server/platform/context.js';
import { establishmentsView as establishments } from '../../../referentiel/index.js';
import { siteLinks } from '../db/schema.js';
import { linkEstablishmentJoin, linkWhere, today } from '../link-scope.js';
import { findLinksInput, type FindLinksInput } from './link.input.js';

export { findLinksInput };

/** Whether a link still serves its site on a day (no end, or an end not yet passed). */
export const openOn = (day: string) => or(isNull(siteLinks.endDate), gte(siteLinks.endDate, day));

export function siteLinksWhere(ctx: Ctx, input: Omit<FindLinksInput, 'page' | 'pageSize'>) {
  return and(
    linkWhere(ctx, 'link.read'),
    input.uai ? eq(establishments.uai, input.uai.toUpperCase()) : undefined,
    input.technology ? eq(siteLinks.technology, input.technology) : undefined,
    input.operator ? ilike(siteLinks.operator, `%${input.operator.replace(/[%_\\]/g, (c) => `\\${c}`)}%`) : undefined,
    input.contractId ? eq(siteLinks.contractId, input.contractId) : undefined,
    input.history === 'true' ? undefined : openOn(today(ctx)),
  );
}

export const siteLinkColumns = {
  link: siteLinks,
  uai: establishments.uai,
  establishmentName: establishments.name,
};

/** The links of the sites in reach, by school then period (latest first), with the count. */
export async function findSiteLinks(ctx: Ctx, input: FindLinksInput) {
  const where = siteLinksWhere(ctx, input);
  const [items, [{ total }]] = await Promise.all([
    ctx.db
      .select(siteLinkColumns)
      .from(siteLinks)
      .innerJoin(establishments, linkEstablishmentJoin)
      .where(where)
      .orderBy(asc(establishments.uai), desc(siteLinks.startDate))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    ctx.db
      .select({ total: sql<number>`count(*)`.mapWith(Number) })
      .from(siteLinks)
      .innerJoin(establishments, linkEstablishmentJoin)
      .where(where),
  ]);
  return { items, total };
}
