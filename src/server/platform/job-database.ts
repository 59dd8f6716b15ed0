import type { Database } from './db.js';

/**
 * pg-boss's view of our connection (its `db` option), shared by the modules' background jobs: the
 * server pool, or PGlite, whose multi-statement SQL goes through `exec` (simple queries).
 */
export function jobDatabase(database: Database) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const client = (database.db as any).$client as {
    query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
    exec?(text: string): Promise<{ rows: unknown[] }[]>;
  };
  return {
    async executeSql(text: string, values: unknown[]) {
      if (values?.length) return client.query(text, values);
      if (database.kind === 'pglite' && client.exec) {
        const results = await client.exec(text);
        return { rows: results.at(-1)?.rows ?? [] };
      }
      return client.query(text);
    },
  };
}
