import { and, asc, eq } from 'drizzle-orm';
import { authorize } from '../../../../server/platform/authz.js';
import type { Ctx } from '../../../../server/platform/context.js';
import { contracts } from '../../db/schema.js';
import { resourceTitles } from '../db/schema.js';
import { findTitlesInput } from '../resource.input.js';
import type { z } from 'zod';

export { findTitlesInput };

/** The catalogue of the authority's resources contracts (every reader sees the whole catalogue). */
export async function findResourceTitles(ctx: Ctx, input: z.infer<typeof findTitlesInput>) {
  authorize(ctx.actor, 'resource.read');
  const rows = await ctx.db
    .select({ title: resourceTitles, contractReference: contracts.reference })
    .from(resourceTitles)
    .innerJoin(contracts, and(eq(contracts.tenantId, resourceTitles.tenantId), eq(contracts.id, resourceTitles.contractId)))
    .where(and(eq(resourceTitles.tenantId, ctx.actor.tenantId), input.contractId ? eq(resourceTitles.contractId, input.contractId) : undefined))
    .orderBy(asc(resourceTitles.title), asc(resourceTitles.id));
  return rows.map((r) => ({ ...r.title, contractReference: r.contractReference }));
}
