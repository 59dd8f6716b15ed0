import { and, eq, max, sql } from 'drizzle-orm';
import { recordAudit } from '../../../server/platform/audit.js';
import type { Ctx } from '../../../server/platform/context.js';
import { AppError } from '../../../server/platform/errors.js';
import { requireManageFor } from '../contract-access.js';
import { loadContract } from '../contract-store.js';
import { amendments, contracts, lots, type AmendmentChange } from '../db/schema.js';
import { lotSpending } from '../lot-spending.js';
import { consumptionChanged } from '../orders/operations/find-consumption.js';
import { checkCeilingChange } from '../rules/ceilings.js';
import type { AmendmentInput } from './contract.input.js';

/**
 * Appends an amendment (avenant) with the next number and applies its changes to the lots and the
 * contract; what was published before stays in the amendment's `before`. A lot's ceiling never
 * goes below what was ordered on it. The contract row is locked, so two amendments get two numbers.
 */
export async function addAmendment(ctx: Ctx, contractId: string, input: AmendmentInput): Promise<typeof amendments.$inferSelect> {
  const contract = await loadContract(ctx, contractId, 'contract.manage');
  requireManageFor(ctx.actor!, contract.buyerOrganizationId);
  if (contract.status === 'draft') throw new AppError('CONFLICT', "Un marché en préparation se modifie directement : l'avenant suit la notification.");
  if (!input.lotCeilings.length && input.durationMonths === undefined && input.amountDeltaCents === null) {
    throw new AppError('VALIDATION', "L'avenant ne change rien : indiquez un plafond de lot, une durée ou un montant.");
  }
  const t = contract.tenantId;
  const added = await ctx.db.transaction(async (tx) => {
    await tx.select({ id: contracts.id }).from(contracts).where(and(eq(contracts.tenantId, t), eq(contracts.id, contract.id))).for('update');
    const changes: AmendmentChange[] = [];
    const spending = await lotSpending(tx, t, input.lotCeilings.map((c) => c.lotId));
    for (const ceiling of input.lotCeilings) {
      const [lot] = await tx.select().from(lots).where(and(eq(lots.tenantId, t), eq(lots.id, ceiling.lotId), eq(lots.contractId, contract.id))).for('update');
      if (!lot) throw new AppError('VALIDATION', "Ce lot n'appartient pas au marché.", { issues: [{ path: 'lotCeilings', message: 'Lot inconnu.' }] });
      const spent = spending.get(lot.id)!;
      checkCeilingChange(`lot ${lot.number}`, ceiling.maxAmountCents, spent.committedCents + spent.consumedCents);
      changes.push({ field: 'maxAmountCents', lotId: lot.id, before: lot.maxAmountCents, after: ceiling.maxAmountCents });
      await tx.update(lots).set({ maxAmountCents: ceiling.maxAmountCents, version: sql`${lots.version} + 1` }).where(and(eq(lots.tenantId, t), eq(lots.id, lot.id)));
    }
    if (input.durationMonths !== undefined) {
      changes.push({ field: 'durationMonths', before: contract.durationMonths, after: input.durationMonths });
      await tx.update(contracts).set({ durationMonths: input.durationMonths, version: sql`${contracts.version} + 1` }).where(and(eq(contracts.tenantId, t), eq(contracts.id, contract.id)));
    }
    const [{ last }] = await tx.select({ last: max(amendments.number) }).from(amendments).where(and(eq(amendments.tenantId, t), eq(amendments.contractId, contract.id)));
    const [amendment] = await tx
      .insert(amendments)
      .values({
        tenantId: t,
        contractId: contract.id,
        number: (last ?? 0) + 1,
        signedOn: input.signedOn,
        object: input.object,
        changes,
        amountDeltaCents: input.amountDeltaCents,
        publishedAt: ctx.now(),
        createdBy: ctx.actor!.id,
      })
      .returning();
    await recordAudit(ctx, tx, [{ tenantId: t, action: 'amendment.create', entityType: 'contract', entityId: contract.id, after: amendment }]);
    return amendment;
  });
  // a lot's ceiling moves what is left of it on the consumption page
  consumptionChanged(ctx);
  return added;
}
