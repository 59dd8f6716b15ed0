import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { migrateDatabase, migrationsFolder, openDatabase, type Database, type Db } from '../server/platform/db.js';
import { organizations } from '../modules/referentiel/db/schema.js';
import { dropStaleTemplates, nowInSeconds, stampTemplate } from './stale-templates.js';

/**
 * A migrated database for one test file: a PGlite copied from a migrated template directory, or,
 * when TEST_DATABASE_URL is set, a fresh database created on that PostgreSQL server from a
 * migrated template database, dropped at close.
 *
 * Why templates: opening a PGlite in memory and running the 40-odd migrations cost each of the
 * ~170 database test files about 8 s of CPU; copying a migrated directory and opening it about
 * 3 s. The templates are made once (per set of migrations) with migrateDatabase itself, so the
 * real migration path still runs on every test run that has no template yet (always on CI's clean
 * machine), and the CLI, e2e and inventory-crash tests run it on fresh databases.
 */
export async function testDatabase(): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) return scratchDatabase(url, 'coherence_test');
  return pgliteFromTemplate();
}

/**
 * What the template depends on: the migration files the migrator reads (not the snapshots
 * drizzle-kit keeps beside them) and, for PGlite's on-disk format, its version.
 */
function migrationsKey(): string {
  const hash = createHash('sha256');
  const files = readdirSync(migrationsFolder).filter((f) => f.endsWith('.sql')).sort();
  for (const file of [...files, 'meta/_journal.json']) hash.update(file).update(readFileSync(join(migrationsFolder, file)));
  // the package does not export its package.json: read it where npm puts it
  const pgliteVersion = (JSON.parse(readFileSync(new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return hash.update(pgliteVersion).digest('hex').slice(0, 16);
}

let key: string | undefined;
const templateKey = () => (key ??= migrationsKey());

/** When the newest migration was generated (drizzle-kit's journal): tells an older schema's template from another branch's. */
function newestMigration(): number {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as { entries: { when: number }[] };
  return Math.max(...journal.entries.map((entry) => entry.when));
}

/** tmpfs when there is one: a test file's PGlite writes every page it changes to its directory. */
const copiesRoot = () => (existsSync('/dev/shm') ? '/dev/shm' : tmpdir());

/**
 * The migrated PGlite directory for the current migrations, made by the first test file that
 * needs it. Two files starting together may both make one: each builds in its own directory and
 * renames it into place (atomic), the loser deletes its own, so no file ever sees a half-made one.
 */
async function pgliteTemplate(): Promise<string> {
  const template = join(tmpdir(), `coherence-test-pglite-${templateKey()}`);
  if (existsSync(template)) return template;
  const building = mkdtempSync(`${template}.building-`);
  const database = await openDatabase({ dataDir: building });
  try {
    await migrateDatabase(database);
  } finally {
    await database.close();
  }
  try {
    renameSync(building, template);
  } catch (error) {
    rmSync(building, { recursive: true, force: true });
    if (!existsSync(template)) throw error;
  }
  return template;
}

async function pgliteFromTemplate(): Promise<Database> {
  const template = await pgliteTemplate();
  const dataDir = mkdtempSync(join(copiesRoot(), 'coherence-test-'));
  cpSync(template, dataDir, { recursive: true });
  const database = await openDatabase({ dataDir });
  return {
    ...database,
    async close() {
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Creates a database named `<prefix>_<random>` on the server of `url`, a copy of the migrated
 * template database; close() drops it.
 */
export async function scratchDatabase(url: string, prefix: string): Promise<Database> {
  const template = await serverTemplate(url);
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await createDatabase(url, name, template);
  const database = await openDatabase({ url: databaseUrl(url, name), poolSize: 4 });
  return {
    ...database,
    async close() {
      await database.close();
      await dropDatabase(url, name);
    },
  };
}

function databaseUrl(url: string, name: string): string {
  const target = new URL(url);
  target.pathname = `/${name}`;
  return target.toString();
}

// any number, distinct from migrateDatabase's (advisory locks are per database anyway)
const templateLock = 724012;
const templatesMade = new Map<string, Promise<string>>();

/**
 * The migrated template database for the current migrations on the server of `url`, made once by
 * the first test file that needs it (the others wait on an advisory lock, then find it). It is
 * built under another name and renamed when migrated, and made unconnectable: CREATE DATABASE …
 * TEMPLATE refuses a source anyone is connected to. Each run stamps the template it takes and, first,
 * drops the older schemas' templates no run has taken for hours (stale-templates.ts).
 */
function serverTemplate(url: string): Promise<string> {
  let made = templatesMade.get(url);
  if (!made) {
    made = makeServerTemplate(url);
    templatesMade.set(url, made);
    made.catch(() => templatesMade.delete(url));
  }
  return made;
}

async function makeServerTemplate(url: string): Promise<string> {
  const name = `coherence_template_${templateKey()}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [templateLock]);
    const stamp = { newestMigration: newestMigration(), usedAt: nowInSeconds() };
    await dropStaleTemplates(client, { prefix: 'coherence_template_', current: name, newestMigration: stamp.newestMigration, now: stamp.usedAt });
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount) {
      await stampTemplate(client, name, stamp);
      return name;
    }
    const building = `${name}_building`;
    await dropDatabase(url, building);
    await createDatabase(url, building, 'template1');
    const database = await openDatabase({ url: databaseUrl(url, building), poolSize: 1 });
    try {
      await migrateDatabase(database);
    } finally {
      await database.close();
    }
    await retryWhileInUse(() => client.query(`ALTER DATABASE ${building} RENAME TO ${name}`));
    await client.query(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS false IS_TEMPLATE true`);
    await stampTemplate(client, name, stamp);
    return name;
  } finally {
    await client.query('select pg_advisory_unlock($1)', [templateLock]).catch(() => undefined);
    await client.end();
  }
}

/** Retries a statement refused because another session is briefly connected to its database (55006). */
async function retryWhileInUse<T>(statement: () => Promise<T>, attempts = 10): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await statement();
    } catch (error) {
      if ((error as { code?: string }).code !== '55006' || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

/** CREATE DATABASE from a template, retried while a maintenance worker is briefly connected to the template. */
async function createDatabase(url: string, name: string, template: string): Promise<void> {
  await retryWhileInUse(() => adminQuery(url, `CREATE DATABASE ${name} TEMPLATE ${template}`));
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

