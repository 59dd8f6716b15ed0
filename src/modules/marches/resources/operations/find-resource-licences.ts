import { and, asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { establishmentScope } from '../../../../server/platform/authz.js';
import type { Ctx } from '../../../../server/platform/context.js';
import { establishmentsView as establishments, establishmentScopeWhere } from '../../../referentiel/index.js';
import { resourceChoices, resourceTitles } from '../db/schema.js';
import { licencesInput } from '../resource.input.js';
import { contractOfTenant } from '../resource-scope.js';
import { choiceJoins } from './find-resource-choices.js';

export { licencesInput };

const perPupil = (licences: number, pupils: number) => (pupils > 0 ? Math.round((licences / pupils) * 100) / 100 : null);

/**
 * Licences of a resources contract per school (digital titles chosen, consolidated or not) and
 * per pupil (the référentiel's head count), with the titles each school chose on paper. Totals
 * over the schools the actor reaches: the seed's 189,697 licences, 5.66 a pupil, read here.
 */
export async function findResourceLicences(ctx: Ctx, input: z.infer<typeof licencesInput>) {
  const contract = await contractOfTenant(ctx, input.contractId, 'resource.read');
  const rows = await ctx.db
    .select({
      uai: establishments.uai,
      name: establishments.name,
      pupils: establishments.pupils,
      licences: sql<number>`coalesce(sum(${resourceChoices.quantity}) filter (where ${resourceTitles.digital}), 0)`.mapWith(Number),
      ordered: sql<number>`coalesce(sum(${resourceChoices.quantity}) filter (where ${resourceTitles.digital} and ${resourceChoices.orderId} is not null), 0)`.mapWith(Number),
      paperTitles: sql<number>`count(distinct ${resourceTitles.id}) filter (where not ${resourceTitles.digital})`.mapWith(Number),
      amountCents: sql<number>`coalesce(sum(${resourceChoices.quantity} * ${resourceTitles.pricePerLicenceCents}) filter (where ${resourceTitles.digital}), 0)`.mapWith(Number),
    })
    .from(resourceChoices)
    .innerJoin(resourceTitles, choiceJoins.title)
    .innerJoin(establishments, choiceJoins.site)
    .where(and(eq(resourceChoices.tenantId, ctx.actor!.tenantId), eq(resourceTitles.contractId, contract.id), establishmentScopeWhere(establishmentScope(ctx.actor!, 'resource.read'))))
    .groupBy(establishments.uai, establishments.name, establishments.pupils)
    .orderBy(asc(establishments.uai));
  const schools = rows.map((r) => ({ ...r, pupils: r.pupils ?? 0, licencesPerPupil: perPupil(r.licences, r.pupils ?? 0) }));
  const sum = (f: (s: (typeof schools)[number]) => number) => schools.reduce((t, s) => t + f(s), 0);
  const licences = sum((s) => s.licences);
  const pupils = sum((s) => s.pupils);
  return {
    contractId: contract.id,
    schools,
    totals: { schools: schools.length, pupils, licences, ordered: sum((s) => s.ordered), amountCents: sum((s) => s.amountCents), licencesPerPupil: perPupil(licences, pupils) },
  };
}
