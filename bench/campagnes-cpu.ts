import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { modules } from '../src/modules/modules.js';
import { buildApp } from '../src/server/app.js';
import { registerActions } from '../src/server/platform/authz.js';
import { openDatabase } from '../src/server/platform/db.js';
import { listedCampaigns } from '../src/modules/campagnes/campaign-access.js';
import { dossierTotals } from '../src/modules/campagnes/operations/dossier-totals.js';
import { accounts, password, projectCall, seed, seedDrafts, type JsonCall } from './campagnes.js';
import { CpuMeter } from './lib/inventory-cpu.js';
import { ensurePostgres, recreateDatabase } from './lib/postgres.js';

/**
 * What one request of the campaigns' speed scenarios costs, figures the machine's load does not
 * change: statements sent to PostgreSQL, CPU of this process (`process.cpuUsage()`, the app built
 * here as main.ts builds it: compiled responses, one log line per request) and CPU of the pool's
 * PostgreSQL backends (read in /proc), over N requests one after another through `app.inject`.
 * Same data as bench/campagnes.ts (the demo, then 20,000 family files in Grand Est's Lycée 4.0).
 *
 *   tsx bench/campagnes-cpu.ts [--reuse] [--n 400] [--files 20000] [--only <label start>] > /dev/null   (figures on stderr)
 */

const databaseName = 'coherence_bench_campagnes_cpu';
const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const count = Number(option('--n')) || 400;
const files = Number(option('--files')) || 20_000;
const only = option('--only');
const say = (line: string) => process.stderr.write(`${line}\n`);

/** Every statement a pg client sends (pool and transactions alike), counted. */
let statements = 0;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...rest: unknown[]) {
  statements++;
  return (query as (...a: unknown[]) => unknown).apply(this, rest);
} as typeof query;

async function campaignOf(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const found = await client.query<{ id: string; n: number }>(
      `select c.id, (select count(*)::int from campagnes.dossiers d where d.tenant_id = c.tenant_id and d.campaign_id = c.id) as n
         from campagnes.campaigns c where c.code = 'lycee40-equipement'`,
    );
    const row = found.rows[0];
    return row && row.n >= files ? row.id : null;
  } catch {
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function main() {
  registerActions(modules.map((m) => m.actions));
  const server = await ensurePostgres();
  if (!server.ok) throw new Error(server.reason);
  const url = new URL(server.url);
  url.pathname = `/${databaseName}`;
  let campaign = args.includes('--reuse') ? await campaignOf(url.toString()) : null;
  const databaseUrl = campaign ? url.toString() : await recreateDatabase(server.url, databaseName);
  if (!campaign) {
    say(`démo puis ${files} dossiers…`);
    campaign = await seed(databaseUrl, files);
  }
  // a season's files are not all written a second ago: the visibility map is set, as autovacuum leaves it
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query('vacuum analyze campagnes.dossiers');
  const database = await openDatabase({ url: databaseUrl });
  const app = await buildApp({ database, modules, logger: !args.includes('--no-log'), responses: 'compiled', serveWeb: false });
  const meter = new CpuMeter(process.pid, admin, databaseName);
  const send: JsonCall = async (method, path, headers, body) => {
    const response = await app.inject({ method: method as 'GET', url: path, headers, ...(body === undefined ? {} : { payload: body as object }) });
    return { status: response.statusCode, json: response.json() };
  };
  try {
    const headersOf = async (email: string) => {
      const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
      const cookie = response.cookies.find((c) => c.name === 'coh_session');
      if (!cookie) throw new Error(`connexion refusée : ${response.body}`);
      return { cookie: `coh_session=${cookie.value}` };
    };
    const grandEst = await headersOf(accounts.grandEst);
    const measure = async (label: string, n: number, next: () => { method: 'GET' | 'POST'; url: string; headers: Record<string, string>; payload?: object }, before?: () => Promise<void>) => {
      if (only && !label.startsWith(only)) return;
      let beforeMs = 0;
      const run = async (k: number, counting: boolean) => {
        let sent = 0;
        for (let i = 0; i < k; i++) {
          if (before) {
            // the bench's own work between requests (emptying caches): its CPU is taken out
            const spent = process.cpuUsage();
            await before();
            const used = process.cpuUsage(spent);
            if (counting) beforeMs += (used.user + used.system) / 1000;
          }
          const request = next();
          const mark = statements;
          const response = await app.inject(request);
          if (counting) sent += statements - mark;
          if (response.statusCode !== 200) throw new Error(`${label} : ${response.statusCode} ${response.body.slice(0, 300)}`);
        }
        return sent;
      };
      await run(Math.ceil(n / 5), false); // warm-up: JIT, plans, the pool's connections
      const mark = await meter.snapshot();
      const cpu = process.cpuUsage();
      const sent = await run(n, true);
      const node = process.cpuUsage(cpu);
      const spent = await meter.since(mark);
      const nodeMs = ((node.user + node.system) / 1000 - beforeMs) / n;
      const databaseMs = spent.databaseMs / n;
      say(`${label.padEnd(60)} ${(sent / n).toFixed(1).padStart(5)} requêtes SQL, Node ${nodeMs.toFixed(2)} ms + PostgreSQL ${databaseMs.toFixed(2)} ms = ${(nodeMs + databaseMs).toFixed(2)} ms/req`);
    };
    say(`${count} requêtes par scénario, l'une après l'autre (app.inject)`);
    await measure('santé (/api/health, le socle)', count, () => ({ method: 'GET', url: '/api/health', headers: grandEst }));
    const page = () => 1 + Math.floor(Math.random() * 20);
    const list = (state?: string) => () => ({ method: 'GET' as const, url: `/api/campaigns/${campaign}/dossiers?pageSize=50&page=${page()}${state ? `&state=${state}` : ''}`, headers: grandEst });
    await measure('liste, toutes (admin, pages 1 à 20)', count, list());
    await measure('liste, en_instruction (admin, pages 1 à 20)', count, list('en_instruction'));
    await measure('liste, page 1 (admin)', count, () => ({ method: 'GET', url: `/api/campaigns/${campaign}/dossiers?pageSize=50&page=1`, headers: grandEst }));
    // the same pages with the campaign and the totals read each time, as after every write
    const uncached = async () => {
      app.cache.invalidate(listedCampaigns);
      app.cache.invalidate(dossierTotals);
      await app.cache.flush();
    };
    await measure('liste, toutes, sans cache (campagne et total lus)', count, list(), uncached);
    await measure('liste, en_instruction, sans cache', count, list('en_instruction'), uncached);

    if (!only || only.startsWith('dépôt')) {
      const hdf = await headersOf(accounts.admin);
      const staff = await headersOf(accounts.staff);
      const project = await projectCall(send, hdf);
      const drafts = await seedDrafts(send, databaseUrl, staff, project, Math.ceil(count * 1.2) + 10);
      let next = 0;
      await measure('dépôt POST /api/dossiers/{id}/submission (personnel)', count, () => ({ method: 'POST', url: `/api/dossiers/${drafts[next++]}/submission`, headers: staff, payload: { version: 1 } }));
      let read = 0;
      await measure('lecture GET /api/dossiers/{id} (personnel)', count, () => ({ method: 'GET', url: `/api/dossiers/${drafts[read++ % next]}`, headers: staff }));
    }
  } finally {
    await admin.end();
    await app.close();
    await database.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
