import { and, asc, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../../../server/platform/audit.js';
import { authorize } from '../../../../server/platform/authz.js';
import type { Ctx } from '../../../../server/platform/context.js';
import { AppError, type ErrorIssue } from '../../../../server/platform/errors.js';
import { assetClasses, type AssetClass } from '../../../../shared/fleet.js';
import { recordDeliveredDevices, serialKey, type DeliveredDevice } from '../../../parc/index.js';
import { organizationsView } from '../../../referentiel/index.js';
import { termEnd } from '../../ceilings.js';
import { lots } from '../../db/schema.js';
import { budgetLines, deliveries, orderLines, purchaseOrders } from '../db/schema.js';
import { deliveredState } from '../states.js';
import { holderOrder } from './change-order-status.js';
import { deliveryInput, type DeliveryInput } from './order.input.js';
import { consumptionChanged } from './find-consumption.js';

export { deliveryInput };

type Line = typeof orderLines.$inferSelect;

/**
 * The holder records what it delivered against an order: serials (typed or from its file) or a
 * quantity. All or nothing: an item not ordered, more than is left to deliver, a bad or repeated
 * serial, or one already in the fleet refuses the whole delivery, each row named. The devices are
 * created in the Parc (delivered, owned by the ordering member, with the supplier, order
 * reference, price and warranty end) and join their site's deployment batch for the order.
 */
export async function recordDelivery(ctx: Ctx, input: { id: string; source?: 'typed' | 'file' } & DeliveryInput) {
  authorize(ctx.actor, 'order.fulfil');
  const order = await holderOrder(ctx, input.id);
  if (!['sent', 'partly-delivered'].includes(order.status)) {
    throw new AppError('CONFLICT', 'Cette commande n’attend pas de livraison (elle doit être envoyée au titulaire et pas encore entièrement livrée).');
  }
  const tenantId = order.tenantId;
  const deliveredAt = input.deliveredAt ? new Date(input.deliveredAt) : ctx.now();
  const day = deliveredAt.toISOString().slice(0, 10);
  const keys = serialKeysOf(input);

  const recorded = await ctx.db.transaction(async (tx) => {
    const [locked] = await tx.select().from(purchaseOrders).where(and(eq(purchaseOrders.tenantId, tenantId), eq(purchaseOrders.id, order.id))).for('update');
    const lines = await tx.select().from(orderLines).where(and(eq(orderLines.tenantId, tenantId), eq(orderLines.orderId, order.id))).orderBy(asc(orderLines.lineNo));
    const { allocations, issues } = allocate(lines, input, keys);
    if (issues.length) throw new AppError('UNPROCESSABLE', `La livraison dépasse ou ne correspond pas à la commande : rien n’a été enregistré.`, { issues });

    const [context] = await tx
      .select({ holderName: lots.holderName, fundingSource: budgetLines.fundingSource, memberKind: organizationsView.kind })
      .from(purchaseOrders)
      .innerJoin(lots, and(eq(lots.tenantId, purchaseOrders.tenantId), eq(lots.id, purchaseOrders.lotId)))
      .innerJoin(budgetLines, and(eq(budgetLines.tenantId, purchaseOrders.tenantId), eq(budgetLines.id, purchaseOrders.budgetLineId)))
      .innerJoin(organizationsView, eq(organizationsView.tenantId, purchaseOrders.memberOrganizationId))
      .where(and(eq(purchaseOrders.tenantId, tenantId), eq(purchaseOrders.id, order.id)));
    const devices: DeliveredDevice[] = allocations.flatMap((a) =>
      a.serials.map((serial) => ({
        serial,
        establishmentId: a.line.establishmentId,
        roomId: a.line.roomId,
        assetClass: a.assetClass,
        model: a.line.label,
        purchasePriceCents: a.line.unitPriceExclTaxCents,
        warrantyEnd: a.line.warrantyMonths ? termEnd(day, a.line.warrantyMonths) : null,
      })),
    );
    const fundingSource = ['own-budget', 'feder', 'eib', 'state', 'other'].includes(context.fundingSource) ? (context.fundingSource as 'own-budget') : null;
    await recordDeliveredDevices(tx, {
      tenantId,
      orderReference: locked.reference,
      supplier: context.holderName ?? 'Titulaire',
      ownerKind: context.memberKind === 'academie' ? 'academy' : 'authority',
      fundingSource,
      purchaseDate: locked.orderDate,
      deliveredAt,
      createdBy: ctx.actor!.label,
      devices,
    });
    for (const a of allocations) {
      a.line.deliveredQuantity += a.quantity;
      await tx
        .update(orderLines)
        .set({ deliveredQuantity: a.line.deliveredQuantity })
        .where(and(eq(orderLines.tenantId, tenantId), eq(orderLines.orderId, order.id), eq(orderLines.lineNo, a.line.lineNo)));
    }
    const status = deliveredState(lines);
    const [updated] = await tx
      .update(purchaseOrders)
      .set({ status, updatedAt: ctx.now(), version: sql`${purchaseOrders.version} + 1` })
      .where(and(eq(purchaseOrders.tenantId, tenantId), eq(purchaseOrders.id, order.id)))
      .returning();
    const [delivery] = await tx
      .insert(deliveries)
      .values({
        tenantId,
        orderId: order.id,
        deliveredAt,
        source: input.source ?? 'typed',
        lines: allocations.map((a) => ({ lineNo: a.line.lineNo, quantity: a.quantity, serials: a.serials.length })),
        deviceCount: devices.length,
        recordedBy: ctx.actor!.label,
      })
      .returning();
    await recordAudit(ctx, tx, [{ tenantId, action: 'create', entityType: 'delivery', entityId: delivery.id, after: { orderId: order.id, devices: devices.length, status } }]);
    return { delivery, order: updated, devicesCreated: devices.length };
  });
  consumptionChanged(ctx);
  return recorded;
}

/** Each line's serials as the Parc compares them; a bad or repeated one is named by its row. */
function serialKeysOf(input: DeliveryInput): string[][] {
  const issues: ErrorIssue[] = [];
  const seen = new Map<string, string>();
  const keys = input.lines.map((line, i) =>
    line.serials.flatMap((raw, j) => {
      const key = serialKey(raw);
      const path = `lines.${i}.serials.${j}`;
      if (key === null) {
        issues.push({ path, message: `« ${raw.slice(0, 40)} » n’est pas un numéro de série utilisable.` });
        return [];
      }
      const first = seen.get(key);
      if (first) {
        issues.push({ path, message: `Le numéro de série ${key} figure déjà (${first}).` });
        return [];
      }
      seen.set(key, path);
      return [key];
    }),
  );
  if (issues.length) throw new AppError('VALIDATION', `${issues.length} numéro(s) de série refusé(s) : rien n’a été enregistré.`, { issues: issues.slice(0, 200) });
  return keys;
}

interface Allocation {
  line: Line;
  quantity: number;
  serials: string[];
  assetClass: AssetClass;
}

/** Spreads each delivered line over the order's lines of that item (by line order) within what is left to deliver. */
function allocate(lines: Line[], input: DeliveryInput, keys: string[][]): { allocations: Allocation[]; issues: ErrorIssue[] } {
  const issues: ErrorIssue[] = [];
  const allocations: Allocation[] = [];
  const left = new Map(lines.map((l) => [l.lineNo, l.quantity - l.deliveredQuantity]));
  input.lines.forEach((delivered, i) => {
    const matching = lines.filter((l) => l.priceItemId === delivered.priceItemId);
    if (matching.length === 0) {
      issues.push({ path: `lines.${i}.priceItemId`, message: 'Cet article ne figure pas sur la commande.' });
      return;
    }
    const serials = keys[i];
    const count = serials.length || delivered.quantity || 0;
    if (count === 0) {
      issues.push({ path: `lines.${i}`, message: 'Indiquez les numéros de série ou la quantité livrée.' });
      return;
    }
    const remaining = matching.reduce((t, l) => t + left.get(l.lineNo)!, 0);
    if (count > remaining) {
      issues.push({ path: `lines.${i}`, message: `Plus que commandé pour l’article ${matching[0].code} : ${count} livré(s), ${remaining} restant(s) à livrer.` });
      return;
    }
    const assetClass = (assetClasses as readonly string[]).includes(delivered.assetClass ?? '') ? (delivered.assetClass as AssetClass) : 'desktop';
    let rest = count;
    let offset = 0;
    for (const line of matching) {
      const take = Math.min(rest, left.get(line.lineNo)!);
      if (take === 0) continue;
      left.set(line.lineNo, left.get(line.lineNo)! - take);
      allocations.push({ line, quantity: take, serials: serials.slice(offset, offset + (serials.length ? take : 0)), assetClass });
      offset += take;
      rest -= take;
      if (rest === 0) break;
    }
  });
  return { allocations, issues };
}
