import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { agentPassword, agentUser, post, seedTenant } from './ingest-inventory.js';
import { runAgents, type AgentPost } from './lib/inventory-agents.js';
import { CpuMeter, type CpuSpent } from './lib/inventory-cpu.js';
import { InventoryCorpus, machine, zlib, type Machine } from './lib/inventory-corpus.js';
import { benchScratch } from './lib/inventory-scratch.js';
import { ensurePostgres } from './lib/postgres.js';
import { startServer, type RunningServer } from './lib/server.js';

/**
 * GLPI Agent ingestion (JSON, zlib) of two builds of the server, in alternating turns on one
 * database: issue 10's « before / after » under the same load.
 *
 *   tsx bench/ingest-compare.ts --against <other build's main.js> [--rounds 10] [--machines 30] [--partials 250] [--overnight]
 *
 * Both servers run at once (jobs on, as in production) on one scratch database, each with its own
 * PGAPPNAME, so each is charged the CPU of its own PostgreSQL connections only (autovacuum is printed
 * apart). Each build owns half of the machines (its writes never meet the other's stored state, as
 * two builds may hash software lists differently), the tables and indexes they grow are shared.
 * Three phases, each in `--rounds` rounds, the build going first changing every round: new machines
 * (`--machines` per build and round), the next day's inventory of those, then `--partials` partial
 * updates per build and round (GLPI's examples in turn: memory, cpu, volumes, batteries, the whole
 * software list), 16 agents. `--overnight` vacuums the installed lines before the next day: without
 * it the next day reads lines written minutes before, on pages not yet marked all-visible, which no
 * index-only scan can skip (a day later, whether autovacuum has passed depends on its thresholds).
 * Printed per round: CPU per inventory (server + PostgreSQL), both builds side by side with the
 * ratio and the load average; first, what each spends idle (`--idle` seconds, 30 by default: job
 * queues, schedules, the cache listener).
 *
 * Both builds run on this branch's schema (as with server-cpu.ts --against): what a migration
 * added or removed (an index, a trigger) is paid by both and not seen here.
 * Single runs one after another (`BENCH_SERVER_ENTRY=… tsx bench/ingest-inventory.ts`) swing by
 * ±30 % under load: compare builds here.
 */

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const against = option('--against') ?? process.env.BENCH_AGAINST;
const rounds = Number(option('--rounds')) || 10;
const machinesPerRound = Number(option('--machines')) || 30;
const partialsPerRound = Number(option('--partials')) || 250;
const idleSeconds = Number(option('--idle') ?? 30);
/** A night between the new machines and the next day: their lines vacuumed (visibility map set), as autovacuum may have. */
const overnight = args.includes('--overnight');
const agents = 16;
const say = (line: string) => process.stdout.write(`${line}\n`);

interface Contender {
  name: string;
  server: RunningServer;
  meter: CpuMeter;
  /** The machines this build owns (created by it, updated by it only). */
  machines: Machine[];
  partialsSent: number;
}

interface Turn {
  inventories: number;
  spent: CpuSpent;
  perSecond: number;
}

const perInventory = (turn: Turn) => (turn.spent.serverMs + turn.spent.databaseMs) / Math.max(1, turn.inventories);
const cpuText = (turn: Turn) => {
  const n = Math.max(1, turn.inventories);
  return `${(turn.spent.serverMs / n).toFixed(2)} + ${(turn.spent.databaseMs / n).toFixed(2)}`;
};
const load = () => loadavg()[0].toFixed(1);

async function measure(contender: Contender, posts: AgentPost[]): Promise<Turn> {
  const mark = await contender.meter.snapshot();
  const run = await runAgents(contender.server.baseUrl, posts, agents);
  const spent = await contender.meter.since(mark);
  if (run.refused > 0) throw new Error(`${contender.name} : ${run.refused} inventaires refusés (${run.firstRefusal})`);
  return { inventories: run.acknowledged, spent, perSecond: run.perSecond };
}

function partialPosts(contender: Contender, corpus: InventoryCorpus, count: number, authorization: string): AgentPost[] {
  const posts: AgentPost[] = [];
  for (let k = 0; k < count; k++, contender.partialsSent++) {
    const i = contender.partialsSent;
    const m = contender.machines[i % contender.machines.length];
    posts.push({
      path: '/api/v1/inventory',
      body: zlib(corpus.partial(m, Math.floor(i / contender.machines.length))),
      headers: { 'content-type': 'application/x-compress-zlib', authorization, 'user-agent': 'GLPI-Agent_v1.7', 'glpi-agent-id': m.uuid },
      first: zlib(corpus.contact(m)),
    });
  }
  return posts;
}

/** One phase: `rounds` rounds, each build in turn (the first one changing every round), one table line per round. */
async function phase(title: string, contenders: Contender[], postsOf: (c: Contender, round: number) => AgentPost[]) {
  say(`\n${title}\n`);
  say(`| tour | ${contenders.map((c) => `${c.name} : CPU ms (serveur + PG), débit`).join(' | ')} | rapport | autovacuum ms | charge 1 min |`);
  say(`|---|${contenders.map(() => '---').join('|')}|---|---|---|`);
  const totals = contenders.map(() => ({ inventories: 0, serverMs: 0, databaseMs: 0, vacuumMs: 0 }));
  for (let round = 0; round < rounds; round++) {
    const turns: Turn[] = [];
    for (let k = 0; k < contenders.length; k++) {
      const i = (k + round) % contenders.length;
      const posts = postsOf(contenders[i], round);
      turns[i] = await measure(contenders[i], posts);
      const t = totals[i];
      t.inventories += turns[i].inventories;
      t.serverMs += turns[i].spent.serverMs;
      t.databaseMs += turns[i].spent.databaseMs;
      t.vacuumMs += turns[i].spent.vacuumMs;
    }
    const ratio = turns.length > 1 ? (perInventory(turns[0]) / perInventory(turns[1])).toFixed(2) : '—';
    const vacuum = turns.map((t) => (t.spent.vacuumMs / Math.max(1, t.inventories)).toFixed(2)).join(' / ');
    say(`| ${round + 1} | ${turns.map((t) => `${cpuText(t)} (${t.perSecond.toFixed(0)}/s)`).join(' | ')} | ${ratio} | ${vacuum} | ${load()} |`);
  }
  const whole = totals.map((t) => ({ inventories: t.inventories, spent: t, perSecond: 0 }));
  const ratio = whole.length > 1 ? (perInventory(whole[0]) / perInventory(whole[1])).toFixed(2) : '—';
  say(`| tous | ${whole.map((t) => `${cpuText(t)} (${t.inventories} inventaires)`).join(' | ')} | **${ratio}** | | |`);
}

/** What each server spends doing nothing asked (its job queues, schedules, cache listener), both idle at once. */
async function idle(contenders: Contender[]) {
  const marks = await Promise.all(contenders.map((c) => c.meter.snapshot()));
  await new Promise((resolve) => setTimeout(resolve, idleSeconds * 1000));
  const spent = await Promise.all(contenders.map((c, i) => c.meter.since(marks[i])));
  const perSecond = (value: number) => (value / idleSeconds).toFixed(1);
  say(`\nAu repos pendant ${idleSeconds} s (CPU ms par seconde, serveur + PG) : ${contenders.map((c, i) => `${c.name} ${perSecond(spent[i].serverMs)} + ${perSecond(spent[i].databaseMs)}`).join(' ; ')} ; charge ${load()}`);
}

async function main() {
  const postgres = await ensurePostgres();
  if (!postgres.ok) throw new Error(postgres.reason);
  if (!against) throw new Error('--against <main.js d’une autre version> est requis');
  const scratch = await benchScratch(postgres.url, 'coherence_bench_ingest_cmp');
  const admin = new pg.Client({ connectionString: scratch.url });
  const contenders: Contender[] = [];
  try {
    const { tags } = await seedTenant(scratch.database);
    await admin.connect();
    for (const [name, entry] of [
      ['cette branche', undefined],
      ['comparée', against],
    ] as const) {
      const appName = `banc-${contenders.length}`;
      const server = await startServer({ DATABASE_URL: scratch.url, PGAPPNAME: appName }, [], entry);
      contenders.push({ name, server, meter: new CpuMeter(server.pid, admin, scratch.name, appName), machines: [], partialsSent: 0 });
    }
    const authorization = `Basic ${Buffer.from(`${agentUser}:${agentPassword}`).toString('base64')}`;
    const corpus = new InventoryCorpus();
    say(`GLPI Agent (JSON, zlib), ${agents} agents, ${rounds} tours alternés ; « comparée » : ${against}`);
    say('CPU par inventaire en ms : serveur + connexions PostgreSQL du serveur ; rapport = cette branche / comparée');
    if (idleSeconds > 0) await idle(contenders);
    let next = 0;
    const fresh = (c: Contender) => {
      const made = Array.from({ length: machinesPerRound }, () => machine(next++, tags, 'JSON'));
      c.machines.push(...made);
      return made;
    };
    await phase(`Nouveaux équipements (${machinesPerRound} par version et par tour)`, contenders, (c) => fresh(c).map((m) => post('json', corpus, m, 0, authorization)));
    if (overnight) await admin.query('vacuum (analyze) parc.asset_software');
    await phase('Inventaire du lendemain (les équipements de la version, tour après tour)', contenders, (c, round) => {
      const slice = c.machines.slice(round * machinesPerRound, (round + 1) * machinesPerRound);
      return slice.map((m) => post('json', corpus, m, 1, authorization));
    });
    await phase(`Mises à jour partielles (${partialsPerRound} par version et par tour)`, contenders, (c) => partialPosts(c, corpus, partialsPerRound, authorization));
  } finally {
    for (const { server } of contenders) await server.stop();
    await admin.end().catch(() => undefined);
    await scratch.drop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
