import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../server/platform/context.js';
import type { Db } from '../../server/platform/db.js';
import { contracts, lots } from './db/schema.js';

/** A lot's ceilings and term, what an order is checked against (null: no ceiling of that kind). */
export interface LotCeiling {
  lotId: string;
  lotNumber: number;
  contractId: string;
  tenantId: string;
  minAmountCents: number | null;
  maxAmountCents: number | null;
  minQuantity: number | null;
  maxQuantity: number | null;
  estimateCents: number | null;
  awardedCents: number | null;
  /** First and last day orders may be placed (YYYY-MM-DD), renewals included; null when not notified. */
  startsOn: string | null;
  endsOn: string | null;
  contractStatus: string;
  holderOrganizationId: string | null;
  groupId: string | null;
}

/** Adds months to a YYYY-MM-DD day and returns the day before (a 12-month term from 2024-09-01 ends 2025-08-31). */
export function termEnd(startsOn: string, months: number): string {
  const [y, m, d] = startsOn.split('-').map(Number);
  const end = new Date(Date.UTC(y, m - 1 + months, d));
  end.setUTCDate(end.getUTCDate() - 1);
  return end.toISOString().slice(0, 10);
}

/** Months of the whole term: the lot's duration (else the contract's), plus every renewal. */
export function totalMonths(durationMonths: number, renewals: { count: number; months: number }): number {
  return durationMonths + renewals.count * renewals.months;
}

const dbOf = (dbOrCtx: Db | Ctx): Db => ('db' in dbOrCtx && 'now' in dbOrCtx ? (dbOrCtx as Ctx).db : (dbOrCtx as Db));

/**
 * The lot's ceilings and term. Pass `forUpdate` inside the order's transaction: the lot row is
 * locked, so orders racing for the last euros of a ceiling are checked one after the other.
 */
export async function lotCeiling(dbOrCtx: Db | Ctx, tenantId: string, lotId: string, options: { forUpdate?: boolean } = {}): Promise<LotCeiling | null> {
  const db = dbOf(dbOrCtx);
  // Drizzle writes `FOR UPDATE OF "marches"."lots"`, which PostgreSQL refuses (the relation must be
  // named unqualified, as in FROM): the lot row alone is locked first, then read with its contract.
  if (options.forUpdate) await db.select({ id: lots.id }).from(lots).where(and(eq(lots.tenantId, tenantId), eq(lots.id, lotId))).for('update');
  const query = db
    .select({ lot: lots, contract: contracts })
    .from(lots)
    .innerJoin(contracts, and(eq(contracts.tenantId, lots.tenantId), eq(contracts.id, lots.contractId)))
    .where(and(eq(lots.tenantId, tenantId), eq(lots.id, lotId)));
  const [row] = await query;
  if (!row) return null;
  const { lot, contract } = row;
  const months = totalMonths(lot.durationMonths ?? contract.durationMonths, contract.renewals);
  return {
    lotId: lot.id,
    lotNumber: lot.number,
    contractId: contract.id,
    tenantId,
    minAmountCents: lot.minAmountCents,
    maxAmountCents: lot.maxAmountCents,
    minQuantity: lot.minQuantity,
    maxQuantity: lot.maxQuantity,
    estimateCents: lot.estimateCents,
    awardedCents: lot.awardedCents,
    startsOn: contract.startsOn,
    endsOn: contract.startsOn ? termEnd(contract.startsOn, months) : null,
    contractStatus: contract.status,
    holderOrganizationId: lot.holderOrganizationId,
    groupId: contract.groupId,
  };
}

/** The amounts ordered on a lot, supplied by the orders (zero until they exist). */
export interface LotSpending {
  /** Orders not cancelled and not yet invoiced (engagé). */
  committedCents: number;
  /** Invoiced or paid (consommé). */
  consumedCents: number;
  /** Quantity ordered, for ceilings in quantity. */
  orderedQuantity: number;
}

export const noSpending: LotSpending = { committedCents: 0, consumedCents: 0, orderedQuantity: 0 };

/** Remaining under the ceiling once committed and consumed amounts are taken; null: no ceiling. */
export function remainingCents(maxAmountCents: number | null, spending: LotSpending): number | null {
  if (maxAmountCents === null) return null;
  return maxAmountCents - spending.committedCents - spending.consumedCents;
}

