import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
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
import { establishments, organizations } from '../../referentiel/db/schema.js';

export const pilotage = pgSchema('pilotage');

/** One indicator's threshold in a target profile version (indicators/catalogue.input.ts lists the codes). */
export interface ProfileIndicator {
  code: string;
  target: number;
}

/**
 * A target profile: the level a kind of establishment (lycée, collège, école) of a size band must
 * reach. Its thresholds live in numbered versions, so a voted plan keeps the targets it was built on.
 */
export const targetProfiles = pilotage.table(
  'target_profiles',
  {
    tenantId: uuid('tenant_id').notNull().references(() => organizations.tenantId),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    name: text('name').notNull(),
    establishmentKind: text('establishment_kind').notNull(), // lycee | college | ecole
    minPupils: integer('min_pupils'),
    maxPupils: integer('max_pupils'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), unique('target_profiles_name_key').on(t.tenantId, t.name)],
);

/** A numbered set of thresholds; frozen once a voted plan used it (then edits answer 409). */
export const targetProfileVersions = pilotage.table(
  'target_profile_versions',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    profileId: uuid('profile_id').notNull(),
    number: integer('number').notNull(),
    indicators: jsonb('indicators').$type<ProfileIndicator[]>().notNull(),
    frozenAt: timestamp('frozen_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('target_profile_versions_number_key').on(t.tenantId, t.profileId, t.number),
    foreignKey({ columns: [t.tenantId, t.profileId], foreignColumns: [targetProfiles.tenantId, targetProfiles.id] }).onDelete('cascade'),
  ],
);

/**
 * What the steering needs of a school that no other module knows yet: the social position index
 * (general and vocational tracks apart, so a vocational-only lycée is never counted as 0), rurality,
 * a pupil estimate where the open data has none (flagged), the ENT and the resource licences.
 */
export const establishmentContext = pilotage.table(
  'establishment_context',
  {
    tenantId: uuid('tenant_id').notNull(),
    establishmentId: uuid('establishment_id').notNull(),
    ipsGeneral: doublePrecision('ips_general'),
    ipsVocational: doublePrecision('ips_vocational'),
    rural: boolean('rural'),
    pupilsEstimate: integer('pupils_estimate'),
    entOpen: boolean('ent_open'),
    resourceLicences: integer('resource_licences'),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.establishmentId] }),
    foreignKey({ columns: [t.tenantId, t.establishmentId], foreignColumns: [establishments.tenantId, establishments.id] }).onDelete('cascade'),
  ],
);

/** One school's assessment as it stood at a month's snapshot, for trends. */
export const assessmentSnapshots = pilotage.table(
  'assessment_snapshots',
  {
    tenantId: uuid('tenant_id').notNull(),
    month: date('month').notNull(),
    establishmentId: uuid('establishment_id').notNull(),
    profileVersionId: uuid('profile_version_id'),
    indicators: jsonb('indicators').$type<{ code: string; value: number | null; target: number | null; met: boolean | null }[]>().notNull(),
    metCount: smallint('met_count').notNull(),
    knownCount: smallint('known_count').notNull(),
    takenAt: timestamp('taken_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.month, t.establishmentId] }),
    index('assessment_snapshots_establishment_idx').on(t.tenantId, t.establishmentId, t.month),
  ],
);

/** Unit costs used when no contract's price list gives one (cents, per operation kind). */
export const costReferences = pilotage.table(
  'cost_references',
  {
    tenantId: uuid('tenant_id').notNull().references(() => organizations.tenantId),
    kind: text('kind').notNull(),
    label: text('label').notNull(),
    unitCostCents: bigint('unit_cost_cents', { mode: 'number' }).notNull(),
    /** A contract lot's price item that prices this kind (marches' price list in force wins over unitCostCents). */
    lotId: uuid('lot_id'),
    priceItemCode: text('price_item_code'),
    version: integer('version').notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.kind] })],
);

/**
 * A PPI scenario: a budget (yearly ceilings in cents) over a span of years. Voting one freezes it
 * and the target versions it used; a later scenario names the voted one it is compared with.
 */
export const ppiScenarios = pilotage.table(
  'ppi_scenarios',
  {
    tenantId: uuid('tenant_id').notNull().references(() => organizations.tenantId),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    name: text('name').notNull(),
    startYear: smallint('start_year').notNull(),
    yearCount: smallint('year_count').notNull(),
    yearlyCeilingsCents: jsonb('yearly_ceilings_cents').$type<number[]>().notNull(),
    status: text('status').notNull().default('draft'), // draft | voted
    votedAt: timestamp('voted_at', { withTimezone: true }),
    baselineId: uuid('baseline_id'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), unique('ppi_scenarios_name_key').on(t.tenantId, t.name)],
);

/** One works operation of a scenario, at one school, in one year, with its cost and priority. */
export const ppiOperations = pilotage.table(
  'ppi_operations',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    scenarioId: uuid('scenario_id').notNull(),
    establishmentId: uuid('establishment_id').notNull(),
    kind: text('kind').notNull(), // renew_pcs | wifi_rooms | cabling | link_upgrade | interactive_displays
    indicatorCode: text('indicator_code').notNull(),
    quantity: integer('quantity').notNull(),
    unitCostCents: bigint('unit_cost_cents', { mode: 'number' }).notNull(),
    costCents: bigint('cost_cents', { mode: 'number' }).notNull(),
    costSource: text('cost_source').notNull(), // contract | reference
    /** Where the unit cost comes from, as shown: the price item (code and label) or the reference's label. */
    costBasis: text('cost_basis'),
    priority: doublePrecision('priority').notNull(),
    year: smallint('year'),
    profileVersionId: uuid('profile_version_id'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.scenarioId], foreignColumns: [ppiScenarios.tenantId, ppiScenarios.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.establishmentId], foreignColumns: [establishments.tenantId, establishments.id] }),
    index('ppi_operations_scenario_idx').on(t.tenantId, t.scenarioId, t.year),
  ],
);

/** How an operation is paid: its lines add up to its cost (own budget, FEDER, EIB loan, partners). */
export const ppiFinancingLines = pilotage.table(
  'ppi_financing_lines',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    operationId: uuid('operation_id').notNull(),
    source: text('source').notNull(), // own | feder | eib | partner
    partnerName: text('partner_name'),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.operationId], foreignColumns: [ppiOperations.tenantId, ppiOperations.id] }).onDelete('cascade'),
  ],
);
