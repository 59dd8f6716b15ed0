import type { Db } from '../../server/platform/db.js';
import { noSpending, type LotSpending } from './ceilings.js';

/**
 * What was ordered on each lot (committed: orders not cancelled and not yet invoiced; consumed:
 * invoiced or paid), read from the orders of `marches/orders/`. Until the orders exist every lot
 * has spent nothing. The orders replace this body with their sums (one grouped query for the ids);
 * every figure of this module (remaining, savings, alerts, amendment checks) goes through here.
 */
export async function lotSpending(db: Db, tenantId: string, lotIds: readonly string[]): Promise<Map<string, LotSpending>> {
  void db;
  void tenantId;
  return new Map(lotIds.map((id) => [id, { ...noSpending }]));
}
