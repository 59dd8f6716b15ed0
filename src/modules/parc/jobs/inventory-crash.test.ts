import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemCtx } from '../../../server/platform/context.js';
import { migrateDatabase, openDatabase, rows, type Database } from '../../../server/platform/db.js';
import { hashPassword } from '../../access/passwords.js';
import { createOrganization } from '../../referentiel/operations/create-organization.js';
import { agentCredentials } from '../db/schema.js';
import { fixtureText } from '../inventory/testing/fixtures.js';

/**
 * Issue 11, proof (b): a real server process storing inventories from 16 agents is killed with
 * SIGKILL ten times at random moments and restarted each time. Every inventory it acknowledged
 * (200 ok, or 202 pending: committed to the inbox) is stored exactly once, none is half-applied
 * (its software count matches its software rows), and the inbox is drained. PostgreSQL only: the
 * embedded PGlite is one process's file and has no concurrent server to kill.
 */
const root = fileURLToPath(new URL('../../../..', import.meta.url));
const url = process.env.TEST_DATABASE_URL;
const agents = 16;
const kills = 10;
const password = 'Agents-Crash-2026';
const basic = `Basic ${Buffer.from(`region-crash/agents:${password}`).toString('base64')}`;
const template = JSON.parse(fixtureText('glpi-inventory-format/examples/computer_2.json'));

let dbName = '';
let dbUrl = '';
let database: Database;

async function admin(statement: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  if (!url) return;
  dbName = `coherence_crash_${randomBytes(5).toString('hex')}`;
  await admin(`CREATE DATABASE ${dbName}`);
  const scratch = new URL(url);
  scratch.pathname = `/${dbName}`;
  dbUrl = scratch.toString();
  database = await openDatabase({ url: dbUrl, poolSize: 4 });
  await migrateDatabase(database);
  const ctx = systemCtx(database);
  const org = await createOrganization(ctx, { code: 'region-crash', kind: 'region', name: 'Région des pannes' });
  await database.db.insert(agentCredentials).values({ tenantId: org.tenantId, username: 'region-crash/agents', passwordHash: await hashPassword(password), label: 'Agents' });
}, 120_000);

afterAll(async () => {
  if (!url) return;
  await database?.close();
  await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
});

/** One distinct machine per report: its serial names it, no MAC nor UUID to match another by. */
function report(serial: string): string {
  const document = structuredClone(template);
  document.deviceid = `${serial.toLowerCase()}-2026-01-05-10-00-00`;
  document.content.bios.ssn = serial;
  delete document.content.hardware.uuid;
  document.content.networks = [];
  return JSON.stringify(document);
}

interface Server {
  child: ChildProcess;
  baseUrl: string;
}

async function start(port: number): Promise<Server> {
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: dbUrl,
      COHERENCE_DEMO: 'off',
      COHERENCE_PUBLIC_URL: baseUrl,
      // few at once: many reports take the inbox path ("pending"), which the kills must not lose either
      COHERENCE_INVENTORY_MAX_IN_FLIGHT: '3',
      COHERENCE_INVENTORY_PENDING_RETRY_SECONDS: '1',
    },
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error('le serveur s’est arrêté au démarrage');
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) return { child, baseUrl };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('le serveur ne répond pas');
    await new Promise((r) => setTimeout(r, 200));
  }
}

const killed = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

describe.skipIf(!url)('a server killed -9 while 16 agents send inventories', () => {
  it('stores every acknowledged inventory exactly once, none half-applied, and drains the inbox', async () => {
    const port = 4100 + Math.floor(Math.random() * 400);
    let server = await start(port);
    const acknowledged = new Set<string>();
    let sent = 0;
    let running = true;
    const agent = async (i: number) => {
      for (let n = 0; running; n++) {
        const serial = `CRASH-${i}-${n}`;
        sent++;
        try {
          const response = await fetch(`${server.baseUrl}/api/v1/inventory`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: basic },
            body: report(serial),
            signal: AbortSignal.timeout(20_000),
          });
          const body = await response.text();
          if ((response.status === 200 && body.includes('"ok"')) || (response.status === 202 && body.includes('pending'))) acknowledged.add(serial);
        } catch {
          // the server died under this request: not acknowledged, the agent moves on
          await new Promise((r) => setTimeout(r, 300));
        }
      }
    };
    const fleet = Array.from({ length: agents }, (_, i) => agent(i));
    for (let k = 0; k < kills; k++) {
      await new Promise((r) => setTimeout(r, 300 + Math.random() * 1700));
      await killed(server.child);
      server = await start(port);
    }
    await new Promise((r) => setTimeout(r, 1000));
    running = false;
    await Promise.all(fleet);

    // the restarted server drains what the killed ones left (at startup, then by its job)
    const deadline = Date.now() + 120_000;
    let waiting = -1;
    while (Date.now() < deadline) {
      [{ waiting }] = await rows<{ waiting: number }>(database.db, sql`select count(*)::int as waiting from parc.inventory_inbox`);
      if (waiting === 0) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    await killed(server.child);
    expect(waiting).toBe(0);

    const stored = await rows<{ serial: string; copies: number }>(database.db, sql`select serial, count(*)::int as copies from parc.assets group by serial`);
    const copies = new Map(stored.map((s) => [s.serial, s.copies]));
    const missing = [...acknowledged].filter((serial) => !copies.has(serial));
    const doubled = stored.filter((s) => s.copies > 1);
    const half = await rows<{ id: string }>(
      database.db,
      sql`select a.id from parc.assets a
           where a.software_count <> (select count(*) from parc.asset_software s where s.tenant_id = a.tenant_id and s.asset_id = a.id)
              or a.hardware is null or a.last_inventory_at is null`,
    );
    console.log(`crash test: ${kills} kills, ${sent} reports sent, ${acknowledged.size} acknowledged, ${stored.length} devices stored`);
    expect(acknowledged.size).toBeGreaterThan(agents);
    expect(missing).toEqual([]);
    expect(doubled).toEqual([]);
    expect(half).toEqual([]);
  }, 900_000);
});
