import { availableParallelism, loadavg } from 'node:os';
import pg from 'pg';
import { fleetPassword, fleetTenantCode, seedFleet, type FleetSize, type SeededFleet } from './fleet-seed.js';
import { CpuMeter, serverPid, type CpuSpent } from './lib/inventory-cpu.js';
import { runLoad, type LoadResult } from './lib/load.js';
import { login, startServer } from './lib/server.js';
import { ms, seconds } from './lib/table.js';

/**
 * The fleet's two hot reads at a Région's scale (100,000 devices, ~5 million software lines, kept
 * between runs by fleet-seed.ts) on the real server, 50 clients each one request at a time:
 * - the device list of one school and one class, first pages (GET /api/assets?uai=&class=&page=);
 * - « where is this software installed » (GET /api/software/{id}/installations), for products
 *   drawn from the catalogue and, apart, for the 15 products of the master image on every device.
 * Target: p95 < 50 ms. The load average is printed beside: the machine is shared, and a busy
 * neighbour shows in the latencies. So is the CPU each request costs the server and PostgreSQL
 * (read in /proc), and the rate it allows on this machine's cores left free: 50 clients under
 * 50 ms need about 1,000 requests a second (Little's law), whatever the neighbours do.
 */

export const targetP95Ms = 50;

export interface FleetBenchOptions {
  serverUrl: string;
  size?: FleetSize;
  clients?: number;
  durationMs?: number;
  log?: (line: string) => void;
}

export interface FleetScenarioRow {
  scenario: string;
  clients: number;
  requests: number;
  errors: number;
  p50: number;
  p95: number;
  perSecond: number;
  load: string;
  /** Server and PostgreSQL CPU per request (ms), when measured. */
  cpu: { serverMs: number; databaseMs: number } | null;
  /** CPU the load generator spent per request (ms), on the same cores. */
  clientCpuMs: number;
  ok: boolean;
}

const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)];

/** The three scenarios' labels and request paths, drawn at random (bench/fleet-cpu.ts measures the same). */
export function fleetScenarios(fleet: Pick<SeededFleet, 'uais' | 'tail' | 'base'>): [string, () => string][] {
  const listPath = () =>
    `/api/assets?${new URLSearchParams({ uai: pick(fleet.uais), class: pick(['desktop', 'laptop', 'tablet']), page: pick(['1', '1', '1', '2']) })}`;
  const wherePath = (ids: number[]) => () => `/api/software/${pick(ids)}/installations`;
  return [
    ['Liste d’un établissement et d’une classe (pages 1-2)', listPath],
    ['« Où ce logiciel est-il installé ? » (catalogue)', wherePath(fleet.tail)],
    ['« Où est-il installé ? », logiciel sur tous les postes', wherePath(fleet.base)],
  ];
}

export async function benchFleetQueries(options: FleetBenchOptions): Promise<{ rows: FleetScenarioRow[]; seeded: string }> {
  const clients = options.clients ?? 50;
  const durationMs = options.durationMs ?? 10_000;
  const log = options.log ?? (() => undefined);
  const fleet = await seedFleet(options.serverUrl, options.size, log);
  await fleet.database.close();
  const seeded = `${fleet.devices} équipements, ${fleet.lines} lignes de logiciels${fleet.loadMs === null ? ' (réutilisé)' : `, générés en ${seconds(fleet.loadMs)}`}`;
  const server = await startServer({ DATABASE_URL: fleet.url });
  const client = new pg.Client({ connectionString: fleet.url });
  await client.connect();
  const cpu = new CpuMeter(serverPid(), client, new URL(fleet.url).pathname.slice(1));
  try {
    const headers = { cookie: await login(server.baseUrl, 'admin@flotte.banc.fr', fleetPassword), 'x-coherence-tenant': fleetTenantCode };
    const load = (next: () => string, n: number, duration: number) =>
      runLoad({ baseUrl: server.baseUrl, headers, clients: n, durationMs: duration, maxRequests: 200_000, nextPath: next });
    const rows: FleetScenarioRow[] = [];
    for (const [scenario, next] of fleetScenarios(fleet)) {
      await load(next, 10, 1500); // warm-up: JIT, plans, pool
      const mark = cpu.available ? await cpu.snapshot() : null;
      const result = await load(next, clients, durationMs);
      rows.push(row(scenario, clients, result, mark ? await cpu.since(mark) : null));
      log(`${scenario} : p95 ${ms(result.p95)}`);
    }
    return { rows, seeded };
  } finally {
    await server.stop();
    await client.end();
  }
}

function row(scenario: string, clients: number, result: LoadResult, spent: CpuSpent | null): FleetScenarioRow {
  const [one, five] = loadavg();
  const n = Math.max(1, result.requests);
  return {
    scenario,
    clients,
    requests: result.requests,
    errors: result.errors,
    p50: result.p50,
    p95: result.p95,
    perSecond: result.perSecond,
    load: `${one.toFixed(1)} / ${five.toFixed(1)}`,
    cpu: spent ? { serverMs: spent.serverMs / n, databaseMs: (spent.databaseMs + spent.vacuumMs) / n } : null,
    clientCpuMs: result.clientCpuMs,
    ok: result.p95 < targetP95Ms && result.errors === 0,
  };
}

export function printFleetTable(title: string, rows: FleetScenarioRow[]): void {
  const cores = availableParallelism();
  const head = ['scénario', 'clients', 'requêtes', 'débit', 'p50', 'p95', 'cible', 'ok', 'charge 1/5 min', `CPU/req serveur + PG → débit sur ${cores} cœurs libres`, 'CPU/req du client de charge'];
  const cells = rows.map((r) => [
    r.scenario,
    String(r.clients),
    r.errors ? `${r.requests} (${r.errors} erreurs)` : String(r.requests),
    `${Math.round(r.perSecond)} req/s`,
    ms(r.p50),
    ms(r.p95),
    `p95 < ${targetP95Ms} ms`,
    r.ok ? 'ok' : 'KO',
    r.load,
    r.cpu ? `${ms(r.cpu.serverMs)} + ${ms(r.cpu.databaseMs)} → ${Math.round((cores * 1000) / (r.cpu.serverMs + r.cpu.databaseMs))} req/s` : '—',
    ms(r.clientCpuMs),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i])).join(' | ')} |`;
  console.log(`\n${title}\n`);
  console.log([line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n'));
}
