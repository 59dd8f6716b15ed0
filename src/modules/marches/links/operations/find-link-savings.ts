import { and, asc, eq, exists, isNotNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Ctx } from '../../../../server/platform/context.js';
import { establishmentsView as establishments } from '../../../referentiel/index.js';
import { siteLinks } from '../db/schema.js';
import { linkEstablishmentJoin, linkWhere } from '../link-scope.js';
import { siteSavings } from '../savings.js';
import { linkSavingsInput } from './link.input.js';
import { schoolSharePercentOf } from './link-settings.js';

export { linkSavingsInput };

/** Monthly cost per site before and after a contract, the saving and the school's share, with totals. */
export async function findLinkSavings(ctx: Ctx, input: { contractId?: string; uai?: string }) {
  const where = linkWhere(ctx, 'link.read');
  const tenantId = ctx.actor!.tenantId;
  const contracted = alias(siteLinks, 'contracted');
  const rows = await ctx.db
    .select({
      establishmentId: siteLinks.establishmentId,
      contractId: siteLinks.contractId,
      startDate: siteLinks.startDate,
      monthlyCostCents: siteLinks.monthlyCostCents,
      operator: siteLinks.operator,
      downMbps: siteLinks.downMbps,
      uai: establishments.uai,
      name: establishments.name,
    })
    .from(siteLinks)
    .innerJoin(establishments, linkEstablishmentJoin)
    .where(
      and(
        where,
        input.uai ? eq(establishments.uai, input.uai.toUpperCase()) : undefined,
        // only the sites that have at least one link under a contract (the one asked, or any)
        exists(
          ctx.db
            .select({ one: contracted.id })
            .from(contracted)
            .where(
              and(
                eq(contracted.tenantId, siteLinks.tenantId),
                eq(contracted.establishmentId, siteLinks.establishmentId),
                input.contractId ? eq(contracted.contractId, input.contractId) : isNotNull(contracted.contractId),
              ),
            ),
        ),
      ),
    )
    .orderBy(asc(establishments.uai), asc(siteLinks.startDate));
  const percent = await schoolSharePercentOf(ctx.db, tenantId);
  const names = new Map(rows.map((r) => [r.establishmentId, { uai: r.uai, name: r.name }]));
  const sites = siteSavings(rows, percent, input.contractId).map((s) => ({ ...s, ...names.get(s.establishmentId)! }));
  const sum = (f: (s: (typeof sites)[number]) => number) => sites.reduce((t, s) => t + f(s), 0);
  return {
    schoolSharePercent: percent,
    sites,
    totals: {
      sites: sites.length,
      beforeMonthlyCents: sum((s) => s.before.monthlyCostCents),
      afterMonthlyCents: sum((s) => s.after.monthlyCostCents),
      savingMonthlyCents: sum((s) => s.savingCents),
      schoolShareMonthlyCents: sum((s) => s.schoolShareCents),
    },
  };
}

