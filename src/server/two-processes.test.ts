import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importEstablishments } from '../modules/referentiel/operations/import-establishments.js';
import { testApp, type TestApp } from '../test/app.js';
import { buildApp } from './app.js';
import { systemCtx } from './platform/context.js';
import { openDatabase, rows, type Database } from './platform/db.js';

/**
 * Two server processes on one database, as in production: each has its own caches (actors,
 * establishment totals…), and a write through one must be seen through the other at once. On
 * PostgreSQL the second app has its own connection pool and hears the first only through
 * LISTEN/NOTIFY, and the import runs as the real command line in a child process; on PGlite
 * (one process by nature) the second app shares the database and has its own caches.
 */

const run = promisify(execFile);
const bin = fileURLToPath(new URL('../../bin/coherence.mjs', import.meta.url));
const lycees = fileURLToPath(new URL('../../fixtures/annuaire/lycees-2025.json', import.meta.url));
const onServer = Boolean(process.env.TEST_DATABASE_URL);

let t: TestApp;
let secondDatabase: Database;
let second: FastifyInstance;
let databaseUrl = '';
const workDir = mkdtempSync(join(tmpdir(), 'coherence-two-'));

beforeAll(async () => {
  t = await testApp();
  if (onServer) {
    const url = new URL(process.env.TEST_DATABASE_URL!);
    const [{ name }] = await rows<{ name: string }>(t.ctx.db, sql`select current_database() as name`);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    secondDatabase = await openDatabase({ url: databaseUrl, poolSize: 4 });
  } else {
    secondDatabase = t.database;
  }
  second = await buildApp({ database: secondDatabase, serveWeb: false });
  await second.ready();
}, 120_000);

afterAll(async () => {
  await second?.close();
  if (onServer) await secondDatabase?.close();
  await t?.close();
  rmSync(workDir, { recursive: true, force: true });
});

/** Asks until the answer holds, for at most `limitMs`; returns how long it took (Infinity: never). */
async function within(limitMs: number, ask: () => Promise<boolean>): Promise<number> {
  const started = performance.now();
  while (!(await ask())) {
    if (performance.now() - started > limitMs) return Infinity;
    await new Promise((r) => setTimeout(r, 20));
  }
  return performance.now() - started;
}

describe('two server processes', () => {
  it('refuses, in the other process within a second, a technician whose role was removed in one', async () => {
    const technician = t.ids.users.technician;
    const headers = await t.headers('technician', { fresh: true });
    const tickets = () => second.inject({ method: 'GET', url: '/api/tickets', headers });
    // the second process has resolved and cached the technician
    expect((await tickets()).statusCode).toBe(200);
    expect((await tickets()).statusCode).toBe(200);

    const admin = await t.headers('authority-admin');
    const user = (await t.app.inject({ method: 'GET', url: `/api/users/${technician.id}`, headers: admin })).json();
    const [role] = user.roles as { id: string; role: string }[];
    expect(role.role).toBe('technician');
    const removed = await t.app.inject({ method: 'DELETE', url: `/api/users/${technician.id}/roles/${role.id}`, headers: admin });
    expect(removed.statusCode).toBeLessThan(300);

    const took = await within(1_000, async () => [401, 403].includes((await tickets()).statusCode));
    expect(took).toBeLessThan(1_000);
  });

  it('ends, in the other process within a second, the sessions of an account disabled in one', async () => {
    const contractor = t.ids.users.contractor;
    const headers = await t.headers('contractor', { fresh: true });
    // a route that trusts the resolved caller (/api/auth/me reads the session again)
    const tickets = () => second.inject({ method: 'GET', url: '/api/tickets', headers });
    expect((await tickets()).statusCode).toBe(200);
    const disabled = await t.app.inject({ method: 'POST', url: `/api/users/${contractor.id}/disable`, headers: await t.headers('authority-admin'), payload: {} });
    expect(disabled.statusCode).toBe(200);
    const took = await within(1_000, async () => (await tickets()).statusCode === 401);
    expect(took).toBeLessThan(1_000);
  });

  it('shows at once the schools another process imported (the command line on a PostgreSQL server)', async () => {
    const headers = await t.headers('authority-admin');
    const total = async () => (await t.app.inject({ method: 'GET', url: '/api/establishments?pageSize=1', headers })).json().total as number;
    const before = await total();
    expect(await total()).toBe(before); // kept in this process's cache from now on

    const fixture = JSON.parse(readFileSync(lycees, 'utf8')) as { meta: unknown; lycees: { uai: string; academie: string }[] };
    const known = new Set(t.ids.establishments.all.map((e) => e.uai));
    const added = [...new Set(fixture.lycees.filter((l) => l.academie === 'Lille' && !known.has(l.uai)).map((l) => l.uai))].slice(0, 12);
    const file = join(workDir, 'lycees-en-plus.json');
    writeFileSync(file, JSON.stringify({ meta: fixture.meta, lycees: fixture.lycees.filter((l) => added.includes(l.uai)) }));

    if (onServer) {
      const { stdout } = await run(process.execPath, [bin, 'import', 'establishments', file, '--authority', t.ids.a.code, '--apply-valid'], {
        env: { ...process.env, DATABASE_URL: databaseUrl },
        timeout: 120_000,
      });
      expect(stdout).toContain('Fichier appliqué.');
    } else {
      // one process on PGlite: the import runs in the other app's context, with that app's caches
      const ctx = systemCtx(secondDatabase, undefined, undefined, second.cache);
      await importEstablishments(ctx, { tenantId: t.ids.a.tenantId, bytes: readFileSync(file), filename: 'lycees-en-plus.json', mode: 'apply-valid' });
    }
    const took = await within(1_000, async () => (await total()) === before + added.length);
    expect(took).toBeLessThan(1_000);
  }, 180_000);
});
