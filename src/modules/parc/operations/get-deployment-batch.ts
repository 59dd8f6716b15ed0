import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../../server/platform/context.js';
import { assets, deploymentItems } from '../db/schema.js';
import { batchCountsOf } from './batch-counts.js';
import { batchInScope, deploymentRead } from './deployment-scope.js';

export const deploymentIdParams = z.object({ id: z.uuid() });

/** One site's delivery: its devices, each at its step, and the device the inventory saw. */
export async function getDeploymentBatch(ctx: Ctx, input: { id: string }) {
  const row = await batchInScope(ctx, input.id, deploymentRead);
  const items = await ctx.db
    .select({
      serial: deploymentItems.serial,
      step: deploymentItems.step,
      stepAt: deploymentItems.stepAt,
      installedAt: deploymentItems.installedAt,
      imagedAt: deploymentItems.imagedAt,
      inServiceAt: deploymentItems.inServiceAt,
      firstSeenAt: deploymentItems.firstSeenAt,
      assetId: deploymentItems.assetId,
      assetName: assets.name,
    })
    .from(deploymentItems)
    .leftJoin(assets, and(eq(assets.tenantId, deploymentItems.tenantId), eq(assets.id, deploymentItems.assetId)))
    .where(and(eq(deploymentItems.tenantId, row.batch.tenantId), eq(deploymentItems.batchId, row.batch.id)))
    .orderBy(asc(deploymentItems.serial));
  const deadline = row.batch.deliveredAt.getTime() + row.batch.deadlineHours * 3_600_000;
  const count = (step: string) => items.filter((i) => i.step === step).length;
  const counts = batchCountsOf({
    delivered: count('delivered'),
    installed: count('installed'),
    imaged: count('imaged'),
    inService: count('in-service'),
    onTime: items.filter((i) => i.inServiceAt && i.inServiceAt.getTime() <= deadline).length,
  });
  return { ...row, items, counts };
}
