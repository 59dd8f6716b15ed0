import { orderStatuses, type OrderStatus } from '../../../../modules/marches/orders/operations/order.input';
import type { OrdersSearch } from './queries';

export function validateOrdersSearch(raw: Record<string, unknown>): OrdersSearch {
  const uuid = (v: unknown) => (typeof v === 'string' && /^[0-9a-f-]{36}$/i.test(v) ? v : undefined);
  return {
    status: (orderStatuses as readonly string[]).includes(raw.status as string) ? (raw.status as OrderStatus) : undefined,
    lotId: uuid(raw.lotId),
    contractId: uuid(raw.contractId),
    budgetLineId: uuid(raw.budgetLineId),
    uai: typeof raw.uai === 'string' && /^\d{7}[A-Za-z]$/.test(raw.uai) ? raw.uai.toUpperCase() : undefined,
    page: typeof raw.page === 'number' && raw.page >= 1 ? raw.page : undefined,
  };
}
