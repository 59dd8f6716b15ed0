import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { modules } from '../src/modules/modules.js';
import { dashboardCache } from '../src/modules/pilotage/indicators/steering-caches.js';
import { buildApp } from '../src/server/app.js';
import { registerActions } from '../src/server/platform/authz.js';
import { openDatabase } from '../src/server/platform/db.js';
import { CpuMeter } from './lib/inventory-cpu.js';
import { ensurePostgres } from './lib/postgres.js';
import { pilotageDatabaseName, pilotagePassword } from './pilotage.js';

/**
 * What one steering request costs, in figures the machine's load does not change: statements sent
 * to PostgreSQL, Node CPU (`process.cpuUsage()`) and the pool's PostgreSQL backends' CPU (/proc)
 * per request, N requests one after another through `app.inject`, the app built as main.ts builds
 * it (compiled responses, one log line per request). On the database `npm run bench -- pilotage
 * postgresql` leaves behind (any scale):
 *
 *   tsx bench/pilotage-cpu.ts [--n 500] [--no-log] > /dev/null   (figures on stderr)
 */

const args = process.argv.slice(2);
const count = Number(args[args.indexOf('--n') + 1]) || 500;
const say = (line: string) => process.stderr.write(`${line}\n`);

async function main() {
  registerActions(modules.map((m) => m.actions));
  const server = await ensurePostgres();
  if (!server.ok) throw new Error(server.reason);
  const url = new URL(server.url);
  url.pathname = `/${pilotageDatabaseName}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 4 });
  const pool = (database.db as unknown as { $client: pg.Pool }).$client;
  let statements = 0;
  const query = pool.query.bind(pool) as (...a: unknown[]) => unknown;
  (pool as unknown as { query: (...a: unknown[]) => unknown }).query = (...a: unknown[]) => {
    statements++;
    return query(...a);
  };
  const app = await buildApp({ database, modules, logger: !args.includes('--no-log'), responses: 'compiled', serveWeb: false });
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  const meter = new CpuMeter(process.pid, admin, pilotageDatabaseName);
  try {
    const headersOf = async (code: string) => {
      const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: `admin@${code}.banc.fr`, password: pilotagePassword } });
      const cookie = response.cookies.find((c) => c.name === 'coh_session');
      if (!cookie) throw new Error(`connexion refusée (lancez d’abord npm run bench -- pilotage postgresql) : ${response.body}`);
      return { cookie: `coh_session=${cookie.value}`, 'x-coherence-tenant': code };
    };
    const nation = await headersOf('banc-pilotage-france');
    const region = await headersOf('banc-pilotage-region');
    const uais = (await admin.query<{ uai: string }>(`select e.uai from referentiel.establishments e join referentiel.organizations o on o.tenant_id = e.tenant_id where o.code = 'banc-pilotage-france'`)).rows.map((r) => r.uai);
    const measure = async (label: string, headers: Record<string, string>, next: () => string, n: number, before?: () => void) => {
      const run = async (k: number) => {
        for (let i = 0; i < k; i++) {
          before?.();
          const response = await app.inject({ method: 'GET', url: next(), headers });
          if (response.statusCode !== 200) throw new Error(`${label} : ${response.statusCode} ${response.body.slice(0, 300)}`);
        }
      };
      await run(Math.ceil(n / 5)); // warm-up: JIT, plans, the pool's connections
      const mark = await meter.snapshot();
      const sent = statements;
      const cpu = process.cpuUsage();
      await run(n);
      const node = process.cpuUsage(cpu);
      const spent = await meter.since(mark);
      const nodeMs = (node.user + node.system) / 1000 / n;
      const databaseMs = spent.databaseMs / n;
      say(`${label.padEnd(48)} ${((statements - sent) / n).toFixed(1)} instructions SQL, Node ${nodeMs.toFixed(2)} ms + PostgreSQL ${databaseMs.toFixed(2)} ms = ${(nodeMs + databaseMs).toFixed(2)} ms/req`);
    };
    say(`${count} requêtes par scénario, l'une après l'autre (app.inject), ${uais.length} établissements`);
    await measure('santé (/api/health, le socle de chaque requête)', nation, () => '/api/health', count);
    await measure('évaluation d’un établissement', nation, () => `/api/establishments/${uais[Math.floor(Math.random() * uais.length)]}/assessment`, count);
    await measure('tableau de bord de la Région (en cache)', region, () => '/api/pilotage/dashboard', count);
    await measure('tableau de bord de la Région (sans cache)', region, () => '/api/pilotage/dashboard', Math.ceil(count / 20), () => app.cache.invalidate(dashboardCache));
  } finally {
    await admin.end();
    await app.close();
    await database.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
