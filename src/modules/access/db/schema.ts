import { sql } from 'drizzle-orm';
import { boolean, foreignKey, index, integer, pgSchema, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { establishments, organizations } from '../../referentiel/db/schema.js';

export const access = pgSchema('access');

/** A person's identity, global across tenants (reference table): what they may do lives in role_assignments. */
export const users = access.table(
  'users',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    email: text('email').notNull().unique(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash'),
    oidcIssuer: text('oidc_issuer'),
    oidcSubject: text('oidc_subject'),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('users_oidc_key').on(t.oidcIssuer, t.oidcSubject)],
);

/** A role held in one tenant, on behalf of an organization, with its scope. */
export const roleAssignments = access.table(
  'role_assignments',
  {
    tenantId: uuid('tenant_id').notNull().references(() => organizations.tenantId),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id').notNull().references(() => organizations.tenantId),
    role: text('role').notNull(),
    establishmentId: uuid('establishment_id'),
    staffFunction: text('staff_function'), // head | bursar | digital-referent | teacher | librarian
    unitIds: uuid('unit_ids').array().notNull().default(sql`'{}'::uuid[]`),
    level: integer('level'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('role_assignments_user_idx').on(t.userId),
    foreignKey({ columns: [t.tenantId, t.establishmentId], foreignColumns: [establishments.tenantId, establishments.id] }),
  ],
);

/** Server-side sessions: the cookie holds a random token, the table its SHA-256. */
// Distributed by its user on Citus (comment `distributed-by: user_id`): the key leads with user_id.
export const sessions = access.table(
  'sessions',
  {
    id: text('id').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    method: text('method').notNull(), // password | oidc | link (a family's e-mailed link)
  },
  // the cookie names the session alone: its lookup goes through the token's own index
  (t) => [primaryKey({ columns: [t.userId, t.id] }), index('sessions_id_idx').on(t.id)],
);

/**
 * Failed logins, known e-mail or not, so unknown and known logins behave alike. Counted per
 * e-mail from one address (kind account-address: a stranger elsewhere cannot lock a person out of
 * their usual place) and per address (kind address: password spraying); see lockout.ts.
 */
export const loginAttempts = access.table(
  'login_attempts',
  {
    key: text('key').primaryKey(),
    failures: integer('failures').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    kind: text('kind').notNull().default('account-address'),
    /** The account the e-mail names, when there is one (the administrators' view of locks). */
    userId: uuid('user_id'),
    address: text('address'),
  },
  (t) => [index('login_attempts_user_idx').on(t.userId)],
);

/** Tokens for integrations: bound to one tenant, a role, a scope and read or write access. */
export const apiTokens = access.table(
  'api_tokens',
  {
    tenantId: uuid('tenant_id').notNull().references(() => organizations.tenantId),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    role: text('role').notNull(),
    access: text('access').notNull(), // read | write
    unitIds: uuid('unit_ids').array().notNull().default(sql`'{}'::uuid[]`),
    establishmentId: uuid('establishment_id'),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), unique('api_tokens_hash_key').on(t.tenantId, t.tokenHash)],
);

/*
 * What other modules may read of people and roles, as views their SQL names instead of the
 * tables: never a password hash nor an OIDC subject. PostgreSQL inlines them.
 */
export const usersView = access.view('users_view').as((qb) =>
  qb.select({ id: users.id, email: users.email, displayName: users.displayName, active: users.active }).from(users),
);
export const roleAssignmentsView = access.view('role_assignments_view').as((qb) => qb.select().from(roleAssignments));
