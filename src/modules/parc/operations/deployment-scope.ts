import { and, eq, type SQL } from 'drizzle-orm';
import { authorize, establishmentScope, type Action } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { notFound } from '../../../server/platform/errors.js';
import { establishmentsView as establishments, establishmentScopeWhere } from '../../referentiel/index.js';
import { deploymentBatches } from '../db/schema.js';

/** Reading a deployment is reading the site's devices; recording its steps is updating them. */
export const deploymentRead: Action = 'asset.read';
export const deploymentWrite: Action = 'asset.update';

export const batchEstablishmentJoin = and(eq(establishments.tenantId, deploymentBatches.tenantId), eq(establishments.id, deploymentBatches.establishmentId));

/** Batches of the schools the actor reaches for an action (checked first: 403 without it). */
export function batchWhere(ctx: Ctx, action: Action): SQL {
  authorize(ctx.actor, action);
  return and(eq(deploymentBatches.tenantId, ctx.actor.tenantId), establishmentScopeWhere(establishmentScope(ctx.actor, action)))!;
}

/** One batch in the actor's scope for the action; another tenant's or out of scope: not found. */
export async function batchInScope(ctx: Ctx, id: string, action: Action) {
  const where = batchWhere(ctx, action);
  const [row] = await ctx.db
    .select({
      batch: deploymentBatches,
      uai: establishments.uai,
      establishmentName: establishments.name,
      unitId: establishments.unitId,
      academyCode: establishments.academyCode,
    })
    .from(deploymentBatches)
    .innerJoin(establishments, batchEstablishmentJoin)
    .where(and(where, eq(deploymentBatches.id, id)));
  if (!row) throw notFound('Livraison');
  return row;
}
