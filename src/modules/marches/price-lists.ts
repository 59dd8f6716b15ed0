import { and, asc, desc, eq, lte } from 'drizzle-orm';
import type { Ctx } from '../../server/platform/context.js';
import type { Db } from '../../server/platform/db.js';
import { priceItems, priceLists } from './db/schema.js';

export interface PriceItemInForce {
  id: string;
  priceListId: string;
  revision: number;
  validFrom: string;
  lotId: string;
  code: string;
  label: string;
  unit: string;
  unitPriceExclTaxCents: number;
  vatRateBp: number;
  recurrence: 'one-off' | 'monthly';
  warrantyMonths: number | null;
  cpvCode: string | null;
}

const dbOf = (dbOrCtx: Db | Ctx): Db => ('db' in dbOrCtx && 'now' in dbOrCtx ? (dbOrCtx as Ctx).db : (dbOrCtx as Db));

/**
 * The items of the lot's price list in force on `onDate` (YYYY-MM-DD): the latest version whose
 * `valid_from` is on or before that day. An order dated D uses these prices; none before the first version.
 */
export async function priceItemsInForce(dbOrCtx: Db | Ctx, tenantId: string, lotId: string, onDate: string): Promise<PriceItemInForce[]> {
  const db = dbOf(dbOrCtx);
  const [list] = await db
    .select({ id: priceLists.id, revision: priceLists.revision, validFrom: priceLists.validFrom })
    .from(priceLists)
    .where(and(eq(priceLists.tenantId, tenantId), eq(priceLists.lotId, lotId), lte(priceLists.validFrom, onDate)))
    .orderBy(desc(priceLists.validFrom))
    .limit(1);
  if (!list) return [];
  const items = await db
    .select()
    .from(priceItems)
    .where(and(eq(priceItems.tenantId, tenantId), eq(priceItems.priceListId, list.id)))
    .orderBy(asc(priceItems.code));
  return items.map((i) => ({
    id: i.id,
    priceListId: list.id,
    revision: list.revision,
    validFrom: list.validFrom,
    lotId: i.lotId,
    code: i.code,
    label: i.label,
    unit: i.unit,
    unitPriceExclTaxCents: i.unitPriceExclTaxCents,
    vatRateBp: i.vatRateBp,
    recurrence: i.recurrence as PriceItemInForce['recurrence'],
    warrantyMonths: i.warrantyMonths,
    cpvCode: i.cpvCode,
  }));
}
