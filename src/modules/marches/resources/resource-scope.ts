import { and, eq } from 'drizzle-orm';
import { authorize, type Action } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { notFound } from '../../../server/platform/errors.js';
import { contracts } from '../db/schema.js';
import { resourceTitles } from './db/schema.js';

/** A contract of the actor's authority (a resources or ENT contract); elsewhere: not found. */
export async function contractOfTenant(ctx: Ctx, contractId: string, action: Action) {
  authorize(ctx.actor, action);
  const [contract] = await ctx.db
    .select({ id: contracts.id, reference: contracts.reference, startsOn: contracts.startsOn, durationMonths: contracts.durationMonths, buyerOrganizationId: contracts.buyerOrganizationId })
    .from(contracts)
    .where(and(eq(contracts.tenantId, ctx.actor.tenantId), eq(contracts.id, contractId)));
  if (!contract) throw notFound('Marché');
  return contract;
}

/** A catalogue title of the actor's authority. */
export async function titleOfTenant(ctx: Ctx, titleId: string, action: Action) {
  authorize(ctx.actor, action);
  const [title] = await ctx.db
    .select()
    .from(resourceTitles)
    .where(and(eq(resourceTitles.tenantId, ctx.actor.tenantId), eq(resourceTitles.id, titleId)));
  if (!title) throw notFound('Titre');
  return title;
}
