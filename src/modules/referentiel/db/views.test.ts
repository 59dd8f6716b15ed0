import { sql } from 'drizzle-orm';
import { getTableConfig, getViewConfig } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows, type Database } from '../../../server/platform/db.js';
import { createTenant, testDatabase } from '../../../test/database.js';
import * as schema from './schema.js';
import * as views from './views.js';

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

const columnsOf = (name: string) =>
  rows<{ column_name: string; data_type: string }>(
    database.db,
    sql`select column_name, data_type from information_schema.columns where table_schema = 'referentiel' and table_name = ${name} order by column_name collate "C"`,
  );

describe('the référentiel views other modules read', () => {
  it('exist in the migrated database with the columns and types drizzle reads them with', async () => {
    for (const view of Object.values(views)) {
      const config = getTableConfig(view);
      const inDatabase = await columnsOf(config.name);
      const declared = config.columns
        .map((c) => ({ column_name: c.name, data_type: c.getSQLType().endsWith('[]') ? 'ARRAY' : c.getSQLType() }))
        .sort((a, b) => (a.column_name < b.column_name ? -1 : 1));
      expect(inDatabase, config.name).toEqual(declared);
    }
  });

  it('each is a view of schema.ts over the table of the same name', () => {
    const defined = Object.values(schema).flatMap((value) => {
      try {
        return [getViewConfig(value as never).name];
      } catch {
        return [];
      }
    });
    for (const view of Object.values(views)) expect(defined).toContain(getTableConfig(view).name);
  });

  it('show the rows of their table', async () => {
    const tenantId = await createTenant(database.db, { code: 'VIEW-TEST', kind: 'region', name: 'Région des vues' });
    await database.db.insert(schema.establishments).values({ tenantId, uai: '0590001F', name: 'Lycée des vues', sector: 'public', searchText: 'lycee des vues' });
    const [school] = await database.db.select().from(views.establishmentsView).where(sql`${views.establishmentsView.tenantId} = ${tenantId}`);
    expect(school).toMatchObject({ tenantId, uai: '0590001F', name: 'Lycée des vues', sector: 'public', isOpen: true, tracks: [] });
    const [org] = await database.db.select().from(views.organizationsView).where(sql`${views.organizationsView.tenantId} = ${tenantId}`);
    expect(org).toMatchObject({ code: 'VIEW-TEST', name: 'Région des vues' });
  });
});
