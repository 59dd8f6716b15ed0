import { and, eq } from 'drizzle-orm';
import type { Db } from '../../server/platform/db.js';
import { contracts, lots } from './db/schema.js';

/** A lot's id from its contract's reference and its number (null when none): how other modules name a price list. */
export async function lotIdByReference(db: Db, tenantId: string, contractReference: string, lotNumber: number): Promise<string | null> {
  const [lot] = await db
    .select({ id: lots.id })
    .from(lots)
    .innerJoin(contracts, and(eq(contracts.tenantId, lots.tenantId), eq(contracts.id, lots.contractId)))
    .where(and(eq(lots.tenantId, tenantId), eq(contracts.reference, contractReference), eq(lots.number, lotNumber)));
  return lot?.id ?? null;
}
