import { foreignKey, integer, pgSchema, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { dossiers } from '../../db/schema.js';

/**
 * The renewal call's own tables, in the campaigns' PostgreSQL schema. The file's state is the
 * core's (`campagnes.dossiers`); here are the quantities a school asks per device class, with its
 * justification, and the quantities the authority grants, which orders and deployments start from.
 */
const campagnes = pgSchema('campagnes');

export const renewalRequests = campagnes.table(
  'renewal_requests',
  {
    tenantId: uuid('tenant_id').notNull(),
    dossierId: uuid('dossier_id').notNull(),
    campaignId: uuid('campaign_id').notNull(),
    justification: text('justification').notNull().default(''),
    /** The draft purchase order made from the granted quantities (marches), once. */
    orderId: uuid('order_id'),
    orderReference: text('order_reference'),
    orderedAt: timestamp('ordered_at', { withTimezone: true }),
    grantedBy: text('granted_by'),
    grantedAt: timestamp('granted_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.dossierId] }),
    foreignKey({ columns: [t.tenantId, t.dossierId], foreignColumns: [dossiers.tenantId, dossiers.id] }).onDelete('cascade'),
  ],
);

export const renewalLines = campagnes.table(
  'renewal_lines',
  {
    tenantId: uuid('tenant_id').notNull(),
    dossierId: uuid('dossier_id').notNull(),
    assetClass: text('asset_class').notNull(),
    requested: integer('requested').notNull().default(0),
    /** Null until the authority arbitrates. */
    granted: integer('granted'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.dossierId, t.assetClass] }),
    foreignKey({ columns: [t.tenantId, t.dossierId], foreignColumns: [renewalRequests.tenantId, renewalRequests.dossierId] }).onDelete('cascade'),
  ],
);
