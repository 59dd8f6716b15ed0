import { and, asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { establishmentScope } from '../../../../server/platform/authz.js';
import type { Ctx } from '../../../../server/platform/context.js';
import { establishmentsView as establishments, establishmentScopeWhere } from '../../../referentiel/index.js';
import { resourceChoices, resourceHeadcounts, resourceTitles } from '../db/schema.js';
import { licencesInput } from '../resource.input.js';
import { contractOfTenant } from '../resource-scope.js';
import { choiceJoins } from './find-resource-choices.js';

export { licencesInput };

const perPupil = (licences: number, pupils: number) => (pupils > 0 ? Math.round((licences / pupils) * 100) / 100 : null);

export type PupilsSource = 'referentiel' | 'declared' | null;

/**
 * Licences of a resources contract per school (digital titles chosen, consolidated or not) and
 * per pupil, with the titles each school chose on paper. The pupils are the référentiel's head
 * count when it has one, else what the school declared per level for the contract (the source is
 * said). Totals over the schools the actor reaches: the seed's 189,697 licences, 5.66 a pupil.
 */
export async function findResourceLicences(ctx: Ctx, input: z.infer<typeof licencesInput>) {
  const contract = await contractOfTenant(ctx, input.contractId, 'resource.read');
  const scope = establishmentScopeWhere(establishmentScope(ctx.actor!, 'resource.read'));
  const tenantId = ctx.actor!.tenantId;
  const [chosen, declared] = await Promise.all([
    ctx.db
      .select({
        uai: establishments.uai,
        name: establishments.name,
        referentielPupils: establishments.pupils,
        licences: sql<number>`coalesce(sum(${resourceChoices.quantity}) filter (where ${resourceTitles.digital}), 0)`.mapWith(Number),
        ordered: sql<number>`coalesce(sum(${resourceChoices.quantity}) filter (where ${resourceTitles.digital} and ${resourceChoices.orderId} is not null), 0)`.mapWith(Number),
        paperTitles: sql<number>`count(distinct ${resourceTitles.id}) filter (where not ${resourceTitles.digital})`.mapWith(Number),
        amountCents: sql<number>`coalesce(sum(${resourceChoices.quantity} * ${resourceTitles.pricePerLicenceCents}) filter (where ${resourceTitles.digital}), 0)`.mapWith(Number),
      })
      .from(resourceChoices)
      .innerJoin(resourceTitles, choiceJoins.title)
      .innerJoin(establishments, choiceJoins.site)
      .where(and(eq(resourceChoices.tenantId, tenantId), eq(resourceTitles.contractId, contract.id), scope))
      .groupBy(establishments.uai, establishments.name, establishments.pupils),
    ctx.db
      .select({
        uai: establishments.uai,
        name: establishments.name,
        referentielPupils: establishments.pupils,
        declaredPupils: sql<number>`sum(${resourceHeadcounts.pupils})`.mapWith(Number),
        byLevel: sql<string>`string_agg(${resourceHeadcounts.level} || ' : ' || ${resourceHeadcounts.pupils}, ', ' order by ${resourceHeadcounts.level})`,
      })
      .from(resourceHeadcounts)
      .innerJoin(establishments, and(eq(establishments.tenantId, resourceHeadcounts.tenantId), eq(establishments.id, resourceHeadcounts.establishmentId)))
      .where(and(eq(resourceHeadcounts.tenantId, tenantId), eq(resourceHeadcounts.contractId, contract.id), scope))
      .groupBy(establishments.uai, establishments.name, establishments.pupils)
      .orderBy(asc(establishments.uai)),
  ]);
  const declaredOf = new Map(declared.map((d) => [d.uai, d]));
  const none = { licences: 0, ordered: 0, paperTitles: 0, amountCents: 0 };
  const bySchool = new Map(chosen.map((c) => [c.uai, c]));
  for (const d of declared) if (!bySchool.has(d.uai)) bySchool.set(d.uai, { uai: d.uai, name: d.name, referentielPupils: d.referentielPupils, ...none });
  const schools = [...bySchool.values()]
    .sort((a, b) => a.uai.localeCompare(b.uai))
    .map(({ referentielPupils, ...s }) => {
      const own = declaredOf.get(s.uai);
      const source: PupilsSource = referentielPupils ? 'referentiel' : own ? 'declared' : null;
      const pupils = referentielPupils || own?.declaredPupils || 0;
      return { ...s, pupils, pupilsSource: source, declaredPupils: own?.declaredPupils ?? null, declaredByLevel: own?.byLevel ?? null, licencesPerPupil: perPupil(s.licences, pupils) };
    });
  const sum = (f: (s: (typeof schools)[number]) => number) => schools.reduce((t, s) => t + f(s), 0);
  // per pupil over the schools whose pupils are known, so a school without a head count does not inflate it
  const counted = schools.filter((s) => s.pupils > 0);
  const licences = sum((s) => s.licences);
  const pupils = sum((s) => s.pupils);
  return {
    contractId: contract.id,
    contractReference: contract.reference,
    schools,
    totals: {
      schools: schools.length,
      schoolsWithPupils: counted.length,
      pupils,
      licences,
      ordered: sum((s) => s.ordered),
      amountCents: sum((s) => s.amountCents),
      licencesPerPupil: perPupil(counted.reduce((t, s) => t + s.licences, 0), pupils),
    },
  };
}
