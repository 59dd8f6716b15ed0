import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
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
import { establishments, organizations } from '../../referentiel/db/schema.js';

export const guichet = pgSchema('guichet');

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/**
 * A support team: level 0 on site, 1 technicians of a sector (or the hotline), 2 regional experts,
 * 3 contractors and manufacturers. `unit_ids` empty = the whole tenant; `categories` empty = every
 * category of its organization. `warranty_holders` are the supplier names whose warranty it honours.
 */
export const supportTeams = guichet.table(
  'support_teams',
  {
    tenantId: uuid('tenant_id').notNull().references(() => organizations.tenantId),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    name: text('name').notNull(),
    level: smallint('level').notNull(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.tenantId),
    unitIds: uuid('unit_ids').array().notNull().default(sql`'{}'::uuid[]`),
    categories: text('categories').array().notNull().default(sql`'{}'::text[]`),
    warrantyHolders: text('warranty_holders').array().notNull().default(sql`'{}'::text[]`),
    /** The desk that qualifies tickets opened without a category. */
    triage: boolean('triage').notNull().default(false),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), unique('support_teams_name_key').on(t.tenantId, t.name)],
);

/**
 * A category of ticket, owned by the organization responsible for it under the partners'
 * agreements (the Académie owns pedagogical software). `default_teams` maps a level ("0".."3") to
 * the team that takes the category at that level when no team of the school's units does.
 */
export const categories = guichet.table(
  'categories',
  {
    tenantId: uuid('tenant_id').notNull().references(() => organizations.tenantId),
    key: text('key').notNull(),
    label: text('label').notNull(),
    responsibleOrganizationId: uuid('responsible_organization_id').notNull().references(() => organizations.tenantId),
    defaultTeams: jsonb('default_teams').$type<Record<string, string>>().notNull().default({}),
    /** Hardware failures: a device under warranty goes to its warranty holder. */
    hardware: boolean('hardware').notNull().default(false),
    /** Agreement of this category, when it is not the tenant's default one. */
    agreementId: text('agreement_id'),
    sortOrder: integer('sort_order').notNull().default(0),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.key] })],
);

/**
 * Dated versions of the service terms of a tenant, as validated JSON: agreements (kind
 * 'agreement', key = the agreement id), business calendars ('calendar') and the priority matrix
 * ('priority-matrix', key 'default'). A version is in force from `valid_from` until the next one,
 * so the service-level clock measures old stretches of a ticket with the terms of their time.
 */
export const serviceTerms = guichet.table(
  'service_terms',
  {
    tenantId: uuid('tenant_id').notNull().references(() => organizations.tenantId),
    kind: text('kind').notNull(), // agreement | calendar | priority-matrix
    key: text('key').notNull(),
    version: integer('version').notNull(),
    validFrom: timestamp('valid_from', { withTimezone: true }).notNull(),
    body: jsonb('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.kind, t.key, t.version] })],
);

/** Desk settings of a tenant: the default agreement, the repeated-failure rule. */
export const deskSettings = guichet.table('desk_settings', {
  tenantId: uuid('tenant_id').primaryKey().references(() => organizations.tenantId),
  defaultAgreementId: text('default_agreement_id').notNull(),
  problemThreshold: integer('problem_threshold').notNull().default(3),
  problemWindowDays: integer('problem_window_days').notNull().default(30),
  /** The desk's e-mail address: a message sent there opens a ticket, a reply lands on its ticket (mail/). */
  inboundAddress: text('inbound_address'),
  version: integer('version').notNull().default(1),
}, (t) => [index('desk_settings_inbound_address_idx').on(sql`lower(${t.inboundAddress})`)]);

/** Ticket numbers are handed out in blocks (hi/lo), so creations never queue on one counter row. */
export const ticketCounters = guichet.table('ticket_counters', {
  tenantId: uuid('tenant_id').primaryKey().references(() => organizations.tenantId),
  nextNumber: bigint('next_number', { mode: 'number' }).notNull(),
});

export const tickets = guichet.table(
  'tickets',
  {
    tenantId: uuid('tenant_id').notNull().references(() => organizations.tenantId),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    number: bigint('number', { mode: 'number' }).notNull(),
    type: text('type').notNull(), // incident | request
    title: text('title').notNull(),
    description: text('description').notNull(),
    establishmentId: uuid('establishment_id').notNull(),
    /** The school's département when the ticket was opened: its public holidays close the clock. */
    departmentCode: text('department_code'),
    /** Plain references with the label of their time: deleting a room never blocks on a ticket. */
    roomId: uuid('room_id'),
    roomLabel: text('room_label'),
    requesterUserId: uuid('requester_user_id'),
    requesterName: text('requester_name').notNull(),
    requesterContact: text('requester_contact'),
    channel: text('channel').notNull(), // web | phone | api | email | onsite
    category: text('category'),
    urgency: smallint('urgency').notNull(),
    impact: smallint('impact').notNull(),
    priority: smallint('priority').notNull(),
    status: text('status').notNull(),
    /** Whose scope the ticket is in (the category's owner for the school's académie, else the tenant). */
    responsibleOrgId: uuid('responsible_org_id').notNull(),
    assignedTeamId: uuid('assigned_team_id'),
    assignedOrgId: uuid('assigned_org_id'),
    assignedUserId: uuid('assigned_user_id'),
    level: smallint('level').notNull(),
    agreementId: text('agreement_id').notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    loggedAt: timestamp('logged_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    plannedFor: timestamp('planned_for', { withTimezone: true }),
    solvedAt: timestamp('solved_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** The major incident this ticket is one site of. */
    parentId: uuid('parent_id'),
    problemFlag: boolean('problem_flag').notNull().default(false),
    /** Seen by the whole school (teachers included); false = the requester and the school's heads only. */
    schoolVisible: boolean('school_visible').notNull().default(true),
    solution: text('solution'),
    satisfaction: smallint('satisfaction'),
    satisfactionComment: text('satisfaction_comment'),
    /** Deadlines of the service-level clock as of the last event (null: met on time, or paused). */
    dueToOwn: timestamp('due_to_own', { withTimezone: true }),
    dueToResolve: timestamp('due_to_resolve', { withTimezone: true }),
    /**
     * What the dashboards measure, written by writeTicketChange from the replayed clock: when the
     * time to own stopped, and the business minutes each clock counted once stopped (resolve: null
     * again when the ticket is reopened). Absent on a new ticket, so creation writes nothing more.
     */
    ownedAt: timestamp('owned_at', { withTimezone: true }),
    ownMinutes: integer('own_minutes'),
    resolveMinutes: integer('resolve_minutes'),
    createdBy: text('created_by').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('tickets_number_key').on(t.tenantId, t.number),
    foreignKey({ columns: [t.tenantId, t.establishmentId], foreignColumns: [establishments.tenantId, establishments.id] }),
    foreignKey({ columns: [t.tenantId, t.category], foreignColumns: [categories.tenantId, categories.key] }),
    foreignKey({ columns: [t.tenantId, t.assignedTeamId], foreignColumns: [supportTeams.tenantId, supportTeams.id] }),
    foreignKey({ columns: [t.tenantId, t.parentId], foreignColumns: [t.tenantId, t.id] }),
    // a team's backlog, most urgent first; the scope columns make its count an index-only scan
    index('tickets_team_backlog_idx')
      .on(t.tenantId, t.assignedTeamId, t.dueToResolve, t.establishmentId, t.requesterUserId, t.assignedUserId)
      .where(sql`${t.status} not in ('solved', 'closed')`),
    // the jobs to come scan the open and unowned deadlines
    index('tickets_team_idx').on(t.tenantId, t.assignedTeamId, t.openedAt),
    index('tickets_open_due_idx').on(t.tenantId, t.dueToResolve).where(sql`${t.status} not in ('solved', 'closed')`),
    index('tickets_unowned_due_idx').on(t.tenantId, t.dueToOwn).where(sql`${t.status} = 'new'`),
    index('tickets_establishment_idx').on(t.tenantId, t.establishmentId, t.openedAt),
    // opened in a period, and the dashboard's groupings read from the index alone
    index('tickets_opened_idx').on(t.tenantId, t.openedAt, t.establishmentId, t.assignedTeamId, t.level, t.category),
    // the dashboard: backlog groupings and late open tickets, owned and solved in a period (index-only scans;
    // the last two are empty at creation, so they cost nothing to ticket creation)
    index('tickets_open_dashboard_idx')
      .on(t.tenantId, t.assignedTeamId, t.level, t.category, t.establishmentId, t.status, t.dueToOwn, t.dueToResolve)
      .where(sql`${t.status} not in ('solved', 'closed')`),
    index('tickets_owned_dashboard_idx')
      .on(t.tenantId, t.ownedAt, t.ownMinutes, t.dueToOwn, t.establishmentId, t.assignedTeamId, t.level, t.category)
      .where(sql`${t.ownedAt} is not null`),
    index('tickets_solved_dashboard_idx')
      .on(t.tenantId, t.solvedAt, t.resolveMinutes, t.dueToResolve, t.satisfaction, t.establishmentId, t.assignedTeamId, t.level, t.category)
      .where(sql`${t.solvedAt} is not null`),
    // a person's own tickets; calls logged by the hotline have no requester account and stay out of it
    index('tickets_requester_idx').on(t.tenantId, t.requesterUserId).where(sql`${t.requesterUserId} is not null`),
    index('tickets_assigned_org_idx').on(t.tenantId, t.assignedOrgId, t.openedAt),
    index('tickets_responsible_org_idx').on(t.tenantId, t.responsibleOrgId, t.openedAt),
    index('tickets_parent_idx').on(t.tenantId, t.parentId).where(sql`${t.parentId} is not null`),
  ],
);

/** Devices a ticket is about (plain references with their label: merging devices never blocks). */
export const ticketAssets = guichet.table(
  'ticket_assets',
  {
    tenantId: uuid('tenant_id').notNull(),
    ticketId: uuid('ticket_id').notNull(),
    assetId: uuid('asset_id').notNull(),
    assetLabel: text('asset_label').notNull(),
    /** Copied from the ticket, for the repeated-failure count on one device. */
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    incident: boolean('incident').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.ticketId, t.assetId] }),
    foreignKey({ columns: [t.tenantId, t.ticketId], foreignColumns: [tickets.tenantId, tickets.id] }).onDelete('cascade'),
    index('ticket_assets_asset_idx').on(t.tenantId, t.assetId, t.openedAt),
  ],
);

/**
 * The history of a ticket. Status, category, priority and agreement are set on the events that
 * change them (the first event carries them all): the service-level clock is rebuilt from them.
 * Escalations, assignments and links carry their level, team and reason.
 */
export const ticketEvents = guichet.table(
  'ticket_events',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
    ticketId: uuid('ticket_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    kind: text('kind').notNull(),
    status: text('status'),
    category: text('category'),
    priority: smallint('priority'),
    agreementId: text('agreement_id'),
    level: smallint('level'),
    teamId: uuid('team_id'),
    reason: text('reason'),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    actorLabel: text('actor_label').notNull(),
    details: jsonb('details'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.ticketId], foreignColumns: [tickets.tenantId, tickets.id] }).onDelete('cascade'),
    index('ticket_events_ticket_idx').on(t.tenantId, t.ticketId, t.at),
  ],
);

/** Follow-ups: public ones reach the requester; private ones stay with the desk, on every route. */
export const followups = guichet.table(
  'followups',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    ticketId: uuid('ticket_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    authorId: text('author_id'),
    authorLabel: text('author_label').notNull(),
    isPrivate: boolean('is_private').notNull(),
    body: text('body').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.ticketId], foreignColumns: [tickets.tenantId, tickets.id] }).onDelete('cascade'),
    index('followups_ticket_idx').on(t.tenantId, t.ticketId, t.at),
  ],
);

/** Work done on a ticket and the time it took (desk only). */
export const tasks = guichet.table(
  'tasks',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    ticketId: uuid('ticket_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    authorId: text('author_id'),
    authorLabel: text('author_label').notNull(),
    description: text('description').notNull(),
    minutes: integer('minutes').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.ticketId], foreignColumns: [tickets.tenantId, tickets.id] }).onDelete('cascade'),
    index('tasks_ticket_idx').on(t.tenantId, t.ticketId, t.at),
  ],
);

/** A file joined to a ticket; its bytes live in attachment_contents so lists never load them. */
export const attachments = guichet.table(
  'attachments',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    ticketId: uuid('ticket_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    isPrivate: boolean('is_private').notNull().default(false),
    authorId: text('author_id'),
    authorLabel: text('author_label').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.ticketId], foreignColumns: [tickets.tenantId, tickets.id] }).onDelete('cascade'),
    index('attachments_ticket_idx').on(t.tenantId, t.ticketId),
  ],
);

export const attachmentContents = guichet.table(
  'attachment_contents',
  {
    tenantId: uuid('tenant_id').notNull(),
    attachmentId: uuid('attachment_id').notNull(),
    bytes: bytea('bytes').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.attachmentId] }),
    foreignKey({ columns: [t.tenantId, t.attachmentId], foreignColumns: [attachments.tenantId, attachments.id] }).onDelete('cascade'),
  ],
);

/**
 * Service-level alerts already raised: one row per ticket, clock and level, inserted in the
 * transaction that notifies (and escalates). Two job runners racing insert the same key: the
 * second waits for the first and finds it, so each alert happens exactly once.
 */
export const slaAlertsRaised = guichet.table(
  'sla_alerts',
  {
    tenantId: uuid('tenant_id').notNull(),
    ticketId: uuid('ticket_id').notNull(),
    clock: text('clock').notNull(), // own | resolve
    level: text('level').notNull(), // warning | breach
    at: timestamp('at', { withTimezone: true }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }),
    escalatedToLevel: smallint('escalated_to_level'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.ticketId, t.clock, t.level] }),
    foreignKey({ columns: [t.tenantId, t.ticketId], foreignColumns: [tickets.tenantId, tickets.id] }).onDelete('cascade'),
  ],
);

/**
 * Mail received by the desk, by Message-ID: the same message delivered twice (a relay retrying)
 * is stored once. The row is claimed before the ticket or follow-up is written.
 */
export const inboundMails = guichet.table(
  'inbound_mails',
  {
    tenantId: uuid('tenant_id').notNull(),
    messageId: text('message_id').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    sender: text('sender').notNull(),
    ticketId: uuid('ticket_id'),
    followupId: uuid('followup_id'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.messageId] })],
);

/** The dashboard's columns are optional on a row being built: a new ticket leaves them out (null). */
type DashboardColumns = 'ownedAt' | 'ownMinutes' | 'resolveMinutes';
export type TicketRow = Omit<typeof tickets.$inferSelect, DashboardColumns> & Partial<Pick<typeof tickets.$inferSelect, DashboardColumns>>;
export type SupportTeamRow = typeof supportTeams.$inferSelect;
export type CategoryRow = typeof categories.$inferSelect;
export type TicketEventRow = typeof ticketEvents.$inferSelect;
export type TicketAssetRow = typeof ticketAssets.$inferSelect;
