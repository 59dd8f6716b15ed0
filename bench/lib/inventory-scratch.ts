import { sql } from 'drizzle-orm';
import pg from 'pg';
import { rows, type Database } from '../../src/server/platform/db.js';
import { scratchDatabase } from '../../src/test/database.js';

export interface Scratch {
  database: Database;
  name: string;
  url: string;
  drop(): Promise<void>;
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A scratch database (scratchDatabase of src/test/database.ts) with its name and URL, for the
 * server and the counters. A role that is not superuser may not end an autovacuum worker, so
 * DROP … WITH (FORCE) can be refused right after a heavy load: then a plain DROP is tried again
 * until autovacuum has left (the scratch database's own connections are closed by then).
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
      try {
        await database.close();
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== '42501') throw error;
      }
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      try {
        for (let attempt = 1; ; attempt++) {
          try {
            await admin.query(`DROP DATABASE IF EXISTS ${name}`);
            return;
          } catch (error) {
            if (attempt >= 30) throw error;
            await wait(1000);
          }
        }
      } finally {
        await admin.end();
      }
    },
  };
}
