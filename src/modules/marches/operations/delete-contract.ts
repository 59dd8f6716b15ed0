import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../server/platform/audit.js';
import type { Ctx } from '../../../server/platform/context.js';
import { AppError } from '../../../server/platform/errors.js';
import { requireManageFor } from '../contract-access.js';
import { loadContract, requireVersion } from '../contract-store.js';
import { amendments, contracts, lots, priceItems, priceLists } from '../db/schema.js';

/** Only a contract still in preparation may be deleted: a notified one was published (DECP). */
export async function deleteContract(ctx: Ctx, input: { id: string; version: number }): Promise<void> {
  const contract = await loadContract(ctx, input.id, 'contract.manage');
  requireManageFor(ctx.actor!, contract.buyerOrganizationId);
  requireVersion(contract, input.version);
  if (contract.status !== 'draft') throw new AppError('CONFLICT', 'Un marché notifié ne se supprime pas : il est publié. Résiliez-le ou passez un avenant.');
  const [child] = await ctx.db.select({ id: contracts.id }).from(contracts).where(and(eq(contracts.tenantId, contract.tenantId), eq(contracts.parentId, contract.id))).limit(1);
  if (child) throw new AppError('CONFLICT', 'Des marchés subséquents découlent de cet accord-cadre : supprimez-les d’abord.');
  const t = contract.tenantId;
  await ctx.db.transaction(async (tx) => {
    const lotIds = (await tx.select({ id: lots.id }).from(lots).where(and(eq(lots.tenantId, t), eq(lots.contractId, contract.id)))).map((l) => l.id);
    for (const lotId of lotIds) {
      await tx.delete(priceItems).where(and(eq(priceItems.tenantId, t), eq(priceItems.lotId, lotId)));
      await tx.delete(priceLists).where(and(eq(priceLists.tenantId, t), eq(priceLists.lotId, lotId)));
    }
    await tx.delete(lots).where(and(eq(lots.tenantId, t), eq(lots.contractId, contract.id)));
    await tx.delete(amendments).where(and(eq(amendments.tenantId, t), eq(amendments.contractId, contract.id)));
    await tx.delete(contracts).where(and(eq(contracts.tenantId, t), eq(contracts.id, contract.id)));
    await recordAudit(ctx, tx, [{ tenantId: t, action: 'contract.delete', entityType: 'contract', entityId: contract.id, before: contract }]);
  });
}
