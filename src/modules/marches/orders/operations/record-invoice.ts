import { and, asc, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../../../server/platform/audit.js';
import { authorize } from '../../../../server/platform/authz.js';
import type { Ctx } from '../../../../server/platform/context.js';
import { isDatabaseError } from '../../../../server/platform/database-errors.js';
import { AppError } from '../../../../server/platform/errors.js';
import { invoices, orderLines, purchaseOrders, type InvoiceDiscrepancy, type InvoiceLine } from '../db/schema.js';
import { orderInScope } from '../order-access.js';
import { lineTotals } from '../states.js';
import { invoiceInput, type InvoiceInput } from './order.input.js';
import { consumptionChanged } from './find-consumption.js';

export { invoiceInput };

type Line = typeof orderLines.$inferSelect;

/**
 * Matches an invoice with its order: per item, the quantity invoiced against the quantity
 * delivered, the unit price against the ordered one; differences are flagged, not refused (the
 * bursar decides). The first invoice moves a delivered order to « invoiced ».
 */
export function matchInvoice(lines: Line[], invoiced: InvoiceInput['lines']): { lines: InvoiceLine[]; discrepancies: InvoiceDiscrepancy[] } {
  const discrepancies: InvoiceDiscrepancy[] = [];
  const result: InvoiceLine[] = [];
  for (const inv of invoiced) {
    const matching = lines.filter((l) => l.priceItemId === inv.priceItemId);
    if (matching.length === 0) {
      discrepancies.push({ lineNo: 0, kind: 'unknown-line', expected: null, invoiced: inv.quantity });
      continue;
    }
    const delivered = matching.reduce((t, l) => t + l.deliveredQuantity, 0);
    const lineNo = matching[0].lineNo;
    if (inv.quantity !== delivered) discrepancies.push({ lineNo, kind: 'quantity', expected: delivered, invoiced: inv.quantity });
    if (inv.unitPriceExclTaxCents !== matching[0].unitPriceExclTaxCents) discrepancies.push({ lineNo, kind: 'price', expected: matching[0].unitPriceExclTaxCents, invoiced: inv.unitPriceExclTaxCents });
    result.push({ lineNo, quantity: inv.quantity, unitPriceExclTaxCents: inv.unitPriceExclTaxCents });
  }
  return { lines: result, discrepancies };
}

export async function recordInvoice(ctx: Ctx, input: { id: string } & InvoiceInput) {
  authorize(ctx.actor, 'budget.manage');
  const order = await orderInScope(ctx, input.id);
  if (!['delivered', 'invoiced'].includes(order.status)) throw new AppError('CONFLICT', 'Une facture se rapproche d’une commande livrée.');
  const tenantId = order.tenantId;
  try {
    const invoice = await ctx.db.transaction(async (tx) => {
      await tx.select({ id: purchaseOrders.id }).from(purchaseOrders).where(and(eq(purchaseOrders.tenantId, tenantId), eq(purchaseOrders.id, order.id))).for('update');
      const lines = await tx.select().from(orderLines).where(and(eq(orderLines.tenantId, tenantId), eq(orderLines.orderId, order.id))).orderBy(asc(orderLines.lineNo));
      const matched = matchInvoice(lines, input.lines);
      const vatOf = new Map(lines.map((l) => [l.priceItemId, l.vatRateBp]));
      let exclTax = 0;
      let vat = 0;
      for (const l of input.lines) {
        const t = lineTotals(l.unitPriceExclTaxCents, l.quantity, vatOf.get(l.priceItemId) ?? 2000);
        exclTax += t.exclTax;
        vat += t.vat;
      }
      const [invoice] = await tx
        .insert(invoices)
        .values({ tenantId, orderId: order.id, number: input.number, invoiceDate: input.invoiceDate, lines: matched.lines, totalExclTaxCents: exclTax, totalInclTaxCents: exclTax + vat, discrepancies: matched.discrepancies, recordedBy: ctx.actor!.label })
        .returning();
      await tx
        .update(purchaseOrders)
        .set({ status: 'invoiced', updatedAt: ctx.now(), version: sql`${purchaseOrders.version} + 1` })
        .where(and(eq(purchaseOrders.tenantId, tenantId), eq(purchaseOrders.id, order.id)));
      await recordAudit(ctx, tx, [{ tenantId, action: 'create', entityType: 'invoice', entityId: invoice.id, after: { orderId: order.id, number: input.number, totalExclTaxCents: exclTax, discrepancies: matched.discrepancies.length } }]);
      return invoice;
    });
    consumptionChanged(ctx);
    return invoice;
  } catch (error) {
    if (isDatabaseError(error, '23505')) throw new AppError('CONFLICT', `La facture n° ${input.number} est déjà enregistrée pour cette commande.`);
    throw error;
  }
}
