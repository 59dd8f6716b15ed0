import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { accounts, password as campagnesPassword } from './campagnes.js';
import { CpuMeter } from './lib/inventory-cpu.js';
import { closedLoop, KeepAliveClient, type Call } from './lib/load.js';
import { ensurePostgres } from './lib/postgres.js';
import { login, startServer, type RunningServer } from './lib/server.js';
import { establishmentPages } from '../src/modules/referentiel/operations/find-establishments-cached.js';
import { listPath, pagesByNumber, password as listPassword, searchPath, tenantCode as listTenant, vocabularyOf, type Vocabulary } from './list-search.js';
import { openDatabase } from '../src/server/platform/db.js';
import { pilotageDatabaseName, pilotagePassword } from './pilotage.js';
import { backlogCall, creationCall } from './guichet.js';
import { accounts as guichetAccounts, benchDatabaseName as guichetDatabaseName, guichetWorld, password as guichetPassword, tenantCode as guichetTenant } from './guichet-seed.js';

/**
 * What the real server (build/server/main.js in a child process, as the benches run it) spends in
 * CPU per request on the hot read routes every floor of « p95 under 50 ms at 50 clients » hangs on:
 * the instructors' list of a campaign, one school's assessment, the first pages of the
 * establishments' list, and the desk's two figures (a sector team's backlog, a ticket's creation), over loopback HTTP with a few
 * clients at once (the server's CPU read in /proc, PostgreSQL's backends too). Load does not change
 * these figures much, unlike latencies. On the databases the benches leave behind:
 * `tsx bench/campagnes-cpu.ts` (coherence_bench_campagnes_cpu), `npm run bench -- pilotage postgresql`
 * `tsx bench/list-search-cpu.ts` (coherence_bench_listcpu) and `npm run bench -- guichet postgresql`
 * (coherence_bench_guichet; the tickets created here are removed by its next run).
 *
 *   tsx bench/server-cpu.ts [--n 3000] [--clients 8] [--only campagnes|pilotage|établissements|guichet|santé] [--against <main.js> [--rounds 6]] [--uncached] [--db <list database>]
 *
 * `--against`: another build of the server (`npx tsx scripts/build-server.ts` in another branch's
 * copy) runs beside this one on the same data, and the two take turns, `--rounds` blocks each, so
 * both are measured under the same load: the difference is what a change saved.
 *
 * `--uncached`: the establishments' page cache is emptied ahead of each list request (a NOTIFY on the
 * cache channel, as another process's write sends it, counted in PostgreSQL's figure): what a page
 * costs when it is not kept.
 *
 * `--no-health` leaves out /api/health (the floor every request pays), so that a profile holds only the route.
 * COHERENCE_BENCH_CPU_PROF=<dir> makes each server write a CPU profile when it stops.
 */

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const count = Number(option('--n')) || 3000;
const clients = Number(option('--clients')) || 8;
const only = option('--only');
const withHealth = !args.includes('--no-health');
const against = option('--against');
const uncached = args.includes('--uncached');
const rounds = Number(option('--rounds')) || (against ? 6 : 1);
/** `--db <name>`: the list's tenant seeded elsewhere (`tsx bench/list-search-cpu.ts --db <name>`), so two people measuring at once do not share one. */
const listDatabase = option('--db') ?? 'coherence_bench_listcpu';
const say = (line: string) => process.stdout.write(`${line}\n`);

interface Scenario {
  label: string;
  database: string;
  /** The Cookie (and tenant) headers, the server's base URL given. */
  headers(baseUrl: string, admin: pg.Client): Promise<Record<string, string>>;
  /** The next request's path, the database open (`url` its address). */
  paths(admin: pg.Client, url: string): Promise<() => string>;
  /**
   * Instead of one GET path for all: the requests as each server is called (their own sessions,
   * the desk's 36 technicians), any method, and the status they answer.
   */
  calls?(baseUrl: string): Promise<{ next: () => Call; expected: number }>;
  /** Awaited ahead of each of the scenario's requests, outside their latency. */
  before?(admin: pg.Client): Promise<void>;
}

/** A desk scenario: its requests carry their own sessions, made on each server (`calls`). */
function deskScenario(label: string, calls: NonNullable<Scenario['calls']>): Scenario {
  return { label, database: guichetDatabaseName, headers: async () => ({}), paths: async () => () => '/api/health', calls };
}

const deskLogin = async (baseUrl: string, email: string) => ({ cookie: await login(baseUrl, email, guichetPassword), 'x-coherence-tenant': guichetTenant });

const scenarios: Scenario[] = [
  {
    label: 'campagnes : liste des instructeurs, pages de 50 (1 à 20)',
    database: 'coherence_bench_campagnes_cpu',
    headers: async (baseUrl) => ({ cookie: await login(baseUrl, accounts.grandEst, campagnesPassword) }),
    async paths(admin) {
      const found = await admin.query<{ id: string }>(`select id from campagnes.campaigns where code = 'lycee40-equipement'`);
      const campaign = found.rows[0]?.id;
      if (!campaign) throw new Error('pas de campagne : lancez d’abord tsx bench/campagnes-cpu.ts');
      return () => `/api/campaigns/${campaign}/dossiers?pageSize=50&page=${1 + Math.floor(Math.random() * 20)}`;
    },
  },
  {
    label: 'pilotage : évaluation d’un établissement',
    database: pilotageDatabaseName,
    headers: async (baseUrl) => ({
      cookie: await login(baseUrl, 'admin@banc-pilotage-france.banc.fr', pilotagePassword),
      'x-coherence-tenant': 'banc-pilotage-france',
    }),
    async paths(admin) {
      const uais = (
        await admin.query<{ uai: string }>(
          `select e.uai from referentiel.establishments e join referentiel.organizations o on o.tenant_id = e.tenant_id where o.code = 'banc-pilotage-france'`,
        )
      ).rows.map((r) => r.uai);
      if (uais.length === 0) throw new Error('pas d’établissements : lancez d’abord npm run bench -- pilotage postgresql');
      return () => `/api/establishments/${uais[Math.floor(Math.random() * uais.length)]}/assessment`;
    },
  },
  listScenario('établissements : liste, 5 premières pages (admin)', (v) => listPath(v, pagesByNumber)),
  listScenario('établissements : liste, pages profondes par curseur (admin)', (v) => listPath(v)),
  listScenario('établissements : liste entière sans filtre, pages profondes par curseur (admin)', (v) => listPath(v, Infinity, 'none')),
  listScenario('établissements : recherche, fragments au hasard (admin)', (v) => searchPath(v)),
  listScenario('établissements : liste, technicien d’un secteur, pages au hasard', (v) => listPath(v), 'technicien@banc.coherence.fr'),
  deskScenario('guichet : file d’une équipe de secteur (36 techniciens)', async (baseUrl) => {
    const world = await guichetWorld(deskServerUrl(), 1_000_000);
    const technicians = await Promise.all(world.technicians.map(async (t) => ({ teamId: t.teamId, headers: await deskLogin(baseUrl, t.email) })));
    return { next: () => backlogCall(technicians), expected: 200 };
  }),
  deskScenario('guichet : création d’un ticket (POST /api/tickets)', async (baseUrl) => {
    const world = await guichetWorld(deskServerUrl(), 1_000_000);
    const headers = await deskLogin(baseUrl, guichetAccounts.admin);
    let n = 0;
    return { next: () => ({ ...creationCall(world, ++n), headers }), expected: 201 };
  }),
];

/** A scenario of the establishments' list on the tenant bench/list-search-cpu.ts seeds, as its admin (or another of its people). */
function listScenario(label: string, path: (vocabulary: Vocabulary) => string, email = 'admin@banc.coherence.fr'): Scenario {
  return {
    label,
    database: listDatabase,
    before: uncached ? (admin) => admin.query(`select pg_notify('coherence_cache', $1)`, [JSON.stringify({ from: 'banc', name: establishmentPages.name })]).then(() => undefined) : undefined,
    headers: async (baseUrl) => ({ cookie: await login(baseUrl, email, listPassword), 'x-coherence-tenant': listTenant }),
    async paths(admin, url) {
      const found = await admin.query<{ id: string }>('select tenant_id as id from referentiel.organizations where code = $1', [listTenant]);
      if (!found.rows[0]) throw new Error('pas de collectivité : lancez d’abord tsx bench/list-search-cpu.ts');
      const database = await openDatabase({ url, poolSize: 1 });
      try {
        const vocabulary = await vocabularyOf(database, found.rows[0].id);
        return () => path(vocabulary);
      } finally {
        await database.close();
      }
    },
  };
}

/** The PostgreSQL server's own address (the desk's world is found from it). */
let deskServerUrl = () => '';

interface Contender {
  name: string;
  server: RunningServer;
  client: KeepAliveClient;
  meter: CpuMeter;
  /** This server's requests, when the scenario gives them per server. */
  calls?: { next: () => Call; expected: number };
}

async function run(scenario: Scenario, serverUrl: string) {
  const url = new URL(serverUrl);
  url.pathname = `/${scenario.database}`;
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  const contenders: Contender[] = [];
  try {
    for (const { name, entry } of [{ name: 'cette branche', entry: undefined }, ...(against ? [{ name: 'comparée', entry: against }] : [])]) {
      const server = await startServer({ DATABASE_URL: url.toString(), COHERENCE_JOBS: 'off' }, [], entry);
      const client = new KeepAliveClient(server.baseUrl, clients, await scenario.headers(server.baseUrl, admin));
      contenders.push({ name, server, client, meter: new CpuMeter(server.pid, admin, scenario.database), calls: await scenario.calls?.(server.baseUrl) });
    }
    const next = await scenario.paths(admin, url.toString());
    const before = scenario.before && (() => scenario.before!(admin));
    const load = async (label: string, common: () => Call, own = false) => {
      if (only && !label.startsWith(only) && !scenario.label.startsWith(only)) return;
      const callsOf = (c: Contender) => ({ ...(own && c.calls ? c.calls : { next: common, expected: 200 }), before: own ? before : undefined });
      for (const c of contenders) await closedLoop({ client: c.client, clients, durationMs: 3_600_000, maxRequests: Math.ceil(count / 3), ...callsOf(c) }); // warm-up
      const sums = contenders.map(() => ({ serverMs: 0, databaseMs: 0, user: 0, system: 0, requests: 0, clientMs: 0, elapsedMs: 0, p95s: [] as number[] }));
      for (let round = 0; round < rounds; round++) {
        // each in turn, the first one changing every round: both see the same load
        for (let k = 0; k < contenders.length; k++) {
          const i = (k + round) % contenders.length;
          const { client, meter, server } = contenders[i];
          const mark = await meter.snapshot();
          const times = userSystemMs(server.pid);
          const result = await closedLoop({ client, clients, durationMs: 3_600_000, maxRequests: Math.ceil(count / rounds), ...callsOf(contenders[i]) });
          const spent = await meter.since(mark);
          const [user, system] = userSystemMs(server.pid).map((ms, j) => ms - times[j]);
          if (result.errors) throw new Error(`${label} : ${result.firstError}`);
          const sum = sums[i];
          sum.serverMs += spent.serverMs;
          sum.databaseMs += spent.databaseMs;
          sum.user += user;
          sum.system += system;
          sum.requests += result.requests;
          sum.clientMs += result.clientCpuMs * result.requests;
          sum.elapsedMs += result.elapsedMs;
          sum.p95s.push(result.p95);
        }
      }
      for (const [i, { name }] of contenders.entries()) {
        const { serverMs, databaseMs, user, system, requests: n, clientMs, elapsedMs, p95s } = sums[i];
        // the rounds' middle p95: latencies follow the machine's load, which one round may catch
        const p95 = [...p95s].sort((a, b) => a - b)[Math.floor(p95s.length / 2)];
        say(
          `${label.padEnd(58)} ${contenders.length > 1 ? `${name.padEnd(14)} ` : ''}serveur ${(serverMs / n).toFixed(3)} ms + PostgreSQL ${(databaseMs / n).toFixed(3)} ms par requête (utilisateur ${(user / n).toFixed(3)}, système ${(system / n).toFixed(3)}), banc ${(clientMs / n).toFixed(3)} ms (${n} requêtes, ${clients} clients, ${Math.round((n / elapsedMs) * 1000)} req/s, p95 ${p95.toFixed(1)} ms)`,
        );
      }
    };
    if (withHealth) await load(`santé (${scenario.database})`, () => ({ method: 'GET', path: '/api/health' }));
    await load(scenario.label, () => ({ method: 'GET', path: next() }), true);
  } finally {
    for (const { client, server } of contenders) {
      client.close();
      await server.stop();
    }
    await admin.end();
  }
}

/** User and system CPU of a process (ms), from /proc. */
function userSystemMs(pid: number): [number, number] {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return [Number(fields[11]) * 10, Number(fields[12]) * 10];
}

async function main() {
  const server = await ensurePostgres();
  if (!server.ok) throw new Error(server.reason);
  deskServerUrl = () => server.url;
  say(`${count} requêtes par scénario, ${clients} clients, HTTP sur la boucle locale (serveur compilé)`);
  for (const scenario of scenarios) {
    if (only && !scenario.label.startsWith(only) && only !== 'santé') continue;
    await run(scenario, server.url);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
