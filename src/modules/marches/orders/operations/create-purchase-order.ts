import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import { recordAudit } from '../../../../server/platform/audit.js';
import { authorize, establishmentScope } from '../../../../server/platform/authz.js';
import type { Ctx } from '../../../../server/platform/context.js';
import type { Db } from '../../../../server/platform/db.js';
import { AppError, forbidden, notFound, type ErrorIssue } from '../../../../server/platform/errors.js';
import { uuidv7 } from '../../../../server/platform/uuid7.js';
import { establishmentsView as establishments, establishmentScopeWhere } from '../../../referentiel/index.js';
import { lotCeiling } from '../../ceilings.js';
import { groupMembers, priceItems } from '../../db/schema.js';
import { priceItemsInForce, type PriceItemInForce } from '../../price-lists.js';
import { budgetLines, orderLines, purchaseOrders } from '../db/schema.js';
import { actsFor, organizationsOf } from '../order-access.js';
import { euros, lineTotals } from '../states.js';
import { createOrderInput, type CreateOrderInput } from './order.input.js';
import { consumptionChanged } from './find-consumption.js';

export { createOrderInput };

/**
 * A member's purchase order on a lot's price list in force on its date, for sites the actor
 * reaches, charged to one of the member's budget lines. Created as a draft, it counts against the
 * lot's ceiling and the budget line's at once. The lot row, then the budget line, are locked for
 * the check and the write: orders racing for the last euros of a ceiling pass one at a time, and
 * the one that would overrun gets 409 with what is left.
 */
export async function createPurchaseOrder(ctx: Ctx, input: CreateOrderInput, options: { source?: string } = {}) {
  authorize(ctx.actor, 'order.place');
  const actor = ctx.actor;
  const tenantId = actor.tenantId;
  const orderDate = input.orderDate ?? ctx.now().toISOString().slice(0, 10);
  const member = await memberFor(ctx, input.memberOrganizationId);
  const sites = await sitesOf(ctx, input.lines.map((l) => l.uai));

  const created = await ctx.db.transaction(async (tx) => {
    const lot = await lotCeiling(tx, tenantId, input.lotId, { forUpdate: true });
    if (!lot) throw notFound('Lot');
    if (lot.contractId !== input.contractId) {
      throw new AppError('VALIDATION', 'Ce lot n’appartient pas au marché indiqué.', { issues: [{ path: 'lotId', message: 'Lot d’un autre marché.' }] });
    }
    if (lot.contractStatus !== 'notified') throw new AppError('CONFLICT', 'Ce marché n’est pas en vigueur : il ne reçoit pas de commande.');
    if (lot.endsOn && orderDate > lot.endsOn) throw new AppError('CONFLICT', `Ce marché a pris fin le ${lot.endsOn} : il ne reçoit plus de commande.`);
    if (lot.startsOn && orderDate < lot.startsOn) throw new AppError('CONFLICT', `Ce marché ne commence que le ${lot.startsOn}.`);
    if (lot.groupId && !(await isMember(tx, tenantId, lot.groupId, member))) throw forbidden('Cette organisation n’est pas membre du groupement de ce marché.');
    const lotNumber = lot.lotNumber;

    const items = await checkedItems(tx, tenantId, input, orderDate, await priceItemsInForce(tx, tenantId, input.lotId, orderDate));
    const lines = input.lines.map((l, index) => {
      const item = items.get(l.priceItemId)!;
      const totals = lineTotals(item.unitPriceExclTaxCents, l.quantity, item.vatRateBp);
      return { lineNo: index + 1, item, quantity: l.quantity, establishmentId: sites.get(l.uai.toUpperCase())!, roomId: l.roomId ?? null, ...totals };
    });
    const total = lines.reduce((t, l) => t + l.exclTax, 0);
    const vat = lines.reduce((t, l) => t + l.vat, 0);
    const quantity = lines.reduce((t, l) => t + l.quantity, 0);

    const lotUsed = await usedOn(tx, and(eq(purchaseOrders.tenantId, tenantId), eq(purchaseOrders.lotId, lot.lotId)));
    if (lot.maxAmountCents !== null && lotUsed.amount + total > lot.maxAmountCents) {
      const left = Math.max(0, lot.maxAmountCents - lotUsed.amount);
      throw new AppError('CONFLICT', `Le plafond du lot n° ${lotNumber} serait dépassé : il reste ${euros(left)} HT, la commande en demande ${euros(total)} HT.`, {
        details: { ceiling: 'lot', remainingExclTaxCents: left },
      });
    }
    if (lot.maxQuantity !== null && lotUsed.quantity + quantity > lot.maxQuantity) {
      const left = Math.max(0, lot.maxQuantity - lotUsed.quantity);
      throw new AppError('CONFLICT', `Le plafond en quantité du lot n° ${lotNumber} serait dépassé : il reste ${left} unité(s), la commande en demande ${quantity}.`, {
        details: { ceiling: 'lot-quantity', remainingQuantity: left },
      });
    }
    const budget = await chargedLine(tx, tenantId, member, Number(orderDate.slice(0, 4)), input.budgetLineId);
    const budgetUsed = await usedOn(tx, and(eq(purchaseOrders.tenantId, tenantId), eq(purchaseOrders.budgetLineId, budget.id)));
    if (budgetUsed.amount + total > budget.ceilingCents) {
      const left = Math.max(0, budget.ceilingCents - budgetUsed.amount);
      throw new AppError('CONFLICT', `Le plafond de la ligne budgétaire « ${budget.label} » serait dépassé : il reste ${euros(left)} HT, la commande en demande ${euros(total)} HT.`, {
        details: { ceiling: 'budget-line', remainingExclTaxCents: left },
      });
    }

    const id = uuidv7(ctx.now().getTime());
    const reference = `BC-${orderDate.slice(0, 4)}-${id.slice(-8).toUpperCase()}`;
    const at = ctx.now();
    const [order] = await tx
      .insert(purchaseOrders)
      .values({
        tenantId,
        id,
        reference,
        contractId: lot.contractId,
        lotId: lot.lotId,
        memberOrganizationId: member,
        budgetLineId: budget.id,
        status: 'draft',
        orderDate,
        totalExclTaxCents: total,
        totalVatCents: vat,
        totalInclTaxCents: total + vat,
        totalQuantity: quantity,
        source: options.source ?? 'ui',
        createdBy: actor.label,
        createdAt: at,
        updatedAt: at,
      })
      .returning();
    await tx.insert(orderLines).values(
      lines.map((l) => ({
        tenantId,
        orderId: id,
        lineNo: l.lineNo,
        priceItemId: l.item.id,
        code: l.item.code,
        label: l.item.label,
        unitPriceExclTaxCents: l.item.unitPriceExclTaxCents,
        vatRateBp: l.item.vatRateBp,
        recurrence: l.item.recurrence,
        warrantyMonths: l.item.warrantyMonths,
        quantity: l.quantity,
        establishmentId: l.establishmentId,
        roomId: l.roomId,
        totalExclTaxCents: l.exclTax,
        totalVatCents: l.vat,
      })),
    );
    await recordAudit(ctx, tx, [{ tenantId, action: 'create', entityType: 'purchase_order', entityId: id, after: { reference, lotId: lot.lotId, memberOrganizationId: member, totalExclTaxCents: total, lines: lines.length } }]);
    return order;
  });
  consumptionChanged(ctx);
  return created;
}

/** The member the order is for: one of the actor's organizations, or a member that delegated it. */
async function memberFor(ctx: Ctx, asked: string | undefined): Promise<string> {
  const actor = ctx.actor!;
  const own = organizationsOf(actor, 'order.place');
  const member = asked ?? (own.includes(actor.tenantId) ? actor.tenantId : own[0]);
  if (!(await actsFor(ctx, member))) throw forbidden('Vous ne pouvez pas commander pour ce membre : il ne vous a pas délégué ses commandes.');
  return member;
}

/** The establishments of the lines, by UAI, each within the actor's reach. */
async function sitesOf(ctx: Ctx, uais: string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(uais.map((u) => u.toUpperCase()))];
  const rows = await ctx.db
    .select({ id: establishments.id, uai: establishments.uai })
    .from(establishments)
    .where(and(eq(establishments.tenantId, ctx.actor!.tenantId), inArray(establishments.uai, wanted), establishmentScopeWhere(establishmentScope(ctx.actor!, 'order.place'))));
  const found = new Map(rows.map((r) => [r.uai, r.id]));
  const issues: ErrorIssue[] = uais.flatMap((uai, i) => (found.has(uai.toUpperCase()) ? [] : [{ path: `lines.${i}.uai`, message: `Le site ${uai} est inconnu ou hors de votre périmètre.` }]));
  if (issues.length) throw new AppError('NOT_FOUND', 'Site introuvable ou hors de votre périmètre : rien n’a été enregistré.', { issues });
  return found;
}

async function isMember(db: Db, tenantId: string, groupId: string, organizationId: string): Promise<boolean> {
  const [row] = await db
    .select({ one: groupMembers.organizationId })
    .from(groupMembers)
    .where(and(eq(groupMembers.tenantId, tenantId), eq(groupMembers.groupId, groupId), eq(groupMembers.organizationId, organizationId)));
  return Boolean(row);
}

/** Every line's item must be on the lot's list in force on the order's date; each refusal is named. */
async function checkedItems(db: Db, tenantId: string, input: CreateOrderInput, orderDate: string, inForce: PriceItemInForce[]) {
  const byId = new Map(inForce.map((i) => [i.id, i]));
  const unknown = [...new Set(input.lines.map((l) => l.priceItemId).filter((id) => !byId.has(id)))];
  if (unknown.length === 0) return byId;
  const known = await db.select({ id: priceItems.id, lotId: priceItems.lotId, code: priceItems.code }).from(priceItems).where(and(eq(priceItems.tenantId, tenantId), inArray(priceItems.id, unknown)));
  const why = new Map(
    known.map((k) => [k.id, k.lotId !== input.lotId ? `L’article ${k.code} appartient à un autre lot.` : `L’article ${k.code} n’est pas au bordereau des prix en vigueur le ${orderDate}.`]),
  );
  const issues = input.lines.flatMap((l, i) => (byId.has(l.priceItemId) ? [] : [{ path: `lines.${i}.priceItemId`, message: why.get(l.priceItemId) ?? 'Cet article n’existe pas au bordereau des prix.' }]));
  throw new AppError('VALIDATION', `${issues[0].message} Rien n’a été enregistré.`, { issues });
}

/** The budget line charged, locked: the one asked (the member's, of the order's year) or the member's line of that year with the most left. */
async function chargedLine(db: Db, tenantId: string, member: string, year: number, asked: string | undefined) {
  const lines = await db
    .select()
    .from(budgetLines)
    .where(and(eq(budgetLines.tenantId, tenantId), eq(budgetLines.memberOrganizationId, member), eq(budgetLines.year, year), asked ? eq(budgetLines.id, asked) : undefined))
    .orderBy(asc(budgetLines.id))
    .for('update');
  if (lines.length === 0) {
    throw new AppError('CONFLICT', asked ? `Cette ligne budgétaire n’est pas une ligne de ce membre pour ${year}.` : `Ce membre n’a aucune ligne budgétaire pour ${year} : créez-la avant de commander.`);
  }
  if (lines.length === 1) return lines[0];
  const used = await db
    .select({ id: purchaseOrders.budgetLineId, amount: sql<number>`coalesce(sum(${purchaseOrders.totalExclTaxCents}), 0)`.mapWith(Number) })
    .from(purchaseOrders)
    .where(and(eq(purchaseOrders.tenantId, tenantId), inArray(purchaseOrders.budgetLineId, lines.map((l) => l.id)), ne(purchaseOrders.status, 'cancelled')))
    .groupBy(purchaseOrders.budgetLineId);
  const usedOf = new Map(used.map((u) => [u.id, u.amount]));
  return [...lines].sort((a, b) => b.ceilingCents - (usedOf.get(b.id) ?? 0) - (a.ceilingCents - (usedOf.get(a.id) ?? 0)))[0];
}

/** What orders not cancelled already take under a ceiling (amount excl. VAT, quantity). */
async function usedOn(db: Db, where: ReturnType<typeof and>) {
  const [row] = await db
    .select({
      amount: sql<number>`coalesce(sum(${purchaseOrders.totalExclTaxCents}), 0)`.mapWith(Number),
      quantity: sql<number>`coalesce(sum(${purchaseOrders.totalQuantity}), 0)`.mapWith(Number),
    })
    .from(purchaseOrders)
    .where(and(where, ne(purchaseOrders.status, 'cancelled')));
  return row;
}
