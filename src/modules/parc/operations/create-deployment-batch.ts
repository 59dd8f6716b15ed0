import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../../server/platform/audit.js';
import { authorize, establishmentScope } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { AppError, notFound } from '../../../server/platform/errors.js';
import { establishmentsView as establishments, establishmentScopeWhere } from '../../referentiel/index.js';
import { assetClasses } from '../asset-classes.js';
import { deploymentBatches, deploymentItems } from '../db/schema.js';
import { openDeliveries } from './close-deployment-step.js';
import { deliverySerials } from './deployment-serials.js';
import { createDeploymentInput, maxBatchSize, type CreateDeploymentInput } from './create-deployment-batch.input.js';
import { planOfDelivery } from './deployment-plans.js';
import { deploymentWrite } from './deployment-scope.js';

export { createDeploymentInput, maxBatchSize, type CreateDeploymentInput };

/** Records a delivery to one site with its serials; each device starts at step "delivered". */
export async function createDeploymentBatch(ctx: Ctx, input: CreateDeploymentInput) {
  authorize(ctx.actor, deploymentWrite);
  const tenantId = ctx.actor.tenantId;
  const serials = deliverySerials(input.serials);
  const expectedCount = input.expectedCount ?? serials.length;
  if (expectedCount === 0) {
    throw new AppError('VALIDATION', 'Indiquez le nombre d’équipements attendus ou la liste de leurs numéros de série.', {
      issues: [{ path: 'expectedCount', message: 'Obligatoire sans numéros de série.' }],
    });
  }
  if (expectedCount < serials.length) {
    throw new AppError('VALIDATION', `La livraison annonce ${expectedCount} équipements mais liste ${serials.length} numéros de série.`, {
      issues: [{ path: 'expectedCount', message: `Au moins ${serials.length}.` }],
    });
  }
  const [establishment] = await ctx.db
    .select({ id: establishments.id, uai: establishments.uai, name: establishments.name })
    .from(establishments)
    .where(
      and(
        eq(establishments.tenantId, tenantId),
        eq(establishments.uai, input.uai.toUpperCase()),
        establishmentScopeWhere(establishmentScope(ctx.actor, deploymentWrite)),
      ),
    );
  if (!establishment) throw notFound('Établissement');
  if (input.planId) {
    const plan = await planOfDelivery(ctx.db, tenantId, input.planId);
    if (!plan || plan.establishmentId !== establishment.id || plan.assetClass !== input.assetClass) {
      throw new AppError('VALIDATION', 'Ce déploiement prévu n’est pas celui de ce site et de cette classe d’équipement.', { issues: [{ path: 'planId', message: 'Déploiement prévu d’un autre site ou d’une autre classe.' }] });
    }
  }
  const at = ctx.now();
  const deliveredAt = new Date(input.deliveredAt);

  const created = await ctx.db.transaction(async (tx) => {
    const [batch] = await tx
      .insert(deploymentBatches)
      .values({
        tenantId,
        establishmentId: establishment.id,
        label: input.label,
        assetClass: input.assetClass,
        expectedCount,
        deliveredAt,
        deadlineHours: input.deadlineHours,
        orderReference: input.orderReference ?? null,
        planId: input.planId ?? null,
        createdBy: ctx.actor!.label,
        createdAt: at,
      })
      .returning();
    if (serials.length) {
      const inserted = await tx
        .insert(deploymentItems)
        .values(serials.map((serial) => ({ tenantId, batchId: batch.id, serial, step: 'delivered', stepAt: deliveredAt })))
        .onConflictDoNothing({ target: [deploymentItems.tenantId, deploymentItems.serial] })
        .returning({ serial: deploymentItems.serial });
      if (inserted.length < serials.length) {
        const taken = new Set(inserted.map((r) => r.serial));
        const elsewhere = serials.filter((s) => !taken.has(s));
        const owners = await tx
          .select({ serial: deploymentItems.serial, label: deploymentBatches.label })
          .from(deploymentItems)
          .innerJoin(deploymentBatches, and(eq(deploymentBatches.tenantId, deploymentItems.tenantId), eq(deploymentBatches.id, deploymentItems.batchId)))
          .where(and(eq(deploymentItems.tenantId, tenantId), inArray(deploymentItems.serial, elsewhere.slice(0, 50))));
        throw new AppError('CONFLICT', `${elsewhere.length} numéro(s) de série font déjà partie d’une autre livraison : rien n'a été enregistré.`, {
          details: { serials: owners.map((o) => ({ serial: o.serial, batch: o.label })) },
        });
      }
    }
    await recordAudit(ctx, tx, [
      {
        tenantId,
        action: 'create',
        entityType: 'deployment_batch',
        entityId: batch.id,
        after: { uai: establishment.uai, label: batch.label, expectedCount, deliveredAt: deliveredAt.toISOString(), serials: serials.length },
      },
    ]);
    return { batch, uai: establishment.uai, establishmentName: establishment.name };
  });
  ctx.cache.invalidate(openDeliveries, tenantId);
  return created;
}
