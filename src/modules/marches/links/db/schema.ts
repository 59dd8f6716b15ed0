import { sql } from 'drizzle-orm';
import { boolean, date, foreignKey, index, integer, jsonb, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { establishments, organizations } from '../../../referentiel/db/schema.js';
import { marches } from '../../db/schema.js';

/*
 * The network link of every site. A link row is one period of one site's access (its operator,
 * speeds and costs, and the contract it comes from); a new contract closes the site's current row
 * and opens another, so « before and after » is two rows of the same site. Edits to a row are kept
 * in site_link_changes. contract/lot/price items are plain ids (the contracts' tables live in the
 * same module but their rows may be archived; a link outlives the contract it came from).
 */


export const siteLinks = marches.table(
  'site_links',
  {
    tenantId: uuid('tenant_id').notNull().references(() => organizations.tenantId),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    establishmentId: uuid('establishment_id').notNull(),
    operator: text('operator').notNull(),
    technology: text('technology').notNull(),
    symmetric: boolean('symmetric').notNull(),
    downMbps: integer('down_mbps').notNull(),
    upMbps: integer('up_mbps').notNull(),
    monthlyCostCents: integer('monthly_cost_cents').notNull(),
    setupFeeCents: integer('setup_fee_cents').notNull().default(0),
    contractId: uuid('contract_id'),
    lotId: uuid('lot_id'),
    monthlyPriceItemId: uuid('monthly_price_item_id'),
    setupPriceItemId: uuid('setup_price_item_id'),
    startDate: date('start_date').notNull(),
    /** Last day of service; null while the link is current. */
    endDate: date('end_date'),
    version: integer('version').notNull().default(1),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.establishmentId], foreignColumns: [establishments.tenantId, establishments.id] }),
    index('site_links_establishment_idx').on(t.tenantId, t.establishmentId, t.startDate),
    index('site_links_contract_idx').on(t.tenantId, t.contractId),
    // one open period per site: two people recording a new link at once cannot both leave theirs open
    uniqueIndex('site_links_open_key').on(t.tenantId, t.establishmentId).where(sql`end_date is null`),
  ],
);

/** What changed on a link and who changed it: created, updated (fields before/after), replaced, ended. */
export const siteLinkChanges = marches.table(
  'site_link_changes',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    linkId: uuid('link_id').notNull(),
    kind: text('kind').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    actorLabel: text('actor_label').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.linkId], foreignColumns: [siteLinks.tenantId, siteLinks.id] }).onDelete('cascade'),
    index('site_link_changes_link_idx').on(t.tenantId, t.linkId, t.at),
  ],
);

/** The share of a site's saving returned to the school (percent; the seed's group left it half). */
export const linkSettings = marches.table('link_settings', {
  tenantId: uuid('tenant_id').primaryKey().references(() => organizations.tenantId),
  schoolSharePercent: integer('school_share_percent').notNull().default(50),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
