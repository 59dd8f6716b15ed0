import { date, foreignKey, integer, jsonb, pgSchema, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { dossiers } from '../../db/schema.js';

/**
 * The pedagogical project call's own table: what a school asks to borrow (tablets or a mobile
 * cart), for which project and dates; the devices the Parc lent on acceptance; the draft order.
 */
const campagnes = pgSchema('campagnes');

export const projectLoans = campagnes.table(
  'project_loans',
  {
    tenantId: uuid('tenant_id').notNull(),
    dossierId: uuid('dossier_id').notNull(),
    campaignId: uuid('campaign_id').notNull(),
    title: text('title').notNull(),
    assetClass: text('asset_class').$type<'tablet' | 'mobile-cart'>().notNull(),
    quantity: integer('quantity').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    /** The Parc's devices lent on acceptance (empty until then). */
    assetIds: jsonb('asset_ids').$type<string[]>().notNull().default([]),
    lentAt: timestamp('lent_at', { withTimezone: true }),
    orderId: uuid('order_id'),
    orderReference: text('order_reference'),
    orderedAt: timestamp('ordered_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.dossierId] }),
    foreignKey({ columns: [t.tenantId, t.dossierId], foreignColumns: [dossiers.tenantId, dossiers.id] }).onDelete('cascade'),
  ],
);
