import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { agentPassword, agentUser, post, seedTenant } from './ingest-inventory.js';
import { runAgents } from './lib/inventory-agents.js';
import { CpuMeter, serverPid } from './lib/inventory-cpu.js';
import { InventoryCorpus, machine } from './lib/inventory-corpus.js';
import { benchScratch } from './lib/inventory-scratch.js';
import { startServer } from './lib/server.js';

/**
 * What one new XML inventory costs, measured by what load does not change: the server's and the
 * database's CPU per inventory (from /proc), and the statements per inventory with their time and
 * buffers when the server has pg_stat_statements (shared_preload_libraries; its view in the
 * database of PROFILE_DATABASE_URL). `tsx bench/ingest-profile.ts` with PROFILE_DATABASE_URL,
 * PROFILE_COUNT (default 200) and PROFILE_AGENTS (default 16); PROFILE_SQL runs once on the new
 * database before the agents (to compare a schema variant), PROFILE_PLANS=1 prints the plans a
 * device's key lookup gets at the end. A server with pg_stat_statements, of your own:
 *   initdb -D /tmp/pg/data; echo "port = 5499" >> …/postgresql.conf;
 *   echo "shared_preload_libraries = 'pg_stat_statements'" >> …/postgresql.conf; pg_ctl start;
 *   create role coherence login superuser password 'coherence'; create database coherence_test;
 *   create extension pg_stat_statements in template1.
 */

interface Statement {
  calls: number;
  ms: number;
  rows: number;
  hit: number;
  dirtied: number;
  query: string;
}

async function statements(client: pg.Client, database: string): Promise<Statement[] | null> {
  try {
    const found = await client.query<{ calls: string; ms: number; rows: string; hit: string; dirtied: string; query: string }>(
      `select calls, total_exec_time as ms, rows, shared_blks_hit + shared_blks_read as hit, shared_blks_dirtied as dirtied, query
         from pg_stat_statements s join pg_database d on d.oid = s.dbid where d.datname = $1 order by total_exec_time desc`,
      [database],
    );
    return found.rows.map((r) => ({ calls: Number(r.calls), ms: Number(r.ms), rows: Number(r.rows), hit: Number(r.hit), dirtied: Number(r.dirtied), query: r.query }));
  } catch {
    return null;
  }
}

/** The plans the foreign key checks of an installed-software insert get on this database now. */
async function printPlans(client: pg.Client) {
  const stats = await client.query(
    `select relname, relpages, reltuples, (select last_autoanalyze from pg_stat_user_tables u where u.relid = c.oid) as analyzed from pg_class c where relname in ('assets', 'software', 'asset_software') and relkind = 'r'`,
  );
  console.log(stats.rows);
  const [asset] = (await client.query('select tenant_id, id from parc.assets limit 1')).rows;
  await client.query('prepare ri(uuid, uuid) as select 1 from only parc.assets x where tenant_id = $1 and id = $2 for key share of x');
  for (const mode of ['force_custom_plan', 'force_generic_plan']) {
    await client.query(`set plan_cache_mode = ${mode}`);
    const plan = await client.query(`explain (analyze, buffers, costs) execute ri('${asset.tenant_id}', '${asset.id}')`);
    console.log(mode, plan.rows.map((r) => r['QUERY PLAN']).join('\n'));
  }
  await client.query('reset plan_cache_mode');
}

export async function profileIngestion(url: string, count: number, agents: number) {
  const scratch = await benchScratch(url, 'coherence_profile_ingest');
  const client = new pg.Client({ connectionString: scratch.url });
  await client.connect();
  const server = await startServer({ DATABASE_URL: scratch.url });
  try {
    const { tags } = await seedTenant(scratch.database);
    if (process.env.PROFILE_SQL) await client.query(process.env.PROFILE_SQL);
    const corpus = new InventoryCorpus();
    const authorization = `Basic ${Buffer.from(`${agentUser}:${agentPassword}`).toString('base64')}`;
    // warm up: the catalogue of the tenant and the server's JIT, not measured
    const warm = Array.from({ length: 30 }, (_, i) => post('xml', corpus, machine(500_000 + i, tags, 'WARM'), 0, authorization));
    await runAgents(server.baseUrl, warm, agents);
    // PROFILE_PROLOG=1: the PROLOG alone (the first of the two connections of an XML inventory)
    const posts = Array.from({ length: count }, (_, i) => {
      const p = post('xml', corpus, machine(i, tags, 'XML'), 0, authorization);
      return process.env.PROFILE_PROLOG ? { ...p, body: p.first!, first: undefined } : p;
    });
    await client.query('select pg_stat_statements_reset()').catch(() => undefined);
    const cpu = new CpuMeter(serverPid(), client, scratch.name);
    const mark = await cpu.snapshot();
    const run = await runAgents(server.baseUrl, posts, agents);
    const spent = await cpu.since(mark);
    const n = Math.max(1, run.acknowledged);
    console.log(`${run.acknowledged}/${run.sent} acquittés à ${agents} agents, ${run.perSecond.toFixed(1)}/s (machine partagée : indicatif)`);
    console.log(
      `CPU par inventaire : serveur ${(spent.serverMs / n).toFixed(1)} ms, requêtes ${(spent.databaseMs / n).toFixed(1)} ms, autovacuum ${(spent.vacuumMs / n).toFixed(1)} ms`,
    );
    if (process.env.PROFILE_PLANS) await printPlans(client);
    const found = await statements(client, scratch.name);
    if (!found) console.log('pg_stat_statements absent : pas de détail des requêtes');
    else {
      const ours = found.filter((s) => !/pg_stat_|pg_stat_activity|pg_backend_pid|pg_database/.test(s.query));
      const calls = ours.reduce((a, s) => a + s.calls, 0);
      const ms = ours.reduce((a, s) => a + s.ms, 0);
      console.log(`requêtes par inventaire : ${(calls / n).toFixed(1)}, ${(ms / n).toFixed(1)} ms d'exécution`);
      for (const s of ours.slice(0, 25)) {
        console.log(
          `${(s.calls / n).toFixed(2).padStart(6)} × ${(s.ms / s.calls).toFixed(2).padStart(7)} ms = ${(s.ms / n).toFixed(2).padStart(6)} ms/inv, ${(s.rows / s.calls).toFixed(0).padStart(5)} lignes, ${(s.hit / s.calls).toFixed(0).padStart(6)} blocs, ${(s.dirtied / s.calls).toFixed(0).padStart(4)} salis | ${s.query.replace(/\s+/g, ' ').slice(0, 150)}`,
        );
      }
    }
  } finally {
    await server.stop();
    await client.end();
    await scratch.drop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await profileIngestion(
    process.env.PROFILE_DATABASE_URL ?? 'postgres://coherence:coherence@127.0.0.1:5499/coherence_test',
    Number(process.env.PROFILE_COUNT ?? 200),
    Number(process.env.PROFILE_AGENTS ?? 16),
  );
}
