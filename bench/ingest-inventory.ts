import { availableParallelism, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { hashPassword } from '../src/modules/access/index.js';
import { agentCredentials } from '../src/modules/parc/db/schema.js';
import { normaliseSoftware, softwareHash } from '../src/modules/parc/db/software-store.js';
import {
  decodeBody,
  normalizeGlpiJson,
  normalizeOcs,
  parseGlpiMessage,
  parseOcsRequest,
  validateGlpiInventory,
} from '../src/modules/parc/inventory/index.js';
import { createOrganization } from '../src/modules/referentiel/operations/create-organization.js';
import { importEstablishments } from '../src/modules/referentiel/operations/import-establishments.js';
import { systemCtx } from '../src/server/platform/context.js';
import { rows, type Database } from '../src/server/platform/db.js';
import { generateAnnuaireFile } from './generate-annuaire.js';
import { runAgents, type AgentPost, type AgentRun } from './lib/inventory-agents.js';
import { CpuMeter, serverPid, type CpuSpent } from './lib/inventory-cpu.js';
import { benchScratch } from './lib/inventory-scratch.js';
import { InventoryCorpus, logDate, machine, zlib, type Machine } from './lib/inventory-corpus.js';
import { ensurePostgres } from './lib/postgres.js';
import { startServer } from './lib/server.js';
import { ms, seconds } from './lib/table.js';

/**
 * Inventory ingestion against Debian's OCS Inventory server (≈ 3.7 new inventories a second at 4
 * agents, 2.9 at 16, 2.4 updates a second). Distinct inventories built from the real agent files
 * are posted over HTTP to the real server (src/server/main.ts on a loopback port, on a scratch
 * PostgreSQL database) by 1, 4 and 16 concurrent agents, in the XML (zlib, /ocsinventory) and
 * JSON (zlib, /api/v1/inventory) protocols: first as new machines, then as the next day's
 * inventory of the same machines. Every acknowledged inventory must be stored (rows counted).
 * Then GLPI Agent partial updates, and the floor: decompress + parse + normalise alone.
 *
 * Targets (on PostgreSQL): ≥ 15× OCS, i.e. 50 new machines and 80 daily updates a second at 16
 * agents; 100,000 partial updates in under 5 minutes.
 */

/** The title of the ingestion table, in `npm run bench` as when this file runs alone. */
export const ingestTitle = 'Ingestion des inventaires (PostgreSQL, serveur réel sur la boucle locale ; OCS Inventory : serveur Debian, même machine, mêmes inventaires)';

export const targets = { newPerSecond: 50, updatesPerSecond: 80, partialCount: 100_000, partialSeconds: 300 };
const peer = { new4: 3.7, new16: 2.9, updates: 2.4 };
const tenantCode = 'banc-parc';
export const agentUser = `${tenantCode}/bench`;
export const agentPassword = 'Banc-Agents-2026!';
export const testDatabaseUrl = 'postgres://coherence:coherence@127.0.0.1:5432/coherence_test';

export interface IngestionOptions {
  /** A database of the server the scratch database is created from (default: coherence_test). */
  databaseUrl?: string;
  /** Machines per protocol at 1, 4 and 16 agents (each a new set of machines). */
  machines?: Record<1 | 4 | 16, number>;
  /** Partial updates posted; the 100,000 target is extrapolated from them when fewer. */
  partialUpdates?: number;
  protocols?: ('xml' | 'json')[];
  log?: (line: string) => void;
}

type Protocol = 'xml' | 'json';
const levels = [1, 4, 16] as const;

export function post(protocol: Protocol, corpus: InventoryCorpus, m: Machine, day: number, authorization: string): AgentPost {
  if (protocol === 'xml') {
    return {
      path: '/ocsinventory',
      body: zlib(corpus.xml(m, day)),
      headers: { 'content-type': 'application/x-compress-zlib', authorization, 'user-agent': 'FusionInventory-Agent_v2.6' },
      first: zlib(corpus.prolog(m)),
    };
  }
  return {
    path: '/api/v1/inventory',
    body: zlib(corpus.json(m, day)),
    headers: { 'content-type': 'application/x-compress-zlib', authorization, 'user-agent': 'GLPI-Agent_v1.7', 'glpi-agent-id': m.uuid },
  };
}

/** Decompress + parse + normalise, nothing else: what one Node process cannot go below. */
export function parseFloor(posts: AgentPost[]): { msPerInventory: number; perSecond: number } {
  const started = performance.now();
  for (const p of posts) {
    const decoded = decodeBody(p.body, p.headers['content-type']);
    const report =
      decoded.format === 'xml'
        ? normalizeOcs(parseOcsRequest(decoded.text), { userAgent: p.headers['user-agent'] })
        : (() => {
            const message = parseGlpiMessage(decoded.text);
            if (message.action === 'contact') throw new Error('contact');
            return normalizeGlpiJson(validateGlpiInventory(message.document));
          })();
    softwareHash(normaliseSoftware(report.software));
  }
  const msPerInventory = (performance.now() - started) / posts.length;
  return { msPerInventory, perSecond: 1000 / msPerInventory };
}

interface Counter {
  machines(deviceIds: string[]): Promise<number>;
  versions(deviceIds: string[]): Promise<number>;
  ranAt(deviceIds: string[], ranAt: string): Promise<number>;
  /** The database's work counters (pg_stat_database): what the server asked of PostgreSQL, whatever the load. */
  work(): Promise<DatabaseWork>;
  /** Scans and rows per table (pg_stat_user_tables), to tell which table the work went to. */
  tables(): Promise<Map<string, number[]>>;
}

interface DatabaseWork {
  commits: number;
  buffers: number;
  rowsRead: number;
  rowsWritten: number;
}

/** Counts what the database holds, on its own connection (not the server's). */
function counter(client: pg.Client, tenantId: string): Counter {
  const one = async (text: string, values: unknown[]) => Number((await client.query(text, values)).rows[0].n);
  return {
    machines: (ids) => one('select count(*) n from parc.assets where tenant_id = $1 and agent_device_id = any($2)', [tenantId, ids]),
    versions: (ids) => one('select coalesce(sum(version), 0) n from parc.assets where tenant_id = $1 and agent_device_id = any($2)', [tenantId, ids]),
    work: async () => {
      const found = await client.query<Record<keyof DatabaseWork, string>>(
        `select xact_commit as commits, blks_hit + blks_read as buffers, tup_returned + tup_fetched as "rowsRead", tup_inserted + tup_updated + tup_deleted as "rowsWritten"
           from pg_stat_database where datname = current_database()`,
      );
      const row = found.rows[0];
      return { commits: Number(row.commits), buffers: Number(row.buffers), rowsRead: Number(row.rowsRead), rowsWritten: Number(row.rowsWritten) };
    },
    tables: async () => {
      const found = await client.query<{ name: string; counts: string[] }>(
        `select schemaname || '.' || relname as name,
                array[seq_scan, seq_tup_read, coalesce(idx_scan, 0), coalesce(idx_tup_fetch, 0), n_tup_ins, n_tup_upd, n_tup_hot_upd, n_tup_del] as counts
           from pg_stat_user_tables`,
      );
      return new Map(found.rows.map((r) => [r.name, r.counts.map(Number)]));
    },
    ranAt: (ids, ranAt) => one(`select count(*) n from parc.assets where tenant_id = $1 and agent_device_id = any($2) and hardware->'agent'->>'ranAt' = $3`, [tenantId, ids, ranAt]),
  };
}

export async function seedTenant(database: Database): Promise<{ tenantId: string; tags: string[] }> {
  const ctx = systemCtx(database);
  const org = await createOrganization(ctx, { code: tenantCode, kind: 'region', name: 'Région du banc d’inventaire' });
  // 180 sites, as in the seeds' mass deployment; agents carry their school's UAI as tag
  await importEstablishments(ctx, { tenantId: org.tenantId, bytes: generateAnnuaireFile(180), filename: 'sites.csv', mode: 'apply-valid', includeNonSchools: true });
  await database.db.insert(agentCredentials).values({ tenantId: org.tenantId, username: agentUser, passwordHash: await hashPassword(agentPassword), label: 'Banc' });
  const tags = await rows<{ uai: string }>(database.db, sql`select uai from referentiel.establishments where tenant_id = ${org.tenantId} order by uai`);
  return { tenantId: org.tenantId, tags: tags.map((t) => t.uai) };
}

/** The database's work per inventory between two readings (statistics reach pg_stat_database within a second or so). */
const workText = (before: DatabaseWork, after: DatabaseWork, n: number) => {
  const per = (key: keyof DatabaseWork) => ((after[key] - before[key]) / Math.max(1, n)).toFixed(1);
  return `${per('commits')} transactions, ${per('buffers')} pages lues, ${per('rowsRead')} lignes lues, ${per('rowsWritten')} écrites`;
};

const rate = (value: number) => `${value.toFixed(1)}/s`;

/** One scenario of the ingestion table: measured rate beside its target, the parse floor and the OCS peer. */
export interface IngestRow {
  scenario: string;
  agents: number;
  sent: number;
  perSecond: number;
  p95: number;
  /** Rows found in the database for the acknowledged inventories. */
  stored: number;
  acknowledged: number;
  refused: number;
  firstRefusal?: string;
  target: string;
  /** Decompress + parse + normalise alone, one core, no database. */
  floor: string;
  peer: string;
  ok: boolean;
  /** Load average (1 and 5 min) when the scenario ended: the machine is shared. */
  load: string;
}

export interface IngestionResult {
  rows: IngestRow[];
  /** CPU per inventory at 16 agents, and how the 100,000 partial updates were measured. */
  notes: string[];
}

const loadAverage = () => {
  const [one, five] = loadavg();
  return `${one.toFixed(1)} / ${five.toFixed(1)}`;
};

export function printIngestTable(title: string, result: IngestionResult): void {
  const head = ['scénario', 'agents', 'débit (p95)', 'cible', 'plancher', 'stockés / acquittés', 'OCS Inventory', 'ok', 'charge 1/5 min'];
  const cells = result.rows.map((r) => [
    r.scenario,
    String(r.agents),
    `${rate(r.perSecond)} (${ms(r.p95)})`,
    r.target,
    r.floor,
    `${r.stored} / ${r.acknowledged}${r.refused ? ` (${r.refused} refusés : ${r.firstRefusal})` : ''}`,
    r.peer,
    r.ok ? 'ok' : 'KO',
    r.load,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i])).join(' | ')} |`;
  console.log(`\n${title}\n`);
  console.log([line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n'));
  for (const note of result.notes) console.log(`  ${note}`);
}

export async function benchIngestion(options: IngestionOptions = {}): Promise<IngestionResult> {
  const log = options.log ?? (() => undefined);
  const machines = options.machines ?? { 1: 60, 4: 240, 16: 800 };
  const partialUpdates = options.partialUpdates ?? 5_000;
  const protocols = options.protocols ?? ['xml', 'json'];
  const scratch = await benchScratch(options.databaseUrl ?? testDatabaseUrl, 'coherence_bench_ingest');
  const { name, url } = scratch;
  const out: IngestionResult = { rows: [], notes: [] };
  try {
    const { tenantId, tags } = await seedTenant(scratch.database);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const count = counter(client, tenantId);
    const server = await startServer({ DATABASE_URL: url });
    const cpu = new CpuMeter(serverPid(), client, name);
    const authorization = `Basic ${Buffer.from(`${agentUser}:${agentPassword}`).toString('base64')}`;
    const corpus = new InventoryCorpus();
    try {
      let offset = 0;
      const jsonMachines: Machine[] = [];
      for (const protocol of protocols) {
        const label = protocol === 'xml' ? 'XML (OCS/FusionInventory, zlib)' : 'JSON (GLPI Agent, zlib)';
        const sample = Array.from({ length: 40 }, (_, i) => post(protocol, corpus, machine(900_000 + i, tags), 0, authorization));
        parseFloor(sample.slice(0, 5)); // warm the parser up
        const measured = parseFloor(sample);
        const floor = `${ms(measured.msPerInventory)} → ${rate(measured.perSecond)}`;
        for (const agents of levels) {
          const fleet = Array.from({ length: machines[agents] }, (_, i) => machine(offset + i, tags, protocol.toUpperCase()));
          offset += machines[agents];
          if (protocol === 'json') jsonMachines.push(...fleet);
          const ids = fleet.map((m) => m.deviceId);
          // phase 1: new machines
          const newPosts = fleet.map((m) => post(protocol, corpus, m, 0, authorization));
          let mark = await cpu.snapshot();
          const created = await runAgents(server.baseUrl, newPosts, agents);
          const createdCpu = await cpu.since(mark);
          const stored = await count.machines(ids);
          log(`${protocol} ${agents} agent(s) nouveaux : ${rate(created.perSecond)}, ${created.acknowledged}/${created.sent} acquittés, ${stored} stockés`);
          const newTarget = agents === 16 ? targets.newPerSecond : null;
          out.rows.push(scenarioRow(`${label} : nouveaux`, agents, created, stored, newTarget, floor, agents === 4 ? peer.new4 : agents === 16 ? peer.new16 : null));
          if (agents === 16 && cpu.available) out.notes.push(cpuNote(`${label}, nouveaux`, createdCpu, created.acknowledged));
          // phase 2: the next day's inventory of the same machines
          const before = await count.versions(ids);
          const updatePosts = fleet.map((m) => post(protocol, corpus, m, 1, authorization));
          mark = await cpu.snapshot();
          const updated = await runAgents(server.baseUrl, updatePosts, agents);
          const updatedCpu = await cpu.since(mark);
          const landed = (await count.versions(ids)) - before;
          const current = await count.ranAt(ids, logDate(1));
          log(`${protocol} ${agents} agent(s) quotidiens : ${rate(updated.perSecond)}, ${updated.acknowledged}/${updated.sent} acquittés, ${landed} écrits, ${current} à jour`);
          const updateTarget = agents === 16 ? targets.updatesPerSecond : null;
          out.rows.push(scenarioRow(`${label} : quotidiens`, agents, updated, Math.min(landed, current), updateTarget, floor, peer.updates));
          if (agents === 16 && cpu.available) out.notes.push(cpuNote(`${label}, quotidiens`, updatedCpu, updated.acknowledged));
        }
      }
      if (jsonMachines.length && partialUpdates > 0) {
        const partial = await partialRows(server.baseUrl, corpus, jsonMachines, partialUpdates, authorization, count, cpu, log);
        out.rows.push(partial.row);
        out.notes.push(...partial.notes);
      }
    } finally {
      await server.stop();
      await client.end();
    }
    return out;
  } catch (error) {
    log(`banc interrompu : ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    throw error;
  } finally {
    await scratch.drop();
  }
}

const cores = availableParallelism();

/**
 * CPU spent per inventory by the server and the database, and the rate it allows on free cores:
 * the server is one Node thread (its own limit), and both share the machine's cores.
 */
function cpuNote(label: string, spent: CpuSpent, inventories: number): string {
  const n = Math.max(1, inventories);
  const [server, database, vacuum] = [spent.serverMs / n, spent.databaseMs / n, spent.vacuumMs / n];
  const capacity = Math.min(1000 / server, (cores * 1000) / (server + database + vacuum));
  return `${label}, 16 agents : CPU par inventaire ${ms(server)} serveur + ${ms(database)} requêtes + ${ms(vacuum)} autovacuum → ${rate(capacity)} possible sur ${cores} cœurs libres`;
}

function scenarioRow(scenario: string, agents: number, run: AgentRun, stored: number, target: number | null, floor: string, peerRate: number | null): IngestRow {
  const allStored = stored === run.acknowledged && run.refused === 0;
  return {
    scenario,
    agents,
    sent: run.sent,
    perSecond: run.perSecond,
    p95: run.p95,
    stored,
    acknowledged: run.acknowledged,
    refused: run.refused,
    firstRefusal: run.firstRefusal,
    target: target !== null ? `≥ ${target}/s` : '—',
    floor,
    peer: peerRate !== null ? `${peerRate}/s` : '—',
    ok: allStored && (target === null || run.perSecond >= target),
    load: loadAverage(),
  };
}

async function partialRows(
  baseUrl: string,
  corpus: InventoryCorpus,
  fleet: Machine[],
  n: number,
  authorization: string,
  count: Counter,
  cpu: CpuMeter,
  log: (line: string) => void,
): Promise<{ row: IngestRow; notes: string[] }> {
  const ids = fleet.map((m) => m.deviceId);
  const before = await count.versions(ids);
  await new Promise((resolve) => setTimeout(resolve, process.env.BENCH_PARTIAL_SLICE ? 11_000 : 0));
  const workAtStart = await count.work();
  const tablesAtStart = await count.tables();
  let spent: CpuSpent = { serverMs: 0, databaseMs: 0, vacuumMs: 0 };
  let elapsed = 0; // posting time only: building the bodies is the agents' work, not the server's
  let acknowledged = 0;
  let refused = 0;
  let firstRefusal: string | undefined;
  let p95Max = 0;
  // built and posted in slices, so 100,000 bodies are never all in memory
  const sliceSize = Number(process.env.BENCH_PARTIAL_SLICE) || 2_000;
  for (let done = 0; done < n; done += sliceSize) {
    const posts: AgentPost[] = [];
    for (let i = done; i < Math.min(n, done + sliceSize); i++) {
      const m = fleet[i % fleet.length];
      posts.push({
        path: '/api/v1/inventory',
        body: zlib(corpus.partial(m, Math.floor(i / fleet.length))),
        headers: { 'content-type': 'application/x-compress-zlib', authorization, 'user-agent': 'GLPI-Agent_v1.7', 'glpi-agent-id': m.uuid },
        first: zlib(corpus.contact(m)),
      });
    }
    const mark = await cpu.snapshot();
    const workBefore = await count.work();
    const run = await runAgents(baseUrl, posts, 16);
    const slice = await cpu.since(mark);
    const workAfter = await count.work();
    spent = { serverMs: spent.serverMs + slice.serverMs, databaseMs: spent.databaseMs + slice.databaseMs, vacuumMs: spent.vacuumMs + slice.vacuumMs };
    elapsed += run.elapsedMs;
    acknowledged += run.acknowledged;
    refused += run.refused;
    firstRefusal ??= run.firstRefusal;
    p95Max = Math.max(p95Max, run.p95);
    const per = (value: number) => `${(value / Math.max(1, run.acknowledged)).toFixed(2)} ms`;
    log(`partielles ${done + 1}–${done + posts.length} : ${per(slice.serverMs)} serveur + ${per(slice.databaseMs)} requêtes + ${per(slice.vacuumMs)} autovacuum par mise à jour, ${rate(run.perSecond)}, charge ${loadAverage()} ; base par mise à jour : ${workText(workBefore, workAfter, run.acknowledged)}`);
  }
  const landed = (await count.versions(ids)) - before;
  if (process.env.BENCH_PARTIAL_SLICE) {
    // an idle backend reports its statistics within 10 s (PGSTAT_IDLE_INTERVAL)
    await new Promise((resolve) => setTimeout(resolve, 11_000));
    log(`partielles, base par mise à jour sur toute la phase : ${workText(workAtStart, await count.work(), acknowledged)}`);
    const heads = ['seq_scan', 'seq_tup_read', 'idx_scan', 'idx_tup_fetch', 'ins', 'upd', 'hot_upd', 'del'];
    for (const [table, counts] of await count.tables()) {
      const before = tablesAtStart.get(table) ?? counts.map(() => 0);
      const per = counts.map((c, i) => (c - before[i]) / Math.max(1, acknowledged));
      if (per.some((v) => v > 0.01)) log(`  ${table} : ${per.map((v, i) => `${heads[i]} ${v.toFixed(2)}`).join(', ')}`);
    }
  }
  const perSecond = (acknowledged / elapsed) * 1000;
  const projected = (targets.partialCount / perSecond) * 1000;
  const sampled = n < targets.partialCount;
  log(`partielles : ${n} en ${seconds(elapsed)}, ${rate(perSecond)}`);
  const spentSeconds = sampled ? projected : elapsed;
  const notes = [
    `100 000 mises à jour partielles GLPI Agent : ${seconds(spentSeconds)}${sampled ? ` (extrapolé de ${n} envoyées ; \`npm run bench -- ingest-partial-100k\` les envoie toutes)` : ''} — cible < 5 min`,
  ];
  if (cpu.available) notes.push(cpuNote('Mises à jour partielles', spent, acknowledged));
  return {
    row: {
      scenario: `JSON (GLPI Agent) : partielles${sampled ? `, 100 000 extrapolées de ${n}` : ', 100 000'} → ${seconds(spentSeconds)}`,
      agents: 16,
      sent: n,
      perSecond,
      p95: p95Max,
      stored: landed,
      acknowledged,
      refused,
      firstRefusal,
      target: `100 000 < 5 min (≥ ${Math.ceil(targets.partialCount / targets.partialSeconds)}/s)`,
      floor: '—',
      peer: '—',
      ok: spentSeconds < targets.partialSeconds * 1000 && landed === acknowledged && refused === 0,
      load: loadAverage(),
    },
    notes,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  // the fleet's read queries at 100,000 devices are bench/fleet-queries.ts (npm run bench -- fleet-queries)
  const server = await ensurePostgres();
  if (!server.ok) {
    console.log(`PostgreSQL indisponible : ${server.reason}`);
    process.exit(1);
  }
  const scale = Number(process.env.BENCH_INGEST_SCALE ?? 1);
  const result = await benchIngestion({
    // the server ensurePostgres found (BENCH_DATABASE_URL, else the tests' one)
    databaseUrl: server.url,
    machines: { 1: Math.round(60 * scale), 4: Math.round(240 * scale), 16: Math.round(800 * scale) },
    partialUpdates: process.env.BENCH_PARTIAL_FULL ? targets.partialCount : Math.round(5_000 * scale),
    protocols: process.env.BENCH_PROTOCOLS ? (process.env.BENCH_PROTOCOLS.split(',') as ('xml' | 'json')[]) : undefined,
    log: (line) => console.log(`  ${line}`),
  });
  printIngestTable(ingestTitle, result);
  process.exitCode = result.rows.some((r) => !r.ok) ? 1 : 0;
}
