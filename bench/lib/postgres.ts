import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase } from '../../src/server/platform/db.js';

/** The PostgreSQL 15 server the tests use (scripts/test.sh creates the role). */
export const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://coherence:coherence@127.0.0.1:5432/postgres';

const isRoot = () => process.getuid?.() === 0;

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Makes sure the PostgreSQL server runs, as scripts/test.sh does (start the cluster, create the
 * coherence role, as root). Returns null with the reason when it cannot.
 */
export async function ensurePostgres(): Promise<{ ok: true; url: string } | { ok: false; reason: string }> {
  if (await reachable(serverUrl)) return { ok: true, url: serverUrl };
  if (!isRoot()) return { ok: false, reason: `PostgreSQL injoignable (${serverUrl.replace(/:[^:@/]*@/, ':***@')}) et pas de droits root pour le démarrer` };
  try {
    execFileSync('pg_ctlcluster', ['15', 'main', 'start'], { stdio: 'ignore' });
  } catch {
    // already running, or started by someone else: the check below decides
  }
  try {
    execFileSync(
      'su',
      [
        'postgres',
        '-c',
        `psql -qAtc "do \\$\\$ begin if not exists (select from pg_roles where rolname = 'coherence') then create role coherence login createdb password 'coherence'; end if; end \\$\\$"`,
      ],
      { stdio: 'ignore' },
    );
  } catch {
    return { ok: false, reason: 'impossible de créer le rôle coherence' };
  }
  for (let i = 0; i < 20; i++) {
    if (await reachable(serverUrl)) return { ok: true, url: serverUrl };
    await new Promise((r) => setTimeout(r, 500));
  }
  return { ok: false, reason: 'PostgreSQL ne répond pas après démarrage' };
}

/** Drops and creates a scratch database; returns its URL. */
export async function recreateDatabase(url: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await dropDatabase(client, name);
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  return scratch.toString();
}

/**
 * DROP … WITH (FORCE) needs the right to signal every backend, and a non-superuser has none on an
 * autovacuum worker: then a plain DROP, which cancels autovacuum by itself, is tried a few times.
 */
async function dropDatabase(client: pg.Client, name: string): Promise<void> {
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    return;
  } catch (error) {
    if ((error as { code?: string }).code !== '42501') throw error;
  }
  for (let attempt = 1; ; attempt++) {
    try {
      await client.query(`DROP DATABASE IF EXISTS ${name}`);
      return;
    } catch (error) {
      if (attempt >= 10) throw error;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

/** Creates the database when missing (owned by the connecting role); returns its URL. */
export async function ensureDatabase(url: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const target = new URL(url);
  target.pathname = `/${name}`;
  return target.toString();
}

/**
 * A fresh database for a bench that starts the real server on it: a recreated scratch database on
 * the PostgreSQL server, or a new PGlite directory. `env` points the server at it; `remove()`
 * deletes the PGlite directory (the server database is kept for inspection, recreated next run).
 */
export async function openBenchDatabase(kind: 'postgresql' | 'pglite', serverUrl: string | undefined, name: string) {
  if (kind === 'postgresql') {
    if (!serverUrl) throw new Error('serverUrl manquant');
    const url = await recreateDatabase(serverUrl, name);
    const database = await openDatabase({ url, poolSize: 4 });
    return { database, databaseUrl: url as string | undefined, env: { DATABASE_URL: url } as Record<string, string>, remove: () => undefined };
  }
  const dataDir = mkdtempSync(join(tmpdir(), `${name.replaceAll('_', '-')}-`));
  const database = await openDatabase({ dataDir });
  return { database, databaseUrl: undefined as string | undefined, env: { COHERENCE_DATA_DIR: dataDir } as Record<string, string>, remove: () => rmSync(dataDir, { recursive: true, force: true }) };
}
