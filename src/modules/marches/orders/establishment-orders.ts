import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../../server/platform/db.js';
import { uuidArray } from '../../../server/platform/prepared.js';
import { orderLines, purchaseOrders } from './db/schema.js';

/** What the orders brought one school in one year (excluding tax, cents): ordered, delivered, invoiced or paid. */
export interface EstablishmentOrderFigures {
  establishmentId: string;
  year: number;
  orderedCents: number;
  deliveredCents: number;
  invoicedCents: number;
  orderedQuantity: number;
  deliveredQuantity: number;
}

/**
 * The orders' lines at some schools, by school and order year, cancelled and draft orders left out:
 * what other modules (the steering's PPI execution) follow without reading the orders' tables.
 * Delivered is each line's delivered quantity at its unit price; orders dated from `range.from` to before `range.to`.
 */
export async function orderFiguresByEstablishment(db: Db, tenantId: string, establishmentIds: readonly string[], range: { from: string; to: string }): Promise<EstablishmentOrderFigures[]> {
  if (!establishmentIds.length) return [];
  const o = purchaseOrders;
  const l = orderLines;
  return rows<EstablishmentOrderFigures>(
    db,
    sql`select l.establishment_id as "establishmentId", extract(year from o.order_date)::int as year,
               sum(l.total_excl_tax_cents)::float8 as "orderedCents",
               sum(l.delivered_quantity * l.unit_price_excl_tax_cents)::float8 as "deliveredCents",
               coalesce(sum(l.total_excl_tax_cents) filter (where o.status in ('invoiced', 'paid')), 0)::float8 as "invoicedCents",
               sum(l.quantity)::int as "orderedQuantity", sum(l.delivered_quantity)::int as "deliveredQuantity"
          from ${l} l join ${o} o on o.tenant_id = l.tenant_id and o.id = l.order_id
         where l.tenant_id = ${tenantId} and l.establishment_id = any(${uuidArray(establishmentIds)})
           and o.status not in ('cancelled', 'draft')
           and o.order_date >= ${range.from}::date and o.order_date < ${range.to}::date
         group by 1, 2 order by 2, 1`,
  );
}
