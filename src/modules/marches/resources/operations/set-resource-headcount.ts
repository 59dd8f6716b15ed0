import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../../server/platform/audit.js';
import type { Ctx } from '../../../../server/platform/context.js';
import { siteInScope } from '../../links/link-scope.js';
import { resourceHeadcounts } from '../db/schema.js';
import { setHeadcountInput, type SetHeadcountInput } from '../resource.input.js';
import { contractOfTenant } from '../resource-scope.js';

export { setHeadcountInput };

/**
 * The pupils a school orders licences for at one level (0 withdraws the figure). Who may choose
 * for the school may declare it (a school's staff: their own school only).
 */
export async function setResourceHeadcount(ctx: Ctx, input: SetHeadcountInput) {
  const site = await siteInScope(ctx, input.uai, 'resource.choose');
  const contract = await contractOfTenant(ctx, input.contractId, 'resource.choose');
  const tenantId = ctx.actor!.tenantId;
  const key = and(eq(resourceHeadcounts.tenantId, tenantId), eq(resourceHeadcounts.contractId, contract.id), eq(resourceHeadcounts.establishmentId, site.id), eq(resourceHeadcounts.level, input.level));
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select({ pupils: resourceHeadcounts.pupils }).from(resourceHeadcounts).where(key).for('update');
    if (input.pupils === 0) await tx.delete(resourceHeadcounts).where(key);
    else
      await tx
        .insert(resourceHeadcounts)
        .values({ tenantId, contractId: contract.id, establishmentId: site.id, level: input.level, pupils: input.pupils, declaredBy: ctx.actor!.label, updatedAt: ctx.now() })
        .onConflictDoUpdate({ target: [resourceHeadcounts.tenantId, resourceHeadcounts.contractId, resourceHeadcounts.establishmentId, resourceHeadcounts.level], set: { pupils: input.pupils, declaredBy: ctx.actor!.label, updatedAt: ctx.now() } });
    await recordAudit(ctx, tx, [
      { tenantId, action: 'update', entityType: 'resource_headcount', entityId: site.id, before: before ?? null, after: { contract: contract.reference, uai: site.uai, level: input.level, pupils: input.pupils } },
    ]);
    return { contractId: contract.id, uai: site.uai, establishmentName: site.name, level: input.level, pupils: input.pupils };
  });
}
