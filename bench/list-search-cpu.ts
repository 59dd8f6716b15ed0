import { pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { modules } from '../src/modules/modules.js';
import { buildApp } from '../src/server/app.js';
import { registerActions } from '../src/server/platform/authz.js';
import { migrateDatabase, openDatabase, rows } from '../src/server/platform/db.js';
import { CpuMeter } from './lib/inventory-cpu.js';
import { ensurePostgres, recreateDatabase } from './lib/postgres.js';
import { listPath, pagesByNumber, password, searchPath, seed, tenantCode, vocabularyOf, type Vocabulary } from './list-search.js';

/**
 * What one list or search request costs in CPU, a figure the machine's load does not change: the
 * app built in this process as main.ts builds it (compiled responses, one log line per request),
 * N requests one after another through `app.inject`, `process.cpuUsage()` for Node and the pool's
 * PostgreSQL backends read in /proc for the database. Same tenant and same requests as
 * bench/list-search.ts (66,000 schools).
 *
 *   tsx bench/list-search-cpu.ts [--reuse] [--n 600] [--only <label start>] [--no-log] > /dev/null   (figures on stderr)
 *
 * `--reuse` keeps the database seeded by a previous run (coherence_bench_listcpu).
 */

const databaseName = 'coherence_bench_listcpu';
const args = process.argv.slice(2);
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

async function main() {
  registerActions(modules.map((m) => m.actions));
  const server = await ensurePostgres();
  if (!server.ok) throw new Error(server.reason);
  const { database, databaseUrl, vocabulary: v } = await prepare(server.url);
  const app = await buildApp({ database, modules, logger: !args.includes('--no-log'), responses: 'compiled', serveWeb: false });
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  const meter = new CpuMeter(process.pid, admin, databaseName);
  try {
    const headersOf = async (email: string) => {
      const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
      const cookie = response.cookies.find((c) => c.name === 'coh_session');
      if (!cookie) throw new Error(`connexion refusée : ${response.body}`);
      return { cookie: `coh_session=${cookie.value}`, 'x-coherence-tenant': tenantCode };
    };
    const adminHeaders = await headersOf('admin@banc.coherence.fr');
    const technicianHeaders = await headersOf('technicien@banc.coherence.fr');
    const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : null;
    const measure = async (label: string, headers: Record<string, string>, next: () => string) => {
      if (only && !label.startsWith(only)) return;
      const run = async (n: number) => {
        for (let i = 0; i < n; i++) {
          const response = await app.inject({ method: 'GET', url: next(), headers });
          if (response.statusCode !== 200) throw new Error(`${label} : ${response.statusCode} ${response.body.slice(0, 300)}`);
        }
      };
      await run(Math.ceil(count / 5)); // warm-up: JIT, plans, the pool's connections
      const mark = await meter.snapshot();
      const cpu = process.cpuUsage();
      await run(count);
      const node = process.cpuUsage(cpu);
      const spent = await meter.since(mark);
      const nodeMs = (node.user + node.system) / 1000 / count;
      const databaseMs = spent.databaseMs / count;
      say(`${label.padEnd(52)} Node ${nodeMs.toFixed(2)} ms + PostgreSQL ${databaseMs.toFixed(2)} ms = ${(nodeMs + databaseMs).toFixed(2)} ms/req`);
    };
    say(`${count} requêtes par scénario, l'une après l'autre (app.inject)`);
    await measure('santé (/api/health, le socle de chaque requête)', adminHeaders, () => '/api/health');
    await measure('liste, 5 premières pages (admin)', adminHeaders, () => listPath(v, pagesByNumber));
    await measure('liste, pages au hasard, profondes par curseur (admin)', adminHeaders, () => listPath(v));
    await measure('liste, page 40 par nom', adminHeaders, () => '/api/establishments?sort=name&page=40');
    await measure('recherche (admin, fragments au hasard)', adminHeaders, () => searchPath(v));
    await measure('recherche « lycée saint » (admin)', adminHeaders, () => `/api/establishments?search=${encodeURIComponent('lycée saint')}`);
    await measure('liste (technicien, 1 secteur)', technicianHeaders, () => listPath(v));
    const [{ n }] = await rows<{ n: number }>(database.db, sql`select count(*)::int as n from referentiel.establishments`);
    say(`(${n} établissements dans la base)`);
  } finally {
    await admin.end();
    await app.close();
    await database.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
