import { boolean, doublePrecision, integer, jsonb, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { referentiel } from './schema.js';

/**
 * The views of schema.ts (`<table>_view`) as drizzle sees them: other modules' drizzle queries read
 * these, never the tables. Declared as tables for drizzle's query builder only (drizzle 0.45 refuses
 * the columns of a joined view); drizzle-kit does not read this file, and views.test.ts checks
 * that each one matches its view in a migrated database, column by column.
 */

export const organizationsView = referentiel.table('organizations_view', {
  tenantId: uuid('tenant_id').notNull(),
  code: text('code').notNull(),
  kind: text('kind').notNull(),
  name: text('name').notNull(),
  academyCode: text('academy_code'),
  settings: jsonb('settings').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

export const territorialUnitsView = referentiel.table('territorial_units_view', {
  tenantId: uuid('tenant_id').notNull(),
  id: uuid('id').notNull(),
  parentId: uuid('parent_id'),
  kind: text('kind').notNull(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  version: integer('version').notNull(),
});

export const establishmentsView = referentiel.table('establishments_view', {
  tenantId: uuid('tenant_id').notNull(),
  id: uuid('id').notNull(),
  uai: text('uai').notNull(),
  name: text('name').notNull(),
  natureCode: text('nature_code'),
  natureLabel: text('nature_label'),
  sector: text('sector').notNull(),
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
  priorityEducation: text('priority_education'),
  tracks: text('tracks').array().notNull(),
  isOpen: boolean('is_open').notNull(),
  phone: text('phone'),
  email: text('email'),
  unitId: uuid('unit_id'),
  searchText: text('search_text').notNull(),
  sourceHash: text('source_hash'),
  version: integer('version').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

export const buildingsView = referentiel.table('buildings_view', {
  tenantId: uuid('tenant_id').notNull(),
  id: uuid('id').notNull(),
  establishmentId: uuid('establishment_id').notNull(),
  name: text('name').notNull(),
  version: integer('version').notNull(),
});

export const roomsView = referentiel.table('rooms_view', {
  tenantId: uuid('tenant_id').notNull(),
  id: uuid('id').notNull(),
  establishmentId: uuid('establishment_id').notNull(),
  buildingId: uuid('building_id').notNull(),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  floor: text('floor'),
  version: integer('version').notNull(),
});
