import { and, asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { authorize, establishmentScope } from '../../../../server/platform/authz.js';
import type { Ctx } from '../../../../server/platform/context.js';
import { establishmentsView as establishments, establishmentScopeWhere } from '../../../referentiel/index.js';
import { resourceChoices, resourceTitles } from '../db/schema.js';
import { findChoicesInput } from '../resource.input.js';

export { findChoicesInput };

export const choiceJoins = {
  title: and(eq(resourceTitles.tenantId, resourceChoices.tenantId), eq(resourceTitles.id, resourceChoices.titleId)),
  site: and(eq(establishments.tenantId, resourceChoices.tenantId), eq(establishments.id, resourceChoices.establishmentId)),
};

/** The choices of the schools the actor reaches (a school: its own), by school, title and level. */
export async function findResourceChoices(ctx: Ctx, input: z.infer<typeof findChoicesInput>) {
  authorize(ctx.actor, 'resource.read');
  const where = and(
    eq(resourceChoices.tenantId, ctx.actor.tenantId),
    establishmentScopeWhere(establishmentScope(ctx.actor, 'resource.read')),
    input.contractId ? eq(resourceTitles.contractId, input.contractId) : undefined,
    input.uai ? eq(establishments.uai, input.uai.toUpperCase()) : undefined,
  );
  const [items, [{ total }]] = await Promise.all([
    ctx.db
    .select({ choice: resourceChoices, title: resourceTitles.title, publisher: resourceTitles.publisher, digital: resourceTitles.digital, contractId: resourceTitles.contractId, pricePerLicenceCents: resourceTitles.pricePerLicenceCents, uai: establishments.uai, establishmentName: establishments.name })
    .from(resourceChoices)
    .innerJoin(resourceTitles, choiceJoins.title)
    .innerJoin(establishments, choiceJoins.site)
    .where(where)
    .orderBy(asc(establishments.uai), asc(resourceTitles.title), asc(resourceChoices.level))
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize),
    ctx.db
      .select({ total: sql<number>`count(*)`.mapWith(Number) })
      .from(resourceChoices)
      .innerJoin(resourceTitles, choiceJoins.title)
      .innerJoin(establishments, choiceJoins.site)
      .where(where),
  ]);
  return { items, total };
}
