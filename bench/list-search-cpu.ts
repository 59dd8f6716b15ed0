import { pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { modules } from '../src/modules/modules.js';
import { buildApp } from '../src/server/app.js';
import { registerActions } from '../src/server/platform/authz.js';
import { migrateDatabase, openDatabase, rows } from '../src/server/platform/db.js';
import { CpuMeter } from './lib/inventory-cpu.js';
import { closedLoop, KeepAliveClient } from './lib/load.js';
import { ensurePostgres, recreateDatabase } from './lib/postgres.js';
import { login, startServer } from './lib/server.js';
import { listFilters, listPath, pagesByNumber, password, searchPath, seed, tenantCode, vocabularyOf, type Vocabulary } from './list-search.js';

/**
 * What one list or search request costs in CPU, a figure the machine's load does not change: the
 * app built in this process as main.ts builds it (compiled responses, one log line per request),
 * N requests one after another through `app.inject`, `process.cpuUsage()` for Node and the pool's
 * PostgreSQL backends read in /proc for the database. Same tenant and same requests as
 * bench/list-search.ts (66,000 schools).
 *
 *   tsx bench/list-search-cpu.ts [--reuse] [--db <name>] [--n 600] [--only <label start>] [--no-log] [--by-filter] [--http [--clients 4]] > /dev/null   (figures on stderr)
 *
 * Each line also says how many statements a request sent to PostgreSQL (the pool's queries
 * counted). `--by-filter` adds the list's pages broken down by the filter they carry. `--http`
 * sends the requests over loopback HTTP to the real server in a child process instead (its CPU read
 * in /proc; COHERENCE_BENCH_CPU_PROF=<dir> makes it write a CPU profile).
 *
 * `--reuse` keeps the database seeded by a previous run (coherence_bench_listcpu, or the one `--db` names).
 */

const args = process.argv.slice(2);
/** `--db <name>`: another database than the default, so two people measuring at once do not drop each other's. */
const databaseName = args.includes('--db') ? args[args.indexOf('--db') + 1] : 'coherence_bench_listcpu';
const count = Number(args[args.indexOf('--n') + 1]) || 600;
const say = (line: string) => process.stderr.write(`${line}\n`);

async function tenantOf(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const found = await client.query<{ id: string }>('select tenant_id as id from referentiel.organizations where code = $1', [tenantCode]);
    return found.rows[0]?.id ?? null;
  } catch {
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function prepare(serverUrl: string) {
  const url = new URL(serverUrl);
  url.pathname = `/${databaseName}`;
  const reuse = args.includes('--reuse') && (await tenantOf(url.toString())) !== null;
  const databaseUrl = reuse ? url.toString() : await recreateDatabase(serverUrl, databaseName);
  const database = await openDatabase({ url: databaseUrl });
  await migrateDatabase(database);
  let vocabulary: Vocabulary;
  if (reuse) vocabulary = await vocabularyOf(database, (await tenantOf(databaseUrl))!);
  else {
    say('chargement de 66 000 établissements…');
    vocabulary = (await seed(database, 66_000)).vocabulary;
  }
  return { database, databaseUrl, vocabulary };
}

/** Sends requests one after another, through app.inject or, with `--http`, to the real server over loopback HTTP. */
interface Caller {
  headersOf(email: string): Promise<Record<string, string>>;
  run(headers: Record<string, string>, next: () => string, n: number, label: string): Promise<void>;
  /** The process whose CPU is the server's. */
  pid: number;
  /** Statements sent so far (app.inject only: the pool is in this process). */
  statements: { count: number } | null;
  close(): Promise<void>;
}

async function injectCaller(database: Awaited<ReturnType<typeof openDatabase>>): Promise<Caller> {
  const app = await buildApp({ database, modules, logger: !args.includes('--no-log'), responses: 'compiled', serveWeb: false });
  return {
    pid: process.pid,
    statements: countStatements(database.db),
    async headersOf(email) {
      const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
      const cookie = response.cookies.find((c) => c.name === 'coh_session');
      if (!cookie) throw new Error(`connexion refusée : ${response.body}`);
      return { cookie: `coh_session=${cookie.value}`, 'x-coherence-tenant': tenantCode };
    },
    async run(headers, next, n, label) {
      for (let i = 0; i < n; i++) {
        const response = await app.inject({ method: 'GET', url: next(), headers });
        if (response.statusCode !== 200) throw new Error(`${label} : ${response.statusCode} ${response.body.slice(0, 300)}`);
      }
    },
    close: () => app.close(),
  };
}

/** The real server (src/server/main.ts) in a child process, as bench/list-search.ts runs it; `--clients` at once (default 4). */
async function httpCaller(databaseUrl: string): Promise<Caller> {
  const server = await startServer({ DATABASE_URL: databaseUrl });
  const clients = Number(args[args.indexOf('--clients') + 1]) || 4;
  return {
    pid: server.pid,
    statements: null,
    async headersOf(email) {
      return { cookie: await login(server.baseUrl, email, password), 'x-coherence-tenant': tenantCode };
    },
    async run(headers, next, n, label) {
      const client = new KeepAliveClient(server.baseUrl, clients, headers);
      try {
        const result = await closedLoop({ client, clients, durationMs: 3_600_000, maxRequests: n, next: () => ({ method: 'GET', path: next() }), expected: 200 });
        if (result.errors) throw new Error(`${label} : ${result.firstError}`);
      } finally {
        client.close();
      }
    },
    close: () => server.stop(),
  };
}

async function main() {
  registerActions(modules.map((m) => m.actions));
  const server = await ensurePostgres();
  if (!server.ok) throw new Error(server.reason);
  const { database, databaseUrl, vocabulary: v } = await prepare(server.url);
  const http = args.includes('--http');
  const caller = http ? await httpCaller(databaseUrl) : await injectCaller(database);
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  const meter = new CpuMeter(caller.pid, admin, databaseName);
  try {
    const adminHeaders = await caller.headersOf('admin@banc.coherence.fr');
    const technicianHeaders = await caller.headersOf('technicien@banc.coherence.fr');
    const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : null;
    const measure = async (label: string, headers: Record<string, string>, next: () => string) => {
      if (only && !label.startsWith(only)) return;
      await caller.run(headers, next, Math.ceil(count / 5), label); // warm-up: JIT, plans, the pool's connections
      const mark = await meter.snapshot();
      const sent = caller.statements?.count ?? 0;
      await caller.run(headers, next, count, label);
      const spent = await meter.since(mark);
      const nodeMs = spent.serverMs / count;
      const databaseMs = spent.databaseMs / count;
      const perRequest = caller.statements ? `, ${((caller.statements.count - sent) / count).toFixed(2)} requêtes SQL/req` : '';
      say(`${label.padEnd(52)} Node ${nodeMs.toFixed(2)} ms + PostgreSQL ${databaseMs.toFixed(2)} ms = ${(nodeMs + databaseMs).toFixed(2)} ms/req${perRequest}`);
    };
    say(`${count} requêtes par scénario, ${http ? 'HTTP sur la boucle locale (serveur réel)' : "l'une après l'autre (app.inject)"}`);
    await measure('santé (/api/health, le socle de chaque requête)', adminHeaders, () => '/api/health');
    await measure('liste, 5 premières pages (admin)', adminHeaders, () => listPath(v, pagesByNumber));
    await measure('liste, pages au hasard, profondes par curseur (admin)', adminHeaders, () => listPath(v));
    await measure('liste, page 40 par nom', adminHeaders, () => '/api/establishments?sort=name&page=40');
    await measure('recherche (admin, fragments au hasard)', adminHeaders, () => searchPath(v));
    await measure('recherche « lycée saint » (admin)', adminHeaders, () => `/api/establishments?search=${encodeURIComponent('lycée saint')}`);
    // a word most schools carry: counted up to 1,000 (« plus de 1 000 »), its pages read down the name index
    await measure('recherche « école », pages 1 à 5 (admin)', adminHeaders, () => `/api/establishments?search=${encodeURIComponent('école')}&page=${1 + Math.floor(Math.random() * 5)}`);
    await measure('liste (technicien, 1 secteur)', technicianHeaders, () => listPath(v));
    if (args.includes('--by-filter')) {
      for (const filter of ['none', ...listFilters] as const) {
        await measure(`liste, 5 premières pages, filtre ${filter}`, adminHeaders, () => listPath(v, pagesByNumber, filter));
        await measure(`liste, pages profondes, filtre ${filter}`, adminHeaders, () => listPath(v, Infinity, filter));
      }
    }
    const [{ n }] = await rows<{ n: number }>(database.db, sql`select count(*)::int as n from referentiel.establishments`);
    say(`(${n} établissements dans la base)`);
  } finally {
    await admin.end();
    await caller.close();
    await database.close();
  }
}

/** Statements the app's pool sends (node-postgres's pool.query, which drizzle and the prepared statements use). */
function countStatements(db: unknown): { count: number } {
  const counter = { count: 0 };
  const pool = (db as { $client?: unknown }).$client;
  if (!(pool instanceof pg.Pool)) return counter;
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  (pool as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    counter.count++;
    return query(...args);
  };
  return counter;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
