import { sql } from 'drizzle-orm';
import {
  boolean,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';

export const referentiel = pgSchema('referentiel');

/**
 * Every organization is a potential tenant: its id is the tenant key of the rows it owns.
 * A small directory replicated to every node on Citus (table comment "reference:").
 */
export const organizations = referentiel.table('organizations', {
  tenantId: uuid('tenant_id').primaryKey(),
  code: text('code').notNull().unique(),
  kind: text('kind').notNull(),
  name: text('name').notNull(),
  academyCode: text('academy_code'), // for an académie: the national code (Lille = 09)
  settings: jsonb('settings').notNull().default({}),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** An organization working with an authority (académie, DRAAF, contractor), inside the authority's tenant. */
export const partnerships = referentiel.table(
  'partnerships',
  {
    tenantId: uuid('tenant_id').notNull().references(() => organizations.tenantId),
    partnerId: uuid('partner_id').notNull().references(() => organizations.tenantId),
    role: text('role').notNull(), // academy | agri-ministry | contractor | member
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.partnerId] })],
);

export const territorialUnits = referentiel.table(
  'territorial_units',
  {
    tenantId: uuid('tenant_id').notNull().references(() => organizations.tenantId),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    parentId: uuid('parent_id'),
    kind: text('kind').notNull(), // agency | sector | zone
    code: text('code').notNull(),
    name: text('name').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('territorial_units_code_key').on(t.tenantId, t.code),
    foreignKey({ columns: [t.tenantId, t.parentId], foreignColumns: [t.tenantId, t.id] }),
  ],
);

export const establishments = referentiel.table(
  'establishments',
  {
    tenantId: uuid('tenant_id').notNull().references(() => organizations.tenantId),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    uai: text('uai').notNull(),
    name: text('name').notNull(),
    natureCode: text('nature_code'),
    natureLabel: text('nature_label'),
    sector: text('sector').notNull(), // public | private
    contractType: text('contract_type'),
    academyCode: text('academy_code'),
    academyName: text('academy_name'),
    departmentCode: text('department_code'),
    communeCode: text('commune_code'),
    communeName: text('commune_name'),
    postalCode: text('postal_code'),
    address: text('address'),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    pupils: integer('pupils'),
    priorityEducation: text('priority_education'), // REP | REP+ | null
    tracks: text('tracks').array().notNull().default(sql`'{}'::text[]`),
    isOpen: boolean('is_open').notNull().default(true),
    phone: text('phone'),
    email: text('email'),
    unitId: uuid('unit_id'),
    searchText: text('search_text').notNull(),
    sourceHash: text('source_hash'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('establishments_uai_key').on(t.tenantId, t.uai),
    foreignKey({ columns: [t.tenantId, t.unitId], foreignColumns: [territorialUnits.tenantId, territorialUnits.id] }),
    // led by the tenant (btree_gin): a search reads only its tenant's entries, and the index can be distributed
    index('establishments_search_idx').using('gin', t.tenantId, t.searchText.op('gin_trgm_ops')),
    // sort indexes end with the tie-breaker, so a page is an index walk in either direction
    index('establishments_name_idx').on(t.tenantId, t.name, t.uai),
    index('establishments_commune_idx').on(t.tenantId, t.communeName, t.uai),
    index('establishments_nature_idx').on(t.tenantId, t.natureCode, t.uai),
    index('establishments_pupils_idx').on(t.tenantId, t.pupils, t.uai),
    index('establishments_academy_idx').on(t.tenantId, t.academyCode, t.uai),
    index('establishments_updated_idx').on(t.tenantId, t.updatedAt, t.uai),
    // a sector's schools with every column a list sorts or filters them by: a technician's list (one sector,
    // 1,800 of 66,000 schools scattered over 1,500 heap pages) or a unit filter is an index-only scan of
    // its entries then a sort of them (0.7 ms, 16 ms through the heap); uai third, so the columns after
    // it never take part in a comparison (they ride as drizzle has no INCLUDE)
    index('establishments_unit_idx').on(
      t.tenantId,
      t.unitId,
      t.uai,
      t.name,
      t.communeName,
      t.natureCode,
      t.pupils,
      t.academyCode,
      t.updatedAt,
      t.sector,
      t.isOpen,
      t.departmentCode,
      t.priorityEducation,
    ),
    // the list's REP / REP+ filter: 6 % of schools, found here instead of a scan of the tenant (30 ms for 66,000); partial, so an import barely writes it.
    // Name and UAI after the value: a page of them by name is a walk of their own entries, index-only (REP schools are
    // écoles and collèges, gathered in the name order: the name index's walk read 5,660 rows for page 4, this one 101)
    index('establishments_priority_idx').on(t.tenantId, t.priorityEducation, t.name, t.uai).where(sql`priority_education is not null`),
  ],
);

export const buildings = referentiel.table(
  'buildings',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    establishmentId: uuid('establishment_id').notNull(),
    name: text('name').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.establishmentId], foreignColumns: [establishments.tenantId, establishments.id] }).onDelete('cascade'),
  ],
);

export const rooms = referentiel.table(
  'rooms',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    establishmentId: uuid('establishment_id').notNull(),
    buildingId: uuid('building_id').notNull(),
    name: text('name').notNull(),
    kind: text('kind').notNull(), // classroom | workshop | lab | cdi | boarding | office
    floor: text('floor'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.buildingId], foreignColumns: [buildings.tenantId, buildings.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.establishmentId], foreignColumns: [establishments.tenantId, establishments.id] }).onDelete('cascade'),
    // a school's rooms by kind (the steering's Wi-Fi coverage of one school reads only its own)
    index('rooms_establishment_idx').on(t.tenantId, t.establishmentId, t.kind),
  ],
);

/** One import of a file: its progress while it runs, then its row-by-row report. */
export const importRuns = referentiel.table(
  'import_runs',
  {
    tenantId: uuid('tenant_id').notNull().references(() => organizations.tenantId),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    filename: text('filename').notNull(),
    format: text('format'),
    mode: text('mode').notNull(), // all-or-nothing | apply-valid
    status: text('status').notNull(), // running | applied | refused | failed | previewed
    processed: integer('processed').notNull().default(0),
    total: integer('total').notNull().default(0),
    report: jsonb('report'),
    error: text('error'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/**
 * The lines of a tenant's last CSV import, each with the hash of the record it gave
 * (import/known-lines.ts): a re-import takes an identical line as unchanged without parsing it.
 * One text per tenant, written once per import, rather than a column beside every establishment:
 * no index of the establishments is touched for it.
 */
export const importLines = referentiel.table('import_lines', {
  tenantId: uuid('tenant_id')
    .primaryKey()
    .references(() => organizations.tenantId),
  entries: text('entries').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/*
 * What other modules may read of the référentiel, as views: their SQL names these, never the
 * tables above, so this module may reshape its tables while the views keep their columns.
 * PostgreSQL inlines a view over one table, so a query through it plans as on the table.
 * Drizzle queries read them through views.ts.
 */
export const organizationsViewDefinition = referentiel.view('organizations_view').as((qb) => qb.select().from(organizations));
export const partnershipsViewDefinition = referentiel.view('partnerships_view').as((qb) => qb.select().from(partnerships));
export const territorialUnitsViewDefinition = referentiel.view('territorial_units_view').as((qb) => qb.select().from(territorialUnits));
export const establishmentsViewDefinition = referentiel.view('establishments_view').as((qb) => qb.select().from(establishments));
export const buildingsViewDefinition = referentiel.view('buildings_view').as((qb) => qb.select().from(buildings));
export const roomsViewDefinition = referentiel.view('rooms_view').as((qb) => qb.select().from(rooms));
