import { campaignKinds, type CampaignKind } from '../campaign-kinds.input.js';
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgSchema,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { organizations } from '../../referentiel/db/schema.js';

export const campagnes = pgSchema('campagnes');

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

export { campaignKinds, type CampaignKind };

/** Which establishments may apply: every list empty = every establishment of the tenant. */
export interface Eligibility {
  natureCodes: string[];
  unitIds: string[];
  establishmentIds: string[];
}

/** One reopening of a closed campaign, kept for the record. */
export interface Reopening {
  at: string;
  byUserId: string | null;
  byLabel: string;
  reason: string;
  previousClosesAt: string;
  closesAt: string;
}

/** A criterion of a candidature call's grid (Lycée 4.0): computed from the référentiel or scored by reviewers. */
export interface GridCriterion {
  key: string;
  label: string;
  weight: number;
  /** reviewer: scored 0..max by each expert; the others are computed from the establishment. */
  source: 'reviewer' | 'sector' | 'territory' | 'teaching';
  max: number;
  /** For computed criteria: the points of each value (public/private, rural/urban/REP/REP+, general/…). */
  points?: Record<string, number>;
}

/**
 * A call: renewal, pedagogical project, candidature (weighted grid) or family aid. A last day D
 * closes at D 23:59:59 Europe/Paris, stored as the instant. `closed_at` is set by the closing job
 * once the files still being completed have moved on to review.
 */
export const campaigns = campagnes.table(
  'campaigns',
  {
    tenantId: uuid('tenant_id').notNull().references(() => organizations.tenantId),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    code: text('code').notNull(),
    kind: text('kind').$type<CampaignKind>().notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    status: text('status').$type<'draft' | 'published' | 'archived'>().notNull().default('draft'),
    opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
    closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    budgetCents: bigint('budget_cents', { mode: 'number' }),
    retentionMonths: smallint('retention_months').notNull().default(12),
    eligibility: jsonb('eligibility').$type<Eligibility>().notNull().default({ natureCodes: [], unitIds: [], establishmentIds: [] }),
    reopenings: jsonb('reopenings').$type<Reopening[]>().notNull().default([]),
    grid: jsonb('grid').$type<GridCriterion[]>().notNull().default([]),
    /** Kind-specific settings (the family aid's devices, the renewal's classes…), owned by the kind's folder. */
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
    nextDossierNumber: integer('next_dossier_number').notNull().default(1),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), unique('campaigns_code_key').on(t.tenantId, t.code), index('campaigns_closes_idx').on(t.closesAt)],
);

/** A version of a campaign's form; a file keeps the version it was started on. Unpublished = the draft being built. */
export const formVersions = campagnes.table(
  'form_versions',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    campaignId: uuid('campaign_id').notNull(),
    number: integer('number').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    fields: jsonb('fields').$type<unknown[]>().notNull().default([]),
    /** Private annotation fields, seen and filled by instructors only. */
    annotationFields: jsonb('annotation_fields').$type<unknown[]>().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('form_versions_number_key').on(t.tenantId, t.campaignId, t.number),
    foreignKey({ columns: [t.tenantId, t.campaignId], foreignColumns: [campaigns.tenantId, campaigns.id] }).onDelete('cascade'),
  ],
);

/** A routing rule: files matching it go to the group (first matching group by priority, else the default group). */
export interface RoutingRule {
  on: 'unit' | 'department' | 'nature' | 'answer';
  /** unit id, département code, nature code, or the answer's expected value. */
  values: string[];
  /** For `answer`: the form field's key. */
  field?: string;
}

export const instructorGroups = campagnes.table(
  'instructor_groups',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    campaignId: uuid('campaign_id').notNull(),
    name: text('name').notNull(),
    priority: integer('priority').notNull().default(0),
    isDefault: boolean('is_default').notNull().default(false),
    rules: jsonb('rules').$type<RoutingRule[]>().notNull().default([]),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('instructor_groups_name_key').on(t.tenantId, t.campaignId, t.name),
    foreignKey({ columns: [t.tenantId, t.campaignId], foreignColumns: [campaigns.tenantId, campaigns.id] }).onDelete('cascade'),
  ],
);

export const instructorGroupMembers = campagnes.table(
  'instructor_group_members',
  {
    tenantId: uuid('tenant_id').notNull(),
    groupId: uuid('group_id').notNull(),
    userId: uuid('user_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.groupId, t.userId] }),
    foreignKey({ columns: [t.tenantId, t.groupId], foreignColumns: [instructorGroups.tenantId, instructorGroups.id] }).onDelete('cascade'),
    index('instructor_group_members_user_idx').on(t.tenantId, t.userId),
  ],
);

/** Partner organizations (académie, DRAAF) co-reviewing a campaign: their staff read its files and give opinions. */
export const campaignPartners = campagnes.table(
  'campaign_partners',
  {
    tenantId: uuid('tenant_id').notNull(),
    campaignId: uuid('campaign_id').notNull(),
    organizationId: uuid('organization_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.campaignId, t.organizationId] }),
    foreignKey({ columns: [t.tenantId, t.campaignId], foreignColumns: [campaigns.tenantId, campaigns.id] }).onDelete('cascade'),
  ],
);

export const dossierStates = ['brouillon', 'en_construction', 'en_instruction', 'accepte', 'refuse', 'classe_sans_suite'] as const;
export type DossierState = (typeof dossierStates)[number];

/** A pending request for correction: review is blocked until the applicant resubmits. */
export interface CorrectionRequest {
  reason: 'incorrect' | 'incomplete' | 'outdated';
  comment: string;
  at: string;
  byLabel: string;
}

export const dossiers = campagnes.table(
  'dossiers',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    campaignId: uuid('campaign_id').notNull(),
    number: integer('number').notNull(),
    formVersionId: uuid('form_version_id').notNull(),
    state: text('state').$type<DossierState>().notNull().default('brouillon'),
    correction: jsonb('correction').$type<CorrectionRequest | null>(),
    /** The applying school; null for a family's file (family aid). */
    establishmentId: uuid('establishment_id'),
    applicantUserId: uuid('applicant_user_id'),
    applicantLabel: text('applicant_label').notNull(),
    groupId: uuid('group_id'),
    answers: jsonb('answers').$type<Record<string, unknown>>().notNull().default({}),
    annotations: jsonb('annotations').$type<Record<string, unknown>>().notNull().default({}),
    /** The decision's motivation and the letter's text (edited per file before the decision). */
    motivation: text('motivation'),
    letterText: text('letter_text'),
    letterDocumentId: uuid('letter_document_id'),
    /** Candidature calls: the weighted score (computed criteria + median of reviews), null until scored. */
    score: doublePrecision('score'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    instructionAt: timestamp('instruction_at', { withTimezone: true }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('dossiers_number_key').on(t.tenantId, t.campaignId, t.number),
    foreignKey({ columns: [t.tenantId, t.campaignId], foreignColumns: [campaigns.tenantId, campaigns.id] }),
    foreignKey({ columns: [t.tenantId, t.formVersionId], foreignColumns: [formVersions.tenantId, formVersions.id] }),
    index('dossiers_campaign_state_idx').on(t.tenantId, t.campaignId, t.state, t.number),
    index('dossiers_group_idx').on(t.tenantId, t.campaignId, t.groupId, t.number),
    index('dossiers_establishment_idx').on(t.tenantId, t.establishmentId).where(sql`${t.establishmentId} is not null`),
    index('dossiers_applicant_idx').on(t.tenantId, t.applicantUserId).where(sql`${t.applicantUserId} is not null`),
  ],
);

/** The file's history: every transition and notable act, with who, when and why. */
export const dossierEvents = campagnes.table(
  'dossier_events',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    dossierId: uuid('dossier_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    kind: text('kind').notNull(), // transition | correction | reopen | opinion-requested | opinion-given | conflict | letter
    fromState: text('from_state'),
    toState: text('to_state'),
    reason: text('reason'),
    actorUserId: uuid('actor_user_id'),
    actorLabel: text('actor_label').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.dossierId], foreignColumns: [dossiers.tenantId, dossiers.id] }).onDelete('cascade'),
    index('dossier_events_dossier_idx').on(t.tenantId, t.dossierId, t.at),
  ],
);

/** Messages between the applicant and the instructors. */
export const messages = campagnes.table(
  'messages',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    dossierId: uuid('dossier_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    side: text('side').$type<'applicant' | 'instructor'>().notNull(),
    authorUserId: uuid('author_user_id'),
    authorLabel: text('author_label').notNull(),
    body: text('body').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.dossierId], foreignColumns: [dossiers.tenantId, dossiers.id] }).onDelete('cascade'),
    index('messages_dossier_idx').on(t.tenantId, t.dossierId, t.at),
  ],
);

/** Private notes of the instructors, never shown to the applicant. */
export const notes = campagnes.table(
  'notes',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    dossierId: uuid('dossier_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    authorUserId: uuid('author_user_id'),
    authorLabel: text('author_label').notNull(),
    body: text('body').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.dossierId], foreignColumns: [dossiers.tenantId, dossiers.id] }).onDelete('cascade'),
    index('notes_dossier_idx').on(t.tenantId, t.dossierId, t.at),
  ],
);

export type ScanStatus = 'pending' | 'clean' | 'infected' | 'error';

/**
 * A document of a file: an answer to a document field, a message's attachment, or a decision
 * letter. It becomes visible only once the scanner said it is clean.
 */
export const documents = campagnes.table(
  'documents',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    dossierId: uuid('dossier_id').notNull(),
    purpose: text('purpose').$type<'answer' | 'message' | 'letter'>().notNull(),
    fieldKey: text('field_key'),
    messageId: uuid('message_id'),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    scanStatus: text('scan_status').$type<ScanStatus>().notNull().default('pending'),
    scanDetail: text('scan_detail'),
    uploadedByUserId: uuid('uploaded_by_user_id'),
    uploadedByLabel: text('uploaded_by_label').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
    /** Emptied by the retention purge; the row stays for the anonymous figures. */
    purgedAt: timestamp('purged_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.dossierId], foreignColumns: [dossiers.tenantId, dossiers.id] }).onDelete('cascade'),
    index('documents_dossier_idx').on(t.tenantId, t.dossierId),
  ],
);

export const documentContents = campagnes.table(
  'document_contents',
  {
    tenantId: uuid('tenant_id').notNull(),
    documentId: uuid('document_id').notNull(),
    bytes: bytea('bytes').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.documentId] }),
    foreignKey({ columns: [t.tenantId, t.documentId], foreignColumns: [documents.tenantId, documents.id] }).onDelete('cascade'),
  ],
);

/**
 * An expert opinion asked of anyone with an account. A declared conflict of interest removes the
 * expert from the file (status 'conflict'): they no longer see it.
 */
export const opinions = campagnes.table(
  'opinions',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    dossierId: uuid('dossier_id').notNull(),
    expertUserId: uuid('expert_user_id').notNull(),
    expertLabel: text('expert_label').notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    requestedByLabel: text('requested_by_label').notNull(),
    question: text('question').notNull().default(''),
    status: text('status').$type<'requested' | 'given' | 'conflict'>().notNull().default('requested'),
    verdict: text('verdict').$type<'favourable' | 'unfavourable'>(),
    scores: jsonb('scores').$type<Record<string, number>>().notNull().default({}),
    comment: text('comment'),
    confidential: boolean('confidential').notNull().default(false),
    conflictDeclared: boolean('conflict_declared').notNull().default(false),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('opinions_expert_key').on(t.tenantId, t.dossierId, t.expertUserId),
    foreignKey({ columns: [t.tenantId, t.dossierId], foreignColumns: [dossiers.tenantId, dossiers.id] }).onDelete('cascade'),
    index('opinions_expert_idx').on(t.tenantId, t.expertUserId),
  ],
);

/** A decision letter's template per decision kind, with merge fields ({{numero}}, {{etablissement}}…). */
export const letterTemplates = campagnes.table(
  'letter_templates',
  {
    tenantId: uuid('tenant_id').notNull(),
    campaignId: uuid('campaign_id').notNull(),
    decision: text('decision').$type<'accepte' | 'refuse' | 'classe_sans_suite'>().notNull(),
    body: text('body').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.campaignId, t.decision] }),
    foreignKey({ columns: [t.tenantId, t.campaignId], foreignColumns: [campaigns.tenantId, campaigns.id] }).onDelete('cascade'),
  ],
);

/** Webhooks called on each state change of a campaign's files, signed with HMAC-SHA256. */
export const webhooks = campagnes.table(
  'webhooks',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    campaignId: uuid('campaign_id').notNull(),
    url: text('url').notNull(),
    secret: text('secret').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.campaignId], foreignColumns: [campaigns.tenantId, campaigns.id] }).onDelete('cascade'),
  ],
);

export const webhookDeliveries = campagnes.table(
  'webhook_deliveries',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    webhookId: uuid('webhook_id').notNull(),
    dossierId: uuid('dossier_id').notNull(),
    event: text('event').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    status: text('status').$type<'pending' | 'delivered' | 'failed'>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** Retried with backoff: not before this instant. */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.webhookId], foreignColumns: [webhooks.tenantId, webhooks.id] }).onDelete('cascade'),
    index('webhook_deliveries_webhook_idx').on(t.tenantId, t.webhookId, t.createdAt),
    index('webhook_deliveries_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
  ],
);

// the committee's sessions and decisions: candidature/db/schema.ts
