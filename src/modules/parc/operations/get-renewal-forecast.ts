import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../../server/platform/context.js';
import { establishmentsView as establishments } from '../../referentiel/index.js';
import { assets } from '../db/schema.js';
import { renewalForecast } from '../lifecycle/renewal-forecast.js';
import { ageStartSql, inFleetSql, renewalYearSql } from '../lifecycle/lifecycle-sql.js';
import { establishmentJoin, fleetScope, fleetSettings } from './fleet-scope.js';

export const renewalForecastInput = z.object({
  uai: z.string().trim().min(1).max(20).optional(),
  from: z.coerce.number().int().min(2000).max(2100).optional(),
  years: z.coerce.number().int().min(1).max(15).default(5),
  /** `class`: one row per year and class, all establishments together (what the dashboard shows). */
  by: z.enum(['establishment', 'class']).default('establishment'),
});

/**
 * What reaches its expected life each year, by establishment and class, with what replacing it
 * would cost: the forecast a renewal call for projects and the investment plan start from.
 * Devices past their renewal year are counted in the first year (`overdue`).
 */
export async function getRenewalForecast(ctx: Ctx, input: z.infer<typeof renewalForecastInput>) {
  const scope = await fleetScope(ctx, input.uai);
  const { expectedLife } = await fleetSettings(ctx.db, scope.tenantId);
  const from = input.from ?? ctx.now().getUTCFullYear();
  const until = from + input.years; // exclusive
  const renewal = renewalYearSql(expectedLife);

  const due = ctx.db
    .select({
      year: sql<number>`greatest(${renewal}, ${from})`.as('year'),
      overdue: sql<boolean>`(${renewal} < ${from})`.as('overdue'),
      establishmentId: assets.establishmentId,
      uai: establishments.uai,
      establishmentName: establishments.name,
      assetClass: assets.assetClass,
    })
    .from(assets)
    .leftJoin(establishments, establishmentJoin)
    .where(and(scope.where, inFleetSql, sql`${ageStartSql} is not null`, sql`${renewal} < ${until}`))
    .as('due');

  const perEstablishment = input.by === 'establishment';
  const none = sql<string | null>`null`;
  const [groups, unknownAge, prices] = await Promise.all([
    ctx.db
      .select({
        year: due.year,
        establishmentId: perEstablishment ? due.establishmentId : none,
        uai: perEstablishment ? due.uai : none,
        establishmentName: perEstablishment ? due.establishmentName : none,
        assetClass: due.assetClass,
        due: sql<number>`count(*) filter (where not ${due.overdue})`.mapWith(Number),
        overdue: sql<number>`count(*) filter (where ${due.overdue})`.mapWith(Number),
      })
      .from(due)
      .groupBy(...(perEstablishment ? [due.year, due.establishmentId, due.uai, due.establishmentName, due.assetClass] : [due.year, due.assetClass])),
    ctx.db
      .select({ assetClass: assets.assetClass, count: sql<number>`count(*)`.mapWith(Number) })
      .from(assets)
      .leftJoin(establishments, establishmentJoin)
      .where(and(scope.where, inFleetSql, sql`${ageStartSql} is null`))
      .groupBy(assets.assetClass),
    // prices of public purchases are public: the tenant's average, whatever the actor's scope
    ctx.db
      .select({ assetClass: assets.assetClass, average: sql<number>`avg(${assets.purchasePrice})`.mapWith(Number) })
      .from(assets)
      .where(and(eq(assets.tenantId, scope.tenantId), isNotNull(assets.purchasePrice)))
      .groupBy(assets.assetClass),
  ]);
  const averagePrice = Object.fromEntries(prices.map((p) => [p.assetClass, Math.round(p.average * 100) / 100]));
  const forecast = renewalForecast(groups, { from, years: input.years, averagePrice });
  return { from, years: input.years, establishment: scope.establishment, expectedLife, averagePrice, unknownAge, ...forecast };
}
