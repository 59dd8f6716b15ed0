import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '../../../server/platform/db.js';
import type { LotSpending } from '../ceilings.js';
import { purchaseOrders } from './db/schema.js';

/**
 * What the orders take of each lot (ceilings.ts LotSpending): committed = orders not cancelled
 * and not yet invoiced, consumed = invoiced or paid, and the quantity ordered. Lots without orders
 * are absent (noSpending).
 */
export async function lotSpending(db: Db, tenantId: string, lotIds: string[]): Promise<Map<string, LotSpending>> {
  const result = new Map<string, LotSpending>();
  if (lotIds.length === 0) return result;
  const rows = await db
    .select({
      lotId: purchaseOrders.lotId,
      committedCents: sql<number>`coalesce(sum(${purchaseOrders.totalExclTaxCents}) filter (where ${purchaseOrders.status} not in ('invoiced', 'paid')), 0)`.mapWith(Number),
      consumedCents: sql<number>`coalesce(sum(${purchaseOrders.totalExclTaxCents}) filter (where ${purchaseOrders.status} in ('invoiced', 'paid')), 0)`.mapWith(Number),
      orderedQuantity: sql<number>`coalesce(sum(${purchaseOrders.totalQuantity}), 0)`.mapWith(Number),
    })
    .from(purchaseOrders)
    .where(and(eq(purchaseOrders.tenantId, tenantId), inArray(purchaseOrders.lotId, [...new Set(lotIds)]), ne(purchaseOrders.status, 'cancelled')))
    .groupBy(purchaseOrders.lotId);
  for (const { lotId, ...spending } of rows) result.set(lotId, spending);
  return result;
}
