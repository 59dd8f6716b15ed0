import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { establishments, organizations, rooms } from '../../referentiel/db/schema.js';

export const parc = pgSchema('parc');

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/** One device of the fleet; summary columns for lists, the agent's detail in `hardware`. */
export const assets = parc.table(
  'assets',
  {
    tenantId: uuid('tenant_id').notNull().references(() => organizations.tenantId),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    establishmentId: uuid('establishment_id'),
    roomId: uuid('room_id'),
    parentAssetId: uuid('parent_asset_id'), // a mobile cart holds tablets
    assetClass: text('class').notNull(),
    status: text('status').notNull(),
    name: text('name'),
    serial: text('serial'),
    inventoryNumber: text('inventory_number'),
    hardwareUuid: text('hardware_uuid'),
    agentDeviceId: text('agent_device_id'),
    macAddresses: text('mac_addresses').array().notNull().default(sql`'{}'::text[]`),
    manufacturer: text('manufacturer'),
    model: text('model'),
    ownerKind: text('owner_kind').notNull().default('authority'),
    funder: text('funder'),
    fundingSource: text('funding_source'),
    supplier: text('supplier'),
    orderReference: text('order_reference'),
    purchaseDate: date('purchase_date'),
    purchasePrice: numeric('purchase_price', { precision: 12, scale: 2 }),
    warrantyEnd: date('warranty_end'),
    imageVersion: text('image_version'),
    osName: text('os_name'),
    osVersion: text('os_version'),
    cpuName: text('cpu_name'),
    memoryMb: integer('memory_mb'),
    diskTotalMb: integer('disk_total_mb'),
    softwareCount: integer('software_count').notNull().default(0),
    softwareHash: text('software_hash'),
    hardware: jsonb('hardware'),
    lastUser: text('last_user'),
    /** While lent (status lent): to whom (a class project, a teacher) and until when. */
    loanBorrower: text('loan_borrower'),
    loanDue: date('loan_due'),
    firstInventoryAt: timestamp('first_inventory_at', { withTimezone: true }),
    lastInventoryAt: timestamp('last_inventory_at', { withTimezone: true }),
    lockedFields: text('locked_fields').array().notNull().default(sql`'{}'::text[]`),
    /**
     * The agent id (deviceid) of the unauthenticated agent (tag or school network) that created the
     * device, while nobody else placed it; null once a person, an import, a delivery or an
     * authenticated agent did (ingest/agent-trust.ts).
     */
    anonymousAgent: text('anonymous_agent'),
    searchText: text('search_text').notNull().default(''),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.establishmentId], foreignColumns: [establishments.tenantId, establishments.id] }),
    foreignKey({ columns: [t.tenantId, t.roomId], foreignColumns: [rooms.tenantId, rooms.id] }).onDelete('set null'),
    foreignKey({ columns: [t.tenantId, t.parentAssetId], foreignColumns: [t.tenantId, t.id] }).onDelete('set null'),
    index('assets_establishment_idx').on(t.tenantId, t.establishmentId, t.assetClass),
    index('assets_serial_idx').on(t.tenantId, t.serial),
    index('assets_uuid_idx').on(t.tenantId, t.hardwareUuid),
    index('assets_device_idx').on(t.tenantId, t.agentDeviceId),
    index('assets_macs_idx').using('gin', t.macAddresses),
    // led by the tenant (btree_gin): a search reads only its tenant's entries, and the index can be distributed
    index('assets_search_idx').using('gin', t.tenantId, t.searchText.op('gin_trgm_ops')),
    index('assets_last_seen_idx').on(t.tenantId, t.lastInventoryAt),
  ],
);

/**
 * Software normalised across the tenant's fleet: one row per product key. `publisher` is the first
 * one met (kept for search); each installation carries its own (asset_software.publisher).
 */
export const software = parc.table(
  'software',
  {
    tenantId: uuid('tenant_id').notNull().references(() => organizations.tenantId),
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
    key: text('key').notNull(),
    name: text('name').notNull(),
    publisher: text('publisher'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), unique('software_key_key').on(t.tenantId, t.key)],
);

/** What is installed where, with its version. */
export const assetSoftware = parc.table(
  'asset_software',
  {
    tenantId: uuid('tenant_id').notNull(),
    assetId: uuid('asset_id').notNull(),
    softwareId: bigint('software_id', { mode: 'number' }).notNull(),
    version: text('version').notNull().default(''),
    /**
     * The device's school, copied here so that « where is this software installed » counts and
     * pages by school from the index alone (5 million lines: reading each device's row was most of
     * the cost). Written by the software store; filled from the device by a trigger when an insert
     * leaves it out; follows the device when it moves (trigger on assets, migration parc_software_school).
     */
    establishmentId: uuid('establishment_id'),
    /**
     * The publisher this device's agent reports for this version: the same product is « Debian »
     * on one platform and « Fedora Project » on another, so the catalogue's publisher (the first
     * one met) says nothing of a given device. Pages show the one most installs report.
     */
    publisher: text('publisher'),
  },
  (t) => [
    // The key's index also stores the publisher (INCLUDE, migration parc_installed_software_covering:
    // drizzle cannot declare it), so the inventory reads a device's list from the index alone.
    primaryKey({ columns: [t.tenantId, t.assetId, t.softwareId, t.version] }),
    // No declared foreign keys here: PostgreSQL checks one row at a time (1,800 lookups and 900
    // row locks for one new inventory, most of its database time, and each lookup walking the
    // whole tenant when the statistics lag). Statement-level triggers keep the same guarantees in
    // one lookup per device and one per catalogue (migration parc_installed_software_refs): a line
    // needs its device (locked as a key would be) and its catalogue row, a deleted device takes its
    // lines along, and a catalogue row still installed somewhere cannot be deleted.
    // "where is this software installed" reads only this index (no visit of the table, whose rows
    // for one product are scattered over as many pages): school, device and version are in it, and
    // the publisher, so that the one most installations report is counted from the index too
    // (read from the rows, one page visited per line, it tripled the database's cost of the page)
    index('asset_software_school_idx').on(t.tenantId, t.softwareId, t.establishmentId, t.assetId, t.version, t.publisher),
  ],
);

/** IMAC history: installs, moves, additions, changes, written by people and by the inventory. */
export const assetEvents = parc.table(
  'asset_events',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
    assetId: uuid('asset_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    kind: text('kind').notNull(), // install | move | add | change | status | link | merge | unlink
    source: text('source').notNull(), // person | inventory | import
    actorLabel: text('actor_label').notNull(),
    summary: text('summary').notNull(),
    details: jsonb('details'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.assetId], foreignColumns: [assets.tenantId, assets.id] }).onDelete('cascade'),
    index('asset_events_asset_idx').on(t.tenantId, t.assetId, t.at),
  ],
);

/** Every time a report was attached to an existing device (or two devices merged): why, and how to undo. */
export const assetMatches = parc.table(
  'asset_matches',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
    assetId: uuid('asset_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    kind: text('kind').notNull(), // link | merge
    reason: text('reason').notNull(),
    agentDeviceId: text('agent_device_id'),
    mergedAsset: jsonb('merged_asset'), // the absorbed device as it was, to restore on undo
    undoneAt: timestamp('undone_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.assetId], foreignColumns: [assets.tenantId, assets.id] }).onDelete('cascade'),
    index('asset_matches_asset_idx').on(t.tenantId, t.assetId),
  ],
);

/** How agents are attached to the tenant and what it keeps of them. */
export const inventorySettings = parc.table('inventory_settings', {
  tenantId: uuid('tenant_id').primaryKey().references(() => organizations.tenantId),
  acceptTaggedAgents: boolean('accept_tagged_agents').notNull().default(false),
  /**
   * Only agents with credentials are attached: tags and networks are ignored. Authorities that
   * never saved their settings have no row and require credentials (get-inventory-settings.ts);
   * the column's default keeps the rows written before it existed as they were.
   */
  requireCredentials: boolean('require_credentials').notNull().default(false),
  /** A tag is honoured only from one of the declared networks. */
  tagsOnlyFromNetworks: boolean('tags_only_from_networks').notNull().default(false),
  networks: text('networks').array().notNull().default(sql`'{}'::text[]`), // CIDR blocks of the schools
  storeLastUser: boolean('store_last_user').notNull().default(false),
  staleAfterDays: integer('stale_after_days').notNull().default(30),
  expectedLifeYears: jsonb('expected_life_years').notNull().default({}),
  version: integer('version').notNull().default(1),
});

/**
 * A change an unauthenticated report asked for on a device someone else placed (a move, a new
 * name, another identity): kept until a technician confirms or refuses it.
 */
export const assetProposals = parc.table(
  'asset_proposals',
  {
    tenantId: uuid('tenant_id').notNull().references(() => organizations.tenantId),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    assetId: uuid('asset_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    agentDeviceId: text('agent_device_id'),
    /** How the report was attached: tag | network. */
    trust: text('trust').notNull(),
    remoteAddress: text('remote_address'),
    reason: text('reason').notNull(),
    /** [{ field, from, to }] */
    changes: jsonb('changes').notNull(),
    changesHash: text('changes_hash').notNull(),
    report: jsonb('report').notNull(),
    status: text('status').notNull().default('pending'), // pending | confirmed | refused
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: text('decided_by'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.assetId], foreignColumns: [assets.tenantId, assets.id] }).onDelete('cascade'),
    index('asset_proposals_asset_idx').on(t.tenantId, t.assetId, t.status),
    index('asset_proposals_pending_idx').on(t.tenantId, t.status, t.at),
  ],
);

/** HTTP Basic credentials configured in the agents of a tenant. */
export const agentCredentials = parc.table(
  'agent_credentials',
  {
    tenantId: uuid('tenant_id').notNull().references(() => organizations.tenantId),
    username: text('username').notNull(),
    passwordHash: text('password_hash').notNull(),
    label: text('label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.username] })],
);

/** Reports that belong to no tenant yet: kept whole until an administrator attaches them. */
export const unassignedReports = parc.table(
  'unassigned_reports',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    source: text('source').notNull(),
    deviceId: text('device_id'),
    tag: text('tag'),
    remoteAddress: text('remote_address'),
    report: jsonb('report').notNull(),
  },
  (t) => [
    index('unassigned_reports_device_idx').on(t.deviceId),
    // the queue's caps: rows from one address in the last hour, and expiry by age
    index('unassigned_reports_address_idx').on(t.remoteAddress, t.receivedAt),
    index('unassigned_reports_received_idx').on(t.receivedAt),
  ],
);

/** A raw body acknowledged with "pending": committed first, processed after, never lost. */
export const inventoryInbox = parc.table('inventory_inbox', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  source: text('source').notNull(),
  contentType: text('content_type'),
  remoteAddress: text('remote_address'),
  credentialsTenantId: uuid('credentials_tenant_id'),
  body: bytea('body').notNull(),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
});

/**
 * One delivery of new devices to one site during a mass deployment (10,000 PCs to 180 sites in six
 * weeks): every device must be usable within `deadline_hours` of `delivered_at`.
 */
export const deploymentBatches = parc.table(
  'deployment_batches',
  {
    tenantId: uuid('tenant_id').notNull().references(() => organizations.tenantId),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    establishmentId: uuid('establishment_id').notNull(),
    label: text('label').notNull(),
    assetClass: text('class').notNull().default('desktop'),
    expectedCount: integer('expected_count').notNull(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }).notNull(),
    deadlineHours: integer('deadline_hours').notNull().default(48),
    orderReference: text('order_reference'),
    /** The planned deployment this delivery serves (deployment_plans), a plain reference: a plan withdrawn leaves its deliveries. */
    planId: uuid('plan_id'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.establishmentId], foreignColumns: [establishments.tenantId, establishments.id] }),
    index('deployment_batches_establishment_idx').on(t.tenantId, t.establishmentId),
    index('deployment_batches_plan_idx').on(t.tenantId, t.planId),
    index('deployment_batches_delivered_idx').on(t.tenantId, t.deliveredAt),
  ],
);

/**
 * Devices a site is to receive, per class, before any delivery: what another module decided (the
 * quantities granted on an accepted renewal file of the campaigns). The source names its record
 * (`source_key`); it replaces its lines as its decision changes, and deliveries point at a line.
 */
export const deploymentPlans = parc.table(
  'deployment_plans',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    establishmentId: uuid('establishment_id').notNull(),
    assetClass: text('class').notNull(),
    quantity: integer('quantity').notNull(),
    /** `campagnes:renewal:<file id>`: one source record, one line per class. */
    sourceKey: text('source_key').notNull(),
    /** What people read: the call and the file (« Renouvellement 2027 — dossier n° 12 »). */
    sourceLabel: text('source_label').notNull(),
    /** Where the source's page is, for a link back. */
    sourceLink: text('source_link'),
    plannedAt: timestamp('planned_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('deployment_plans_source_key').on(t.tenantId, t.sourceKey, t.assetClass),
    foreignKey({ columns: [t.tenantId, t.establishmentId], foreignColumns: [establishments.tenantId, establishments.id] }),
    index('deployment_plans_establishment_idx').on(t.tenantId, t.establishmentId),
  ],
);

/**
 * One delivered device of a batch, known by its serial number before it is ever inventoried.
 * Steps: delivered → installed → imaged → in-service (the first inventory of an imaged PC closes
 * its step). `asset_id` is filled when the inventory sees the device; it is a plain reference,
 * not a foreign key, so merging or deleting a device never blocks on its delivery record.
 */
export const deploymentItems = parc.table(
  'deployment_items',
  {
    tenantId: uuid('tenant_id').notNull(),
    batchId: uuid('batch_id').notNull(),
    /** Upper case, without spaces (normalizeSerial), as the inventory's matching compares them. */
    serial: text('serial').notNull(),
    step: text('step').notNull().default('delivered'),
    stepAt: timestamp('step_at', { withTimezone: true }).notNull(),
    installedAt: timestamp('installed_at', { withTimezone: true }),
    imagedAt: timestamp('imaged_at', { withTimezone: true }),
    inServiceAt: timestamp('in_service_at', { withTimezone: true }),
    assetId: uuid('asset_id'),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.batchId, t.serial] }),
    unique('deployment_items_serial_key').on(t.tenantId, t.serial),
    foreignKey({ columns: [t.tenantId, t.batchId], foreignColumns: [deploymentBatches.tenantId, deploymentBatches.id] }).onDelete('cascade'),
  ],
);

/** What other modules may read of the devices (the desk names a ticket's devices), as a view PostgreSQL inlines. */
export const assetsView = parc.view('assets_view').as((qb) => qb.select().from(assets));
