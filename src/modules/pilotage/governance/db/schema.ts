import { sql } from 'drizzle-orm';
import { boolean, customType, date, foreignKey, integer, jsonb, pgSchema, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

/** Governance lives in the pilotage module's PostgreSQL schema (same name as the module's db/schema.ts). */
export const pilotageGovernance = pgSchema('pilotage');
const table = pilotageGovernance.table;

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

export interface Commitment {
  party: 'a' | 'b';
  text: string;
}
export interface ServiceLevel {
  indicator: 'resolve_within_rate' | 'own_within_rate';
  target: number;
}

/** The framework convention and the service agreements between partners. */
export const agreements = table(
  'agreements',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    kind: text('kind').notNull(), // framework | authority-establishment | academy-authority | academy-establishment
    title: text('title').notNull(),
    partyAId: uuid('party_a_id').notNull(),
    partyBId: uuid('party_b_id'),
    establishmentId: uuid('establishment_id'),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to'),
    commitments: jsonb('commitments').$type<Commitment[]>().notNull(),
    serviceLevels: jsonb('service_levels').$type<ServiceLevel[]>().notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/** A governance body: who sits, how often, and whether its decisions need unanimity. */
export const bodies = table(
  'bodies',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    kind: text('kind').notNull(), // project-group | technical-committee | steering-committee | purchasing-group
    name: text('name').notNull(),
    cadence: text('cadence').notNull(), // weekly | half-yearly | yearly | as-needed
    unanimity: boolean('unanimity').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), unique('bodies_name_key').on(t.tenantId, t.name)],
);

export const bodyMembers = table(
  'body_members',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    bodyId: uuid('body_id').notNull(),
    name: text('name').notNull(),
    title: text('title').notNull(), // « chef de projet », « vice-président »…
    organizationId: uuid('organization_id').notNull(),
    userId: uuid('user_id'),
    version: integer('version').notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), foreignKey({ columns: [t.tenantId, t.bodyId], foreignColumns: [bodies.tenantId, bodies.id] })],
);

export const meetings = table(
  'meetings',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    bodyId: uuid('body_id').notNull(),
    heldOn: date('held_on').notNull(),
    place: text('place').notNull(),
    agenda: jsonb('agenda').$type<string[]>().notNull(),
    /** Member ids present. */
    attendance: jsonb('attendance').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    minutes: text('minutes').notNull().default(''),
    version: integer('version').notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), foreignKey({ columns: [t.tenantId, t.bodyId], foreignColumns: [bodies.tenantId, bodies.id] })],
);

export const decisions = table(
  'decisions',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    meetingId: uuid('meeting_id').notNull(),
    title: text('title').notNull(),
    status: text('status').notNull(), // open | adopted | rejected
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), foreignKey({ columns: [t.tenantId, t.meetingId], foreignColumns: [meetings.tenantId, meetings.id] })],
);

export const votes = table(
  'votes',
  {
    tenantId: uuid('tenant_id').notNull(),
    decisionId: uuid('decision_id').notNull(),
    memberId: uuid('member_id').notNull(),
    choice: text('choice').notNull(), // for | against | abstain
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.decisionId, t.memberId] }),
    foreignKey({ columns: [t.tenantId, t.decisionId], foreignColumns: [decisions.tenantId, decisions.id] }),
    foreignKey({ columns: [t.tenantId, t.memberId], foreignColumns: [bodyMembers.tenantId, bodyMembers.id] }),
  ],
);

/** Actions decided in a meeting, followed until done. */
export const followUps = table(
  'follow_ups',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    meetingId: uuid('meeting_id').notNull(),
    title: text('title').notNull(),
    ownerMemberId: uuid('owner_member_id').notNull(),
    dueOn: date('due_on').notNull(),
    doneOn: date('done_on'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.meetingId], foreignColumns: [meetings.tenantId, meetings.id] }),
    foreignKey({ columns: [t.tenantId, t.ownerMemberId], foreignColumns: [bodyMembers.tenantId, bodyMembers.id] }),
  ],
);

/** A meeting's data pack as issued: its bytes are kept, a new issue is a new version. */
export const dataPacks = table(
  'data_packs',
  {
    tenantId: uuid('tenant_id').notNull(),
    meetingId: uuid('meeting_id').notNull(),
    version: integer('version').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    issuedBy: text('issued_by').notNull(),
    sha256: text('sha256').notNull(),
    bytes: bytea('bytes').notNull(),
    figures: jsonb('figures').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.meetingId, t.version] }),
    foreignKey({ columns: [t.tenantId, t.meetingId], foreignColumns: [meetings.tenantId, meetings.id] }),
  ],
);
