import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { migrateDatabase, openDatabase, type Database, type Db } from '../server/platform/db.js';
import { organizations } from '../modules/referentiel/db/schema.js';

/**
 * A migrated database for one test file: an in-memory PGlite, or, when TEST_DATABASE_URL is set,
 * a fresh database created on that PostgreSQL server and dropped at close.
 */
export async function testDatabase(): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) return scratchDatabase(url, 'coherence_test');
  const database = await openDatabase({});
  await migrateDatabase(database);
  return database;
}

/** Creates a database named `<prefix>_<random>` on the server of `url`, migrates it; close() drops it. */
export async function scratchDatabase(url: string, prefix: string): Promise<Database> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await createDatabase(url, name);
  const scratchUrl = new URL(url);
  scratchUrl.pathname = `/${name}`;
  const database = await openDatabase({ url: scratchUrl.toString(), poolSize: 4 });
  try {
    await migrateDatabase(database);
  } catch (error) {
    await database.close();
    await dropDatabase(url, name);
    throw error;
  }
  return {
    ...database,
    async close() {
      await database.close();
      await dropDatabase(url, name);
    },
  };
}

/** CREATE DATABASE, retried when template1 is briefly in use by another test file creating its own. */
async function createDatabase(url: string, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await adminQuery(url, `CREATE DATABASE ${name}`);
    } catch (error) {
      if ((error as { code?: string }).code !== '55006' || attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

/**
 * DROP DATABASE … WITH (FORCE), retried: FORCE may not terminate a backend of another role that
 * is briefly connected to the new database (a superuser's maintenance worker), and refuses (42501).
 */
async function dropDatabase(url: string, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await adminQuery(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if ((code !== '42501' && code !== '55006') || attempt >= 10) throw error;
      await new Promise((resolve) => setTimeout(resolve, 300 * attempt));
    }
  }
}

async function adminQuery(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Inserts an organization (a tenant) and returns its tenant id. */
export async function createTenant(db: Db, org: { code: string; kind: string; name: string; academyCode?: string }): Promise<string> {
  const tenantId = randomUUID();
  await db.insert(organizations).values({ tenantId, code: org.code, kind: org.kind, name: org.name, academyCode: org.academyCode ?? null });
  return tenantId;
}
