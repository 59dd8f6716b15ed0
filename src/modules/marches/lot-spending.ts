import type { Db } from '../../server/platform/db.js';
import { noSpending, type LotSpending } from './ceilings.js';
import { lotSpending as orderedOnLots } from './orders/lot-spending.js';

/**
 * What was ordered on each lot (committed: orders not cancelled and not yet invoiced; consumed:
 * invoiced or paid), from the orders of `marches/orders/`; a lot without orders has spent
 * nothing. Every figure of this module (remaining, savings, alerts, amendment checks) goes
 * through here: one grouped query for the ids.
 */
export async function lotSpending(db: Db, tenantId: string, lotIds: readonly string[]): Promise<Map<string, LotSpending>> {
  const ordered = await orderedOnLots(db, tenantId, [...lotIds]);
  return new Map(lotIds.map((id) => [id, ordered.get(id) ?? { ...noSpending }]));
}
