import { sql } from 'drizzle-orm';
import { foreignKey, integer, jsonb, pgSchema, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { campaigns, dossiers } from '../../db/schema.js';

/**
 * The committee of a candidature call (Lycée 4.0): a session held on a date by the Région, each
 * académie and the DRAAF (the campaign's partner organizations), the joint decision it took on
 * each file, and its minutes. A closed session (`closed_at`) is the record: nothing in it changes.
 */
const campagnes = pgSchema('campagnes');

/** Who sat: a person and the organization they spoke for (the Région itself or a co-reviewing partner). */
export interface CommitteeParticipant {
  organizationId: string;
  organizationName: string;
  name: string;
}

export const committeeSessions = campagnes.table(
  'committee_sessions',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    campaignId: uuid('campaign_id').notNull(),
    title: text('title').notNull().default(''),
    heldOn: text('held_on').notNull(), // YYYY-MM-DD
    members: jsonb('members').$type<CommitteeParticipant[]>().notNull().default([]),
    minutes: text('minutes').notNull().default(''),
    createdByLabel: text('created_by_label').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedByLabel: text('closed_by_label'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.campaignId], foreignColumns: [campaigns.tenantId, campaigns.id] }).onDelete('cascade'),
  ],
);

export type CommitteeDecisionKind = 'accepte' | 'refuse' | 'classe_sans_suite';

/** The joint decision on one file, taken in one session (the file's state moved with it). */
export const committeeDecisions = campagnes.table(
  'committee_decisions',
  {
    tenantId: uuid('tenant_id').notNull(),
    sessionId: uuid('session_id').notNull(),
    dossierId: uuid('dossier_id').notNull(),
    decision: text('decision').$type<CommitteeDecisionKind>().notNull(),
    comment: text('comment').notNull().default(''),
    at: timestamp('at', { withTimezone: true }).notNull(),
    decidedByLabel: text('decided_by_label').notNull().default(''),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.sessionId, t.dossierId] }),
    foreignKey({ columns: [t.tenantId, t.sessionId], foreignColumns: [committeeSessions.tenantId, committeeSessions.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.dossierId], foreignColumns: [dossiers.tenantId, dossiers.id] }).onDelete('cascade'),
  ],
);
