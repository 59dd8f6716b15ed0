import { sql } from 'drizzle-orm';
import { foreignKey, integer, numeric, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { pilotageGovernance } from '../../governance/db/schema.js';

const table = pilotageGovernance.table;

/** A service of the Métropole's catalogue, its service level and its unit costs (cents a year). */
export const catalogueServices = table(
  'catalogue_services',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** The desk's ticket categories that measure this service. */
    ticketCategories: text('ticket_categories').array().notNull(),
    /** Share of tickets solved within the agreement the catalogue promises (0 to 1). */
    resolveWithinTarget: numeric('resolve_within_target', { mode: 'number' }).notNull(),
    costPerDeviceCents: integer('cost_per_device_cents').notNull(),
    costPerPupilCents: integer('cost_per_pupil_cents').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), unique('catalogue_services_code_key').on(t.tenantId, t.code)],
);

/** A yearly cycle in which communes may join. */
export const joiningCycles = table(
  'joining_cycles',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    year: integer('year').notNull(),
    label: text('label').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), unique('joining_cycles_year_key').on(t.tenantId, t.year)],
);

/** A commune of the Métropole (a partner organization) and its answer to a cycle. */
export const communeMemberships = table(
  'commune_memberships',
  {
    tenantId: uuid('tenant_id').notNull(),
    communeId: uuid('commune_id').notNull(),
    inseeCode: text('insee_code').notNull(),
    cycleId: uuid('cycle_id').notNull(),
    status: text('status').notNull(), // joined | refused
    costSplit: text('cost_split').notNull(), // devices | pupils
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull(),
    // the commune's answer and its services « à la carte » move together: one version for both
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.communeId] }),
    unique('commune_memberships_insee_key').on(t.tenantId, t.inseeCode),
    foreignKey({ columns: [t.tenantId, t.cycleId], foreignColumns: [joiningCycles.tenantId, joiningCycles.id] }),
  ],
);

export const subscriptions = table(
  'subscriptions',
  {
    tenantId: uuid('tenant_id').notNull(),
    communeId: uuid('commune_id').notNull(),
    serviceId: uuid('service_id').notNull(),
    cycleId: uuid('cycle_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.communeId, t.serviceId] }),
    foreignKey({ columns: [t.tenantId, t.communeId], foreignColumns: [communeMemberships.tenantId, communeMemberships.communeId] }),
    foreignKey({ columns: [t.tenantId, t.serviceId], foreignColumns: [catalogueServices.tenantId, catalogueServices.id] }),
    foreignKey({ columns: [t.tenantId, t.cycleId], foreignColumns: [joiningCycles.tenantId, joiningCycles.id] }),
  ],
);
