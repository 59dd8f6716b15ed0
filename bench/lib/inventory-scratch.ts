import pg from 'pg';
import { sql } from 'drizzle-orm';
import { rows, type Database } from '../../src/server/platform/db.js';
import { scratchDatabase } from '../../src/test/database.js';

export interface Scratch {
  database: Database;
  name: string;
  url: string;
  drop(): Promise<void>;
}

/**
 * A scratch database (scratchDatabase of src/test/database.ts) with its name and URL, for the
 * server and the counters. Dropping it waits for autovacuum to leave it first: a role that is not
 * superuser may not terminate an autovacuum worker, so DROP … WITH (FORCE) would be refused.
 */
export async function benchScratch(serverUrl: string, prefix: string): Promise<Scratch> {
  const database = await scratchDatabase(serverUrl, prefix);
  const [{ name }] = await rows<{ name: string }>(database.db, sql`select current_database() as name`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    database,
    name,
    url: url.toString(),
    async drop() {
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      try {
        for (let i = 0; i < 60; i++) {
          const busy = await admin.query("select count(*)::int n from pg_stat_activity where datname = $1 and backend_type like 'autovacuum%'", [name]);
          if (busy.rows[0].n === 0) break;
          await new Promise((r) => setTimeout(r, 1000));
        }
      } finally {
        await admin.end();
      }
      await database.close();
    },
  };
}
