import { and, asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { authorize, establishmentScope } from '../../../../server/platform/authz.js';
import type { Ctx } from '../../../../server/platform/context.js';
import { establishmentsView as establishments, establishmentScopeWhere } from '../../../referentiel/index.js';
import { resourceChoices, resourceTitles } from '../db/schema.js';
import { findChoicesInput } from '../resource.input.js';

export { findChoicesInput };
export type ChoicesFilter = Omit<z.infer<typeof findChoicesInput>, 'page' | 'pageSize'>;

export const choiceJoins = {
  title: and(eq(resourceTitles.tenantId, resourceChoices.tenantId), eq(resourceTitles.id, resourceChoices.titleId)),
  site: and(eq(establishments.tenantId, resourceChoices.tenantId), eq(establishments.id, resourceChoices.establishmentId)),
};

export const choiceColumns = { choice: resourceChoices, title: resourceTitles.title, publisher: resourceTitles.publisher, digital: resourceTitles.digital, contractId: resourceTitles.contractId, pricePerLicenceCents: resourceTitles.pricePerLicenceCents, uai: establishments.uai, establishmentName: establishments.name };
/** The list's order, the export's too: by school, title and level. */
export const choiceOrder = [asc(establishments.uai), asc(resourceTitles.title), asc(resourceChoices.level)] as const;

/** The choices of the schools the actor reaches (a school: its own), filtered; the list and its export share it. */
export function choicesWhere(ctx: Ctx, input: ChoicesFilter) {
  authorize(ctx.actor, 'resource.read');
  return and(
    eq(resourceChoices.tenantId, ctx.actor.tenantId),
    establishmentScopeWhere(establishmentScope(ctx.actor, 'resource.read')),
    input.contractId ? eq(resourceTitles.contractId, input.contractId) : undefined,
    input.uai ? eq(establishments.uai, input.uai.toUpperCase()) : undefined,
  );
}

/** One page of the choices, by school, title and level, with the total for the pager. */
export async function findResourceChoices(ctx: Ctx, input: z.infer<typeof findChoicesInput>) {
  const where = choicesWhere(ctx, input);
  const [items, [{ total }]] = await Promise.all([
    ctx.db
      .select(choiceColumns)
      .from(resourceChoices)
      .innerJoin(resourceTitles, choiceJoins.title)
      .innerJoin(establishments, choiceJoins.site)
      .where(where)
      .orderBy(...choiceOrder)
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
