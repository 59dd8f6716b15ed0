import { z } from 'zod';
import { recordAudit } from '../../../server/platform/audit.js';
import { authorize } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { AppError } from '../../../server/platform/errors.js';
import { priceItemsInForce } from '../../marches/index.js';
import { costReferences } from '../db/schema.js';
import { parisDate } from '../indicators/assess.js';
import { operationKinds } from '../ppi/propose.js';
import { unitCosts, type UnitCost } from '../ppi/unit-costs.js';

export const costKindParams = z.object({ kind: z.enum(operationKinds) });
export const costReferenceInput = z
  .object({
    label: z.string().trim().min(1).max(200),
    unitCostCents: z.number().int().min(0).max(1e11),
    lotId: z.string().uuid().nullable().default(null),
    priceItemCode: z.string().trim().min(1).max(40).nullable().default(null),
  })
  .refine((r) => (r.lotId === null) === (r.priceItemCode === null), { message: 'Un lot et un code de prix vont ensemble.', path: ['priceItemCode'] });

/** Each kind's unit cost as a new scenario would use it, and where it comes from. */
export async function listUnitCosts(ctx: Ctx): Promise<UnitCost[]> {
  authorize(ctx.actor, 'ppi.read');
  return Object.values(await unitCosts(ctx, ctx.actor.tenantId));
}

/** Sets a kind's reference cost, optionally bound to a contract lot's price item (which then wins while in force). */
export async function setCostReference(ctx: Ctx, kind: z.infer<typeof costKindParams>['kind'], input: z.infer<typeof costReferenceInput>): Promise<UnitCost> {
  authorize(ctx.actor, 'ppi.manage');
  const tenantId = ctx.actor.tenantId;
  if (input.lotId && input.priceItemCode) {
    const items = await priceItemsInForce(ctx.db, tenantId, input.lotId, parisDate(ctx.now()));
    if (!items.some((i) => i.code === input.priceItemCode)) {
      throw new AppError('VALIDATION', `Aucun prix « ${input.priceItemCode} » n’est en vigueur dans ce lot aujourd’hui.`, { details: { field: 'priceItemCode' } });
    }
  }
  await ctx.db.transaction(async (tx) => {
    await tx
      .insert(costReferences)
      .values({ tenantId, kind, ...input })
      .onConflictDoUpdate({ target: [costReferences.tenantId, costReferences.kind], set: { ...input } });
    await recordAudit(ctx, tx, [{ tenantId, action: 'update', entityType: 'ppi-cost-reference', entityId: kind, after: input }]);
  });
  return (await unitCosts(ctx, tenantId))[kind];
}
