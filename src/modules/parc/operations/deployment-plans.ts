import { and, asc, eq, inArray, notInArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { establishmentScope } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import type { Db } from '../../../server/platform/db.js';
import { establishmentsView as establishments, establishmentScopeWhere } from '../../referentiel/index.js';
import { deploymentBatches, deploymentPlans } from '../db/schema.js';
import { batchWhere, deploymentRead } from './deployment-scope.js';

export interface DeploymentPlanInput {
  tenantId: string;
  /** The source record, `<module>:<kind>:<id>`: its lines replace the ones it gave before. */
  sourceKey: string;
  sourceLabel: string;
  sourceLink?: string | null;
  establishmentId: string;
  /** Quantities per class; a class absent (or at 0) is no longer planned. */
  lines: { assetClass: string; quantity: number }[];
}

/**
 * What another module decided a site is to receive (the campaigns' granted renewal quantities),
 * written in the caller's transaction so the decision and the plan land together. A line keeps
 * its id while its class stays planned, so the deliveries made for it still count.
 */
export async function planDeployments(ctx: Pick<Ctx, 'now'>, tx: Db, input: DeploymentPlanInput): Promise<void> {
  const lines = input.lines.filter((l) => l.quantity > 0);
  const ofSource = and(eq(deploymentPlans.tenantId, input.tenantId), eq(deploymentPlans.sourceKey, input.sourceKey));
  await tx.delete(deploymentPlans).where(lines.length ? and(ofSource, notInArray(deploymentPlans.assetClass, lines.map((l) => l.assetClass))) : ofSource);
  if (!lines.length) return;
  const now = ctx.now();
  await tx
    .insert(deploymentPlans)
    .values(lines.map((l) => ({ tenantId: input.tenantId, establishmentId: input.establishmentId, assetClass: l.assetClass, quantity: l.quantity, sourceKey: input.sourceKey, sourceLabel: input.sourceLabel, sourceLink: input.sourceLink ?? null, plannedAt: now, updatedAt: now })))
    .onConflictDoUpdate({
      target: [deploymentPlans.tenantId, deploymentPlans.sourceKey, deploymentPlans.assetClass],
      set: { quantity: sql`excluded.quantity`, sourceLabel: sql`excluded.source_label`, establishmentId: sql`excluded.establishment_id`, updatedAt: now },
    });
}

export const findDeploymentPlansInput = z.object({
  uai: z.string().trim().toUpperCase().max(20).optional(),
  /** Only the lines not yet delivered in full. */
  pending: z.enum(['true', 'false']).default('true'),
});

/**
 * The planned deployments of the sites the person reaches, with what the deliveries made for each
 * line already bring (their expected devices), the sites with the most left first.
 */
export async function findDeploymentPlans(ctx: Ctx, query: z.infer<typeof findDeploymentPlansInput>) {
  batchWhere(ctx, deploymentRead); // 403 without the right to read deliveries
  const tenantId = ctx.actor!.tenantId;
  const delivered = ctx.db
    .select({ planId: deploymentBatches.planId, count: sql<number>`sum(${deploymentBatches.expectedCount})::int`.as('delivered') })
    .from(deploymentBatches)
    .where(and(eq(deploymentBatches.tenantId, tenantId), sql`${deploymentBatches.planId} is not null`))
    .groupBy(deploymentBatches.planId)
    .as('delivered');
  const rows = await ctx.db
    .select({
      id: deploymentPlans.id,
      uai: establishments.uai,
      establishmentName: establishments.name,
      assetClass: deploymentPlans.assetClass,
      quantity: deploymentPlans.quantity,
      delivered: sql<number>`coalesce(${delivered.count}, 0)`.mapWith(Number),
      sourceLabel: deploymentPlans.sourceLabel,
      sourceLink: deploymentPlans.sourceLink,
      plannedAt: deploymentPlans.plannedAt,
    })
    .from(deploymentPlans)
    .innerJoin(establishments, and(eq(establishments.tenantId, deploymentPlans.tenantId), eq(establishments.id, deploymentPlans.establishmentId)))
    .leftJoin(delivered, eq(delivered.planId, deploymentPlans.id))
    .where(
      and(
        eq(deploymentPlans.tenantId, tenantId),
        establishmentScopeWhere(establishmentScope(ctx.actor!, deploymentRead)),
        query.uai ? eq(establishments.uai, query.uai) : undefined,
        query.pending === 'true' ? sql`coalesce(${delivered.count}, 0) < ${deploymentPlans.quantity}` : undefined,
      ),
    )
    .orderBy(asc(establishments.name), asc(deploymentPlans.assetClass))
    .limit(1000);
  return rows.map((r) => ({ ...r, remaining: Math.max(0, r.quantity - r.delivered), plannedAt: r.plannedAt.toISOString() }));
}

/** A delivery made for a planned line: the line must be the same site's and class's. */
export async function planOfDelivery(db: Db, tenantId: string, planId: string) {
  const [plan] = await db
    .select({ id: deploymentPlans.id, establishmentId: deploymentPlans.establishmentId, assetClass: deploymentPlans.assetClass })
    .from(deploymentPlans)
    .where(and(eq(deploymentPlans.tenantId, tenantId), inArray(deploymentPlans.id, [planId])));
  return plan ?? null;
}
