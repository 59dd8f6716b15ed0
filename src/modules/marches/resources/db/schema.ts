import { sql } from 'drizzle-orm';
import { boolean, date, foreignKey, index, integer, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { establishments, organizations } from '../../../referentiel/db/schema.js';
import { marches } from '../../db/schema.js';

/*
 * Digital resources and the ENT. A title of a resources contract's catalogue points at the lot
 * and price item its licences are ordered on (none when the title has no digital version: the
 * school buys it on paper); schools choose quantities per level; consolidation turns the open
 * choices into the authority's draft orders and stamps each choice with its order.
 */

export const resourceTitles = marches.table(
  'resource_titles',
  {
    tenantId: uuid('tenant_id').notNull().references(() => organizations.tenantId),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    contractId: uuid('contract_id').notNull(),
    lotId: uuid('lot_id').notNull(),
    /** The price item licences are ordered on; null for a title with no digital version. */
    priceItemId: uuid('price_item_id'),
    title: text('title').notNull(),
    publisher: text('publisher').notNull(),
    levels: text('levels').array().notNull(),
    pricePerLicenceCents: integer('price_per_licence_cents').notNull(),
    throughGar: boolean('through_gar').notNull(),
    digital: boolean('digital').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('resource_titles_contract_idx').on(t.tenantId, t.contractId, t.title),
  ],
);

export const resourceChoices = marches.table(
  'resource_choices',
  {
    tenantId: uuid('tenant_id').notNull().references(() => organizations.tenantId),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    titleId: uuid('title_id').notNull(),
    establishmentId: uuid('establishment_id').notNull(),
    level: text('level').notNull(),
    quantity: integer('quantity').notNull(),
    /** The draft order the choice was consolidated into; a consolidated choice no longer changes. */
    orderId: uuid('order_id'),
    chosenBy: text('chosen_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.titleId], foreignColumns: [resourceTitles.tenantId, resourceTitles.id] }),
    foreignKey({ columns: [t.tenantId, t.establishmentId], foreignColumns: [establishments.tenantId, establishments.id] }),
    uniqueIndex('resource_choices_key').on(t.tenantId, t.titleId, t.establishmentId, t.level),
    index('resource_choices_establishment_idx').on(t.tenantId, t.establishmentId),
  ],
);

/** A site of the ENT contract: its opening wave and date, its launch (first year) and yearly cost. */
export const entSites = marches.table(
  'ent_sites',
  {
    tenantId: uuid('tenant_id').notNull().references(() => organizations.tenantId),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    contractId: uuid('contract_id').notNull(),
    establishmentId: uuid('establishment_id').notNull(),
    wave: integer('wave').notNull(),
    openingDate: date('opening_date').notNull(),
    launchCostCents: integer('launch_cost_cents').notNull(),
    yearlyCostCents: integer('yearly_cost_cents').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.establishmentId], foreignColumns: [establishments.tenantId, establishments.id] }),
    uniqueIndex('ent_sites_key').on(t.tenantId, t.contractId, t.establishmentId),
  ],
);

/**
 * The pupils a school declares for one level of a resources contract (the head count its licences
 * are ordered for): licences per pupil use the référentiel's head count when it has one, else the
 * sum of these (the demo's lycées come from a file that counts no pupils).
 */
export const resourceHeadcounts = marches.table(
  'resource_headcounts',
  {
    tenantId: uuid('tenant_id').notNull().references(() => organizations.tenantId),
    contractId: uuid('contract_id').notNull(),
    establishmentId: uuid('establishment_id').notNull(),
    level: text('level').notNull(),
    pupils: integer('pupils').notNull(),
    declaredBy: text('declared_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.contractId, t.establishmentId, t.level] }),
    foreignKey({ columns: [t.tenantId, t.establishmentId], foreignColumns: [establishments.tenantId, establishments.id] }),
  ],
);
