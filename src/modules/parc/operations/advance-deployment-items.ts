import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../../server/platform/audit.js';
import type { Ctx } from '../../../server/platform/context.js';
import { rows } from '../../../server/platform/db.js';
import { AppError } from '../../../server/platform/errors.js';
import { deploymentItems } from '../db/schema.js';
import { deploymentSteps, stepIndex } from '../lifecycle/deployment-progress.js';
import { maxBatchSize } from './create-deployment-batch.js';
import { batchInScope, deploymentWrite } from './deployment-scope.js';
import { serialKey } from './deployment-serials.js';
import { textArray } from '../../../server/platform/prepared.js';

export const advanceDeploymentInput = z
  .object({
    step: z.enum(['installed', 'imaged', 'in-service']),
    serials: z.array(z.string().max(100)).min(1).max(maxBatchSize).optional(),
    /** The whole batch at once ("the site was installed today"). */
    all: z.literal(true).optional(),
  })
  .refine((v) => (v.serials ? 1 : 0) + (v.all ? 1 : 0) === 1, {
    message: 'Donnez soit la liste des numéros de série, soit « all: true » pour toute la livraison.',
    path: ['serials'],
  });

/**
 * Moves devices of a batch forward to a step, in one statement; the dates of the steps they skip
 * are set too. Devices already at or past the step stay as they are. A serial that is not in the
 * batch refuses the whole request, so a mistyped list changes nothing.
 */
export async function advanceDeploymentItems(ctx: Ctx, input: { id: string } & z.infer<typeof advanceDeploymentInput>) {
  const { batch } = await batchInScope(ctx, input.id, deploymentWrite);
  const tenantId = batch.tenantId;
  const keys = input.serials ? [...new Set(input.serials.map((s) => serialKey(s) ?? s.trim().toUpperCase()))] : null;
  if (keys) {
    const known = await ctx.db
      .select({ serial: deploymentItems.serial })
      .from(deploymentItems)
      .where(and(eq(deploymentItems.tenantId, tenantId), eq(deploymentItems.batchId, batch.id), inArray(deploymentItems.serial, keys)));
    const found = new Set(known.map((k) => k.serial));
    const unknown = keys.filter((k) => !found.has(k));
    if (unknown.length) {
      throw new AppError('UNPROCESSABLE', `${unknown.length} numéro(s) de série ne font pas partie de la livraison « ${batch.label} » : rien n'a été modifié.`, {
        details: { unknown: unknown.slice(0, 50) },
      });
    }
  }
  const at = ctx.now();
  const target = stepIndex(input.step);
  const order = textArray(deploymentSteps);
  return ctx.db.transaction(async (tx) => {
    const changed = await rows<{ serial: string }>(
      tx,
      sql`update parc.deployment_items
             set step = ${input.step}, step_at = ${at},
                 installed_at = coalesce(installed_at, ${at}),
                 imaged_at = case when ${target} >= 2 then coalesce(imaged_at, ${at}) else imaged_at end,
                 in_service_at = case when ${target} >= 3 then coalesce(in_service_at, ${at}) else in_service_at end
           where tenant_id = ${tenantId} and batch_id = ${batch.id}
             and array_position(${order}, step) - 1 < ${target}
             ${keys ? sql`and serial = any(${textArray(keys)})` : sql``}
       returning serial`,
    );
    await recordAudit(ctx, tx, [
      { tenantId, action: 'advance', entityType: 'deployment_batch', entityId: batch.id, after: { step: input.step, advanced: changed.length } },
    ]);
    const requested = keys ? keys.length : null;
    return { advanced: changed.length, unchanged: requested === null ? null : requested - changed.length };
  });
}
