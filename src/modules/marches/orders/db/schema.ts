import { sql } from 'drizzle-orm';
import { bigint, date, foreignKey, index, integer, jsonb, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { establishments, organizations } from '../../../referentiel/db/schema.js';
import { lots, marches } from '../../db/schema.js';

/**
 * Orders placed by each member of a group against a lot's price list, within its budget lines,
 * down to the deliveries and invoices. An order's totals are kept on its row (the sum of its
 * lines, written in the same transaction) so ceilings and consumption add up orders, not lines.
 */

/** A member's budget line: a year, a funding source (own budget, FEDER, EIB loan…) and a ceiling. */
export const budgetLines = marches.table(
  'budget_lines',
  {
    tenantId: uuid('tenant_id').notNull().references(() => organizations.tenantId),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    memberOrganizationId: uuid('member_organization_id').notNull().references(() => organizations.tenantId),
    year: integer('year').notNull(),
    fundingSource: text('funding_source').notNull(), // own-budget | feder | eib | state | other
    label: text('label').notNull(),
    ceilingCents: bigint('ceiling_cents', { mode: 'number' }).notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('budget_lines_label_key').on(t.tenantId, t.memberOrganizationId, t.year, t.label),
  ],
);

/** A member lets another organization order in its name (the coordinator, usually). */
export const orderDelegations = marches.table(
  'order_delegations',
  {
    tenantId: uuid('tenant_id').notNull().references(() => organizations.tenantId),
    memberOrganizationId: uuid('member_organization_id').notNull().references(() => organizations.tenantId),
    delegateOrganizationId: uuid('delegate_organization_id').notNull().references(() => organizations.tenantId),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.memberOrganizationId, t.delegateOrganizationId] })],
);

export const purchaseOrders = marches.table(
  'purchase_orders',
  {
    tenantId: uuid('tenant_id').notNull().references(() => organizations.tenantId),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    reference: text('reference').notNull(),
    contractId: uuid('contract_id').notNull(),
    lotId: uuid('lot_id').notNull(),
    memberOrganizationId: uuid('member_organization_id').notNull().references(() => organizations.tenantId),
    budgetLineId: uuid('budget_line_id').notNull(),
    /** draft | signed | sent | partly-delivered | delivered | invoiced | paid | cancelled */
    status: text('status').notNull().default('draft'),
    orderDate: date('order_date').notNull(),
    totalExclTaxCents: bigint('total_excl_tax_cents', { mode: 'number' }).notNull(),
    totalVatCents: bigint('total_vat_cents', { mode: 'number' }).notNull(),
    totalInclTaxCents: bigint('total_incl_tax_cents', { mode: 'number' }).notNull(),
    totalQuantity: integer('total_quantity').notNull(),
    /** Where the order came from: ui | api | renewal | resources. */
    source: text('source').notNull().default('ui'),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    createdBy: text('created_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('purchase_orders_reference_key').on(t.tenantId, t.reference),
    foreignKey({ columns: [t.tenantId, t.lotId], foreignColumns: [lots.tenantId, lots.id] }),
    foreignKey({ columns: [t.tenantId, t.budgetLineId], foreignColumns: [budgetLines.tenantId, budgetLines.id] }),
    index('purchase_orders_lot_idx').on(t.tenantId, t.lotId, t.status),
    index('purchase_orders_member_idx').on(t.tenantId, t.memberOrganizationId, t.status),
    index('purchase_orders_budget_idx').on(t.tenantId, t.budgetLineId),
  ],
);

/** A line: the price item as it stood on the order's date (code, label, prices copied), a site and a room. */
export const orderLines = marches.table(
  'order_lines',
  {
    tenantId: uuid('tenant_id').notNull(),
    orderId: uuid('order_id').notNull(),
    lineNo: integer('line_no').notNull(),
    priceItemId: uuid('price_item_id').notNull(),
    code: text('code').notNull(),
    label: text('label').notNull(),
    unitPriceExclTaxCents: bigint('unit_price_excl_tax_cents', { mode: 'number' }).notNull(),
    vatRateBp: integer('vat_rate_bp').notNull(),
    recurrence: text('recurrence').notNull(),
    warrantyMonths: integer('warranty_months'),
    quantity: integer('quantity').notNull(),
    deliveredQuantity: integer('delivered_quantity').notNull().default(0),
    establishmentId: uuid('establishment_id').notNull(),
    roomId: uuid('room_id'),
    totalExclTaxCents: bigint('total_excl_tax_cents', { mode: 'number' }).notNull(),
    totalVatCents: bigint('total_vat_cents', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.orderId, t.lineNo] }),
    foreignKey({ columns: [t.tenantId, t.orderId], foreignColumns: [purchaseOrders.tenantId, purchaseOrders.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.establishmentId], foreignColumns: [establishments.tenantId, establishments.id] }),
    index('order_lines_establishment_idx').on(t.tenantId, t.establishmentId),
  ],
);

/** A delivery recorded by the holder: what it brought per line, and how it was entered. */
export const deliveries = marches.table(
  'deliveries',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    orderId: uuid('order_id').notNull(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }).notNull(),
    source: text('source').notNull(), // typed | file
    lines: jsonb('lines').$type<{ lineNo: number; quantity: number; serials: number }[]>().notNull(),
    deviceCount: integer('device_count').notNull(),
    recordedBy: text('recorded_by').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.orderId], foreignColumns: [purchaseOrders.tenantId, purchaseOrders.id] }),
    index('deliveries_order_idx').on(t.tenantId, t.orderId),
  ],
);

export interface InvoiceLine {
  lineNo: number;
  quantity: number;
  unitPriceExclTaxCents: number;
}

/** A discrepancy between an invoice line and its order line (quantity against delivered, price against ordered). */
export interface InvoiceDiscrepancy {
  lineNo: number;
  kind: 'quantity' | 'price' | 'unknown-line';
  expected: number | null;
  invoiced: number;
}

export const invoices = marches.table(
  'invoices',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    orderId: uuid('order_id').notNull(),
    number: text('number').notNull(),
    invoiceDate: date('invoice_date').notNull(),
    lines: jsonb('lines').$type<InvoiceLine[]>().notNull(),
    totalExclTaxCents: bigint('total_excl_tax_cents', { mode: 'number' }).notNull(),
    totalInclTaxCents: bigint('total_incl_tax_cents', { mode: 'number' }).notNull(),
    discrepancies: jsonb('discrepancies').$type<InvoiceDiscrepancy[]>().notNull(),
    recordedBy: text('recorded_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('invoices_number_key').on(t.tenantId, t.orderId, t.number),
    foreignKey({ columns: [t.tenantId, t.orderId], foreignColumns: [purchaseOrders.tenantId, purchaseOrders.id] }),
    index('invoices_order_idx').on(t.tenantId, t.orderId),
  ],
);

/**
 * Running totals per lot and member, kept by a trigger on purchase_orders (custom migration
 * marches_order_totals): every insert, status or amount change and delete moves its order's amount
 * between the buckets (committed: not cancelled, not yet invoiced; consumed: invoiced or paid). The
 * consumption page reads a few rows here instead of adding up every order on each request.
 */
export const orderTotals = marches.table(
  'order_totals',
  {
    tenantId: uuid('tenant_id').notNull(),
    lotId: uuid('lot_id').notNull(),
    memberOrganizationId: uuid('member_organization_id').notNull(),
    contractId: uuid('contract_id').notNull(),
    orders: integer('orders').notNull().default(0),
    committedCents: bigint('committed_cents', { mode: 'number' }).notNull().default(0),
    consumedCents: bigint('consumed_cents', { mode: 'number' }).notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.lotId, t.memberOrganizationId] }),
    foreignKey({ columns: [t.tenantId, t.lotId], foreignColumns: [lots.tenantId, lots.id] }),
    index('order_totals_contract_idx').on(t.tenantId, t.contractId),
  ],
);
