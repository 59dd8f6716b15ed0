import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { Ctx } from '../../../../server/platform/context.js';
import { AppError } from '../../../../server/platform/errors.js';
import { establishmentsView as establishments } from '../../../referentiel/index.js';
import { createPurchaseOrder } from '../../orders/operations/create-purchase-order.js';
import { maxOrderLines } from '../../orders/operations/order.input.js';
import { resourceChoices, resourceTitles } from '../db/schema.js';
import { consolidateInput } from '../resource.input.js';
import { contractOfTenant } from '../resource-scope.js';
import { choiceJoins } from './find-resource-choices.js';

export { consolidateInput };

interface Line {
  lotId: string;
  priceItemId: string;
  uai: string;
  quantity: number;
  choiceIds: string[];
}

/**
 * Turns every open choice of the contract's digital titles into the authority's draft orders to
 * the holder: one order per lot (split past the order's line limit), one line per school and
 * title (its levels summed), every choice stamped with its order. All in one transaction with the
 * choices locked: a ceiling or budget refusal leaves every choice open, and two consolidations
 * at once cannot order the same choice twice. Paper-only titles stay out (the school buys them).
 */
export async function consolidateResourceChoices(ctx: Ctx, input: z.infer<typeof consolidateInput>) {
  const contract = await contractOfTenant(ctx, input.contractId, 'resource.manage');
  const tenantId = ctx.actor!.tenantId;
  return ctx.db.transaction(async (tx) => {
    // locked first on its own table (FOR UPDATE OF a schema-qualified table is refused by PostgreSQL)
    const titles = tx.select({ id: resourceTitles.id }).from(resourceTitles).where(and(eq(resourceTitles.tenantId, tenantId), eq(resourceTitles.contractId, contract.id), eq(resourceTitles.digital, true)));
    await tx
      .select({ id: resourceChoices.id })
      .from(resourceChoices)
      .where(and(eq(resourceChoices.tenantId, tenantId), inArray(resourceChoices.titleId, titles), isNull(resourceChoices.orderId)))
      .for('update');
    const open = await tx
      .select({ id: resourceChoices.id, quantity: resourceChoices.quantity, lotId: resourceTitles.lotId, priceItemId: resourceTitles.priceItemId, uai: establishments.uai })
      .from(resourceChoices)
      .innerJoin(resourceTitles, choiceJoins.title)
      .innerJoin(establishments, choiceJoins.site)
      .where(and(eq(resourceChoices.tenantId, tenantId), eq(resourceTitles.contractId, contract.id), eq(resourceTitles.digital, true), isNull(resourceChoices.orderId)));
    if (!open.length) throw new AppError('CONFLICT', 'Aucun choix en attente sur ce marché : rien à consolider.');
    const lines = new Map<string, Line>();
    for (const c of open) {
      const key = `${c.lotId}|${c.priceItemId}|${c.uai}`;
      const line = lines.get(key) ?? { lotId: c.lotId, priceItemId: c.priceItemId!, uai: c.uai, quantity: 0, choiceIds: [] };
      line.quantity += c.quantity;
      line.choiceIds.push(c.id);
      lines.set(key, line);
    }
    const byLot = new Map<string, Line[]>();
    for (const l of lines.values()) byLot.set(l.lotId, [...(byLot.get(l.lotId) ?? []), l]);
    const txCtx: Ctx = { ...ctx, db: tx };
    const orders = [];
    for (const [lotId, lotLines] of byLot) {
      for (let i = 0; i < lotLines.length; i += maxOrderLines) {
        const chunk = lotLines.slice(i, i + maxOrderLines);
        const order = await createPurchaseOrder(
          txCtx,
          { contractId: contract.id, lotId, budgetLineId: input.budgetLineId, lines: chunk.map((l) => ({ priceItemId: l.priceItemId, quantity: l.quantity, uai: l.uai })) },
          { source: 'resources' },
        );
        const ids = chunk.flatMap((l) => l.choiceIds);
        for (let j = 0; j < ids.length; j += 5000) {
          await tx.update(resourceChoices).set({ orderId: order.id, updatedAt: ctx.now() }).where(and(eq(resourceChoices.tenantId, tenantId), inArray(resourceChoices.id, ids.slice(j, j + 5000))));
        }
        orders.push({ id: order.id, reference: order.reference, status: order.status, lotId, lines: chunk.length, licences: order.totalQuantity, totalExclTaxCents: order.totalExclTaxCents });
      }
    }
    return { orders, choices: open.length, licences: open.reduce((t, c) => t + c.quantity, 0) };
  });
}
