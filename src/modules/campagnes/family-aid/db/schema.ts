
import { boolean, foreignKey, index, integer, pgSchema, primaryKey, text, timestamp, uuid, bigint, date } from 'drizzle-orm/pg-core';
import { campaigns, dossiers } from '../../db/schema.js';

/**
 * The family aid's own tables, in the campaigns' PostgreSQL schema. The file's state, answers
 * and documents are the core's (`campagnes.dossiers`, `campagnes.documents`); here are the
 * columns the aid computes with, counts on and purges: the personal ones (names, income) are
 * nulled by the retention job, the figures (device, amounts, school) stay for the statistics.
 */
const campagnes = pgSchema('campagnes');

export const familyAidFiles = campagnes.table(
  'family_aid_files',
  {
    tenantId: uuid('tenant_id').notNull(),
    dossierId: uuid('dossier_id').notNull(),
    campaignId: uuid('campaign_id').notNull(),
    familyUserId: uuid('family_user_id').notNull(),
    /** The pupil's school: its staff hand the device over; it never sees income nor tax notice. */
    establishmentId: uuid('establishment_id'),
    pupilFirstName: text('pupil_first_name'),
    pupilLastName: text('pupil_last_name'),
    pupilClass: text('pupil_class'),
    deviceCode: text('device_code'),
    priceCents: integer('price_cents'),
    householdIncomeCents: bigint('household_income_cents', { mode: 'number' }),
    taxNoticeDocumentId: uuid('tax_notice_document_id'),
    aidCents: integer('aid_cents').notNull().default(0),
    socialFundCents: integer('social_fund_cents').notNull().default(0),
    familyCents: integer('family_cents').notNull().default(0),
    insurance: boolean('insurance').notNull().default(false),
    /** 1 = cash. */
    instalments: integer('instalments').notNull().default(1),
    firstDueDate: date('first_due_date'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    deliveredSerial: text('delivered_serial'),
    assetId: uuid('asset_id'),
    /** The last time the family touched the draft, and when it was warned it would expire. */
    touchedAt: timestamp('touched_at', { withTimezone: true }).notNull(),
    expiryWarnedAt: timestamp('expiry_warned_at', { withTimezone: true }),
    purgedAt: timestamp('purged_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.dossierId] }),
    foreignKey({ columns: [t.tenantId, t.dossierId], foreignColumns: [dossiers.tenantId, dossiers.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.campaignId], foreignColumns: [campaigns.tenantId, campaigns.id] }),
    index('family_aid_files_family_idx').on(t.tenantId, t.familyUserId),
    index('family_aid_files_school_idx').on(t.tenantId, t.campaignId, t.establishmentId),
  ],
);

/**
 * Single-use sign-in links sent by e-mail: the table keeps the token's hash only, so a leaked
 * table opens no session. Keyed by the hash (the link carries no tenant a stranger could pick).
 */
export const familySignInLinks = campagnes.table(
  'family_sign_in_links',
  {
    tenantId: uuid('tenant_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    email: text('email').notNull(),
    campaignId: uuid('campaign_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.tokenHash] }),
    foreignKey({ columns: [t.tenantId, t.campaignId], foreignColumns: [campaigns.tenantId, campaigns.id] }).onDelete('cascade'),
    index('family_sign_in_links_expiry_idx').on(t.expiresAt),
  ],
);

/** What a campaign's purge kept once personal data went: anonymous figures per school and device. */
export const familyAidPurges = campagnes.table(
  'family_aid_purges',
  {
    tenantId: uuid('tenant_id').notNull(),
    campaignId: uuid('campaign_id').notNull(),
    purgedAt: timestamp('purged_at', { withTimezone: true }).notNull(),
    files: integer('files').notNull(),
    documents: integer('documents').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.campaignId, t.purgedAt] })],
);

