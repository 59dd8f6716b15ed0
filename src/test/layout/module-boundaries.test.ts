import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crossModuleReads, type ModuleTables } from './module-boundaries.js';
import { modulesDir, moduleNames, readSource, sourceFiles } from './source-files.js';

/** Each module's schema name and tables, read from its drizzle schema (its views, `<table>_view`, are the surface it publishes). */
async function moduleTables(): Promise<ModuleTables[]> {
  return Promise.all(
    moduleNames().map(async (name) => {
      const parts = readdirSync(join(modulesDir, name), { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && existsSync(join(modulesDir, name, entry.name, 'db/schema.ts')))
        .map((entry) => join(modulesDir, name, entry.name, 'db/schema.ts'));
      const schemas = (await Promise.all([join(modulesDir, name, 'db/schema.ts'), ...parts].map((file) => import(file)))) as Record<string, unknown>[];
      const schema = Object.assign({}, ...schemas) as Record<string, unknown>;
      const index = (await import(join(modulesDir, name, 'index.ts'))) as Record<string, unknown>;
      const tables = Object.values(schema).filter((value): value is PgTable => is(value, PgTable));
      const configs = tables.map((table) => getTableConfig(table));
      return {
        module: name,
        schema: configs[0]?.schema ?? name,
        tables: configs.map((c) => c.name),
        exportedTables: Object.entries(index)
          .filter(([, value]) => is(value, PgTable) && tables.includes(value as PgTable))
          .map(([key]) => key),
      };
    }),
  );
}

describe('module boundaries', () => {
  it("no module's SQL names another module's tables, nor imports its table objects", async () => {
    const owners = await moduleTables();
    const found = moduleNames().flatMap((name) =>
      sourceFiles(join(modulesDir, name)).flatMap((path) => crossModuleReads(name, path, readSource(path), owners)),
    );
    expect(found, "lisez l'autre module par une fonction (ou une vue) que son index.ts exporte").toEqual([]);
  });

  it('sees a table named in SQL text, a table object imported and a schema imported', () => {
    const owners: ModuleTables[] = [
      { module: 'referentiel', schema: 'referentiel', tables: ['establishments'], exportedTables: ['establishments'] },
      { module: 'guichet', schema: 'guichet', tables: ['tickets'], exportedTables: [] },
    ];
    const text = [
      "import { establishments } from '../../referentiel/index.js';",
      "import { rooms } from '../../referentiel/db/schema.js';",
      'const q = sql`select name from referentiel.establishments where id = ${id}`;',
      'const own = sql`select * from guichet.tickets`;',
      "const file = 'referentiel.js';",
    ].join('\n');
    expect(crossModuleReads('guichet', 'src/modules/guichet/x.ts', text, owners)).toEqual([
      'src/modules/guichet/x.ts:1 imports the table establishments of referentiel',
      'src/modules/guichet/x.ts:2 imports the schema of referentiel',
      'src/modules/guichet/x.ts:3 names referentiel.establishments',
    ]);
  });
});
