import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/platform/db.js';
import { declaredStatements } from '../../server/platform/prepared.js';
import { testDatabase } from '../database.js';
import { readSource, root, sourceFiles } from './source-files.js';

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
  // load every module file that declares SQL text, so its statements are declared
  const files = sourceFiles(`${root}src/modules`).filter((path) => readSource(path).includes('prepared('));
  for (const path of files) await import(`${root}${path}`);
});
afterAll(() => database.close());

/** PostgreSQL parses and plans a statement it prepares: a table or column that does not exist fails here, not in production. */
async function problemOf(text: string): Promise<string | null> {
  try {
    await database.db.execute(sql.raw(`prepare layout_check as ${text}`));
    await database.db.execute(sql.raw('deallocate layout_check'));
    return null;
  } catch (error) {
    const cause = (error as { cause?: Error }).cause ?? (error as Error);
    return cause.message;
  }
}

describe('SQL text', () => {
  it('names tables and columns that exist in the migrated database', async () => {
    const statements = declaredStatements();
    expect(statements.map((s) => s.name)).toEqual(expect.arrayContaining(['parc_software_lines', 'parc_software_groups']));
    const problems: string[] = [];
    for (const statement of statements) {
      const problem = await problemOf(statement.text);
      if (problem) problems.push(`${statement.name}: ${problem}`);
    }
    expect(problems).toEqual([]);
  });

  it('tells a statement on a missing column', async () => {
    expect(await problemOf('select no_such_column from referentiel.establishments where tenant_id = $1')).toMatch(/no_such_column/);
  });
});
