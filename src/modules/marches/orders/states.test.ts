import { describe, expect, it } from 'vitest';
import { orderStatuses } from './operations/order.input.js';
import { canMove, deliveredState, euros, lineTotals } from './states.js';

describe('order states', () => {
  it('moves forward only, cancels before any delivery, ends at paid or cancelled', () => {
    expect(canMove('draft', 'signed')).toBe(true);
    expect(canMove('draft', 'sent')).toBe(false);
    expect(canMove('signed', 'sent')).toBe(true);
    expect(canMove('sent', 'cancelled')).toBe(true);
    expect(canMove('partly-delivered', 'cancelled')).toBe(false);
    expect(canMove('delivered', 'invoiced')).toBe(true);
    expect(canMove('invoiced', 'paid')).toBe(true);
    for (const to of orderStatuses) {
      expect(canMove('paid', to)).toBe(false);
      expect(canMove('cancelled', to)).toBe(false);
    }
  });

  it('is delivered when every line is complete, and rounds VAT to the cent', () => {
    expect(deliveredState([{ quantity: 2, deliveredQuantity: 2 }, { quantity: 1, deliveredQuantity: 0 }])).toBe('partly-delivered');
    expect(deliveredState([{ quantity: 2, deliveredQuantity: 2 }])).toBe('delivered');
    expect(lineTotals(60_000, 3, 2000)).toEqual({ exclTax: 180_000, vat: 36_000 });
    expect(lineTotals(333, 1, 550)).toEqual({ exclTax: 333, vat: 18 });
    expect(euros(1_000_000)).toMatch(/^10\s000,00 €$/);
  });
});
