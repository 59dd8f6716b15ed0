import type { OrderStatus } from './operations/order.input.js';

/**
 * Where an order may go from each state. Deliveries move it to partly-delivered and delivered,
 * an invoice to invoiced; people sign, send, cancel (before any delivery) and mark it paid.
 */
const next: Record<OrderStatus, readonly OrderStatus[]> = {
  draft: ['signed', 'cancelled'],
  signed: ['sent', 'cancelled'],
  sent: ['partly-delivered', 'delivered', 'cancelled'],
  'partly-delivered': ['partly-delivered', 'delivered'],
  delivered: ['invoiced'],
  invoiced: ['invoiced', 'paid'],
  paid: [],
  cancelled: [],
};

export function canMove(from: OrderStatus, to: OrderStatus): boolean {
  return next[from].includes(to);
}

/** The state after a delivery: every line complete, or not yet. */
export function deliveredState(lines: { quantity: number; deliveredQuantity: number }[]): OrderStatus {
  return lines.every((l) => l.deliveredQuantity >= l.quantity) ? 'delivered' : 'partly-delivered';
}

/** Totals of a line: excl. VAT, and VAT rounded to the cent (basis points: 2000 = 20 %). */
export function lineTotals(unitPriceExclTaxCents: number, quantity: number, vatRateBp: number) {
  const exclTax = unitPriceExclTaxCents * quantity;
  return { exclTax, vat: Math.round((exclTax * vatRateBp) / 10_000) };
}

export const euros = (cents: number) => `${(cents / 100).toLocaleString('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} €`;
