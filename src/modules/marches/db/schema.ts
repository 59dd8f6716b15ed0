import { sql } from 'drizzle-orm';
import { bigint, date, foreignKey, index, integer, jsonb, pgSchema, primaryKey, smallint, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../access/db/schema.js';
import { organizations } from '../../referentiel/db/schema.js';

export const marches = pgSchema('marches');

/** A document attached to a contract or a convention: its name and where the attachment store keeps it. */
export interface DocumentRef {
  name: string;
  url?: string;
  uploadId?: string;
}

/**
 * A purchasing group (groupement de commandes): partners that buy together under a convention,
 * one of them coordinating the procedure; each still orders and pays for itself.
 */
export const purchasingGroups = marches.table(
  'purchasing_groups',
  {
    tenantId: uuid('tenant_id').notNull().references(() => organizations.tenantId),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    name: text('name').notNull(),
    coordinatorOrganizationId: uuid('coordinator_organization_id').notNull().references(() => organizations.tenantId),
    /** The coordinator's SIRET, the DECP's `acheteur.id`. */
    coordinatorSiret: text('coordinator_siret').notNull(),
    conventionTitle: text('convention_title').notNull(),
    conventionSignedOn: date('convention_signed_on'),
    conventionDocuments: jsonb('convention_documents').$type<DocumentRef[]>().notNull().default([]),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), unique('purchasing_groups_name_key').on(t.tenantId, t.name)],
);

/** A member of a group: an organization of any kind, with the person it names to every meeting. */
export const groupMembers = marches.table(
  'group_members',
  {
    tenantId: uuid('tenant_id').notNull().references(() => organizations.tenantId),
    groupId: uuid('group_id').notNull(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.tenantId),
    /** The person the member names to every meeting (the same one each week), and their account when they have one. */
    projectLeadName: text('project_lead_name').notNull(),
    projectLeadEmail: text('project_lead_email'),
    projectLeadUserId: uuid('project_lead_user_id').references(() => users.id),
    admittedOn: date('admitted_on').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.groupId, t.organizationId] }),
    foreignKey({ columns: [t.tenantId, t.groupId], foreignColumns: [purchasingGroups.tenantId, purchasingGroups.id] }),
  ],
);

/** A decision of the group, adopted only when every member approves; one vote against rejects it. */
export const groupDecisions = marches.table(
  'group_decisions',
  {
    tenantId: uuid('tenant_id').notNull().references(() => organizations.tenantId),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    groupId: uuid('group_id').notNull(),
    kind: text('kind').notNull(), // adopt-tender-file | award-lot | amend-price-list | admit-member
    title: text('title').notNull(),
    details: text('details').notNull().default(''),
    /** For « admit a member »: the organization and its project lead, added when the decision is adopted. */
    admit: jsonb('admit').$type<{ organizationId: string; projectLeadName: string; projectLeadEmail: string | null; projectLeadUserId: string | null }>(),
    status: text('status').notNull().default('proposed'), // proposed | adopted | rejected
    proposedBy: uuid('proposed_by').notNull(),
    proposedAt: timestamp('proposed_at', { withTimezone: true }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.groupId], foreignColumns: [purchasingGroups.tenantId, purchasingGroups.id] }),
  ],
);

/** One vote per member organization and decision; the user who cast it and when stay on record. */
export const decisionVotes = marches.table(
  'decision_votes',
  {
    tenantId: uuid('tenant_id').notNull().references(() => organizations.tenantId),
    decisionId: uuid('decision_id').notNull(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.tenantId),
    vote: text('vote').notNull(), // approve | reject
    votedBy: uuid('voted_by').notNull(),
    votedAt: timestamp('voted_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.decisionId, t.organizationId] }),
    foreignKey({ columns: [t.tenantId, t.decisionId], foreignColumns: [groupDecisions.tenantId, groupDecisions.id] }),
  ],
);

/** Where a contract applies: territorial units, départements (codes) and former regions (names). */
export interface ContractArea {
  unitIds: string[];
  departements: string[];
  formerRegions: string[];
}

export interface Renewals {
  count: number;
  months: number;
}

/** A holder of the contract, checked SIRET (for a framework with several holders). */
export interface Holder {
  siret: string;
  name: string;
}

export const contracts = marches.table(
  'contracts',
  {
    tenantId: uuid('tenant_id').notNull().references(() => organizations.tenantId),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    reference: text('reference').notNull(),
    object: text('object').notNull(),
    theme: text('theme').notNull().default(''),
    kind: text('kind').notNull(), // framework-orders | framework-subsequent | subsequent | ordinary | mapa
    parentId: uuid('parent_id'),
    procedure: text('procedure').notNull(),
    cpvCode: text('cpv_code').notNull(),
    buyerOrganizationId: uuid('buyer_organization_id').notNull().references(() => organizations.tenantId),
    buyerSiret: text('buyer_siret').notNull(),
    groupId: uuid('group_id'),
    holders: jsonb('holders').$type<Holder[]>().notNull().default([]),
    notifiedOn: date('notified_on'),
    startsOn: date('starts_on'),
    durationMonths: integer('duration_months').notNull(),
    renewals: jsonb('renewals').$type<Renewals>().notNull().default({ count: 0, months: 0 }),
    area: jsonb('area').$type<ContractArea>().notNull().default({ unitIds: [], departements: [], formerRegions: [] }),
    estimateCents: bigint('estimate_cents', { mode: 'number' }).notNull(),
    ccag: text('ccag').notNull(),
    priceForm: text('price_form').notNull(), // unitaire | forfaitaire | mixte
    documents: jsonb('documents').$type<DocumentRef[]>().notNull().default([]),
    status: text('status').notNull().default('draft'), // draft | notified | ended | cancelled
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('contracts_reference_key').on(t.tenantId, t.reference),
    foreignKey({ columns: [t.tenantId, t.parentId], foreignColumns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.groupId], foreignColumns: [purchasingGroups.tenantId, purchasingGroups.id] }),
    index('contracts_notified_idx').on(t.tenantId, t.notifiedOn),
  ],
);

/** A lot, with its own holder, duration and ceilings (amount and/or quantity). */
export const lots = marches.table(
  'lots',
  {
    tenantId: uuid('tenant_id').notNull().references(() => organizations.tenantId),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    contractId: uuid('contract_id').notNull(),
    number: integer('number').notNull(),
    title: text('title').notNull(),
    holderSiret: text('holder_siret'),
    holderName: text('holder_name'),
    /** The contractor organization of the référentiel that holds the lot: its users see it. */
    holderOrganizationId: uuid('holder_organization_id').references(() => organizations.tenantId),
    durationMonths: integer('duration_months'),
    estimateCents: bigint('estimate_cents', { mode: 'number' }),
    awardedCents: bigint('awarded_cents', { mode: 'number' }),
    minAmountCents: bigint('min_amount_cents', { mode: 'number' }),
    maxAmountCents: bigint('max_amount_cents', { mode: 'number' }),
    minQuantity: integer('min_quantity'),
    maxQuantity: integer('max_quantity'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('lots_number_key').on(t.tenantId, t.contractId, t.number),
    foreignKey({ columns: [t.tenantId, t.contractId], foreignColumns: [contracts.tenantId, contracts.id] }),
  ],
);

/** A dated version of a lot's price list (BPU): in force from `valid_from` until the next one. */
export const priceLists = marches.table(
  'price_lists',
  {
    tenantId: uuid('tenant_id').notNull().references(() => organizations.tenantId),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    lotId: uuid('lot_id').notNull(),
    revision: integer('revision').notNull(),
    validFrom: date('valid_from').notNull(),
    note: text('note').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('price_lists_revision_key').on(t.tenantId, t.lotId, t.revision),
    unique('price_lists_valid_from_key').on(t.tenantId, t.lotId, t.validFrom),
    foreignKey({ columns: [t.tenantId, t.lotId], foreignColumns: [lots.tenantId, lots.id] }),
  ],
);

export const priceItems = marches.table(
  'price_items',
  {
    tenantId: uuid('tenant_id').notNull().references(() => organizations.tenantId),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    priceListId: uuid('price_list_id').notNull(),
    lotId: uuid('lot_id').notNull(),
    code: text('code').notNull(),
    label: text('label').notNull(),
    unit: text('unit').notNull(),
    unitPriceExclTaxCents: bigint('unit_price_excl_tax_cents', { mode: 'number' }).notNull(),
    vatRateBp: integer('vat_rate_bp').notNull(), // basis points: 2000 = 20 %
    recurrence: text('recurrence').notNull(), // one-off | monthly
    warrantyMonths: smallint('warranty_months'),
    /** The item's own CPV 2008 code when it differs from the contract's (a lot mixing computers, screens and set-up). */
    cpvCode: text('cpv_code'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('price_items_code_key').on(t.tenantId, t.priceListId, t.code),
    foreignKey({ columns: [t.tenantId, t.priceListId], foreignColumns: [priceLists.tenantId, priceLists.id] }),
    foreignKey({ columns: [t.tenantId, t.lotId], foreignColumns: [lots.tenantId, lots.id] }),
  ],
);

/** What an amendment changes: a lot's ceiling, the duration, or free text. Appended, never rewritten. */
export interface AmendmentChange {
  field: 'maxAmountCents' | 'maxQuantity' | 'durationMonths' | 'holder' | 'other';
  lotId?: string;
  before?: string | number | null;
  after: string | number | null;
}

export const amendments = marches.table(
  'amendments',
  {
    tenantId: uuid('tenant_id').notNull().references(() => organizations.tenantId),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    contractId: uuid('contract_id').notNull(),
    number: integer('number').notNull(),
    signedOn: date('signed_on').notNull(),
    object: text('object').notNull(),
    changes: jsonb('changes').$type<AmendmentChange[]>().notNull().default([]),
    /** Change of the contract's total amount (DECP `montant` of the modification), when any. */
    amountDeltaCents: bigint('amount_delta_cents', { mode: 'number' }),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('amendments_number_key').on(t.tenantId, t.contractId, t.number),
    foreignKey({ columns: [t.tenantId, t.contractId], foreignColumns: [contracts.tenantId, contracts.id] }),
  ],
);

/** Alerts already sent (ceiling 80 %, 100 %, end in three months), so the daily job sends each once. */
export const sentAlerts = marches.table(
  'sent_alerts',
  {
    tenantId: uuid('tenant_id').notNull().references(() => organizations.tenantId),
    subjectId: uuid('subject_id').notNull(),
    kind: text('kind').notNull(), // ceiling-80 | ceiling-100 | end-3-months
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.subjectId, t.kind] })],
);
