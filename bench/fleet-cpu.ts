import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { fleetScenarios } from './fleet-queries.js';
import { fleetPassword, fleetTenantCode, seedFleet } from './fleet-seed.js';
import { CpuMeter } from './lib/inventory-cpu.js';
import { closedLoop, KeepAliveClient } from './lib/load.js';
import { ensurePostgres } from './lib/postgres.js';
import { login, startServer, type RunningServer } from './lib/server.js';

/**
 * The fleet's three hot reads (bench/fleet-queries.ts's scenarios, on its 100,000 devices) measured
 * by what they cost rather than by their latency: the server's and PostgreSQL's CPU per request,
 * read in /proc, with a few clients at once. On a machine shared with other work, p95 latencies
 * move with the neighbours; CPU per request hardly does.
 *
 *   tsx bench/fleet-cpu.ts [--n 3000] [--clients 4] [--only liste|catalogue|partout] [--against <main.js> [--rounds 6]]
 *
 * `--against`: another build of the server (`npx tsx scripts/build-server.ts` in another copy of
 * the repository, e.g. an older commit's) runs beside this one on the same data; they take turns,
 * `--rounds` blocks each, the first one changing every round, so both see the same load.
 * Every request of a block is one the other build also answers: the caches each server keeps (a
 * product's summary for a minute, its majority publisher) are warmed the same way in both.
 */

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const count = Number(option('--n')) || 3000;
const clients = Number(option('--clients')) || 4;
const only = option('--only');
const against = option('--against');
const rounds = Number(option('--rounds')) || (against ? 6 : 1);
const say = (line: string) => process.stdout.write(`${line}\n`);
const shortNames = ['liste', 'catalogue', 'partout'];

interface Contender {
  name: string;
  server: RunningServer;
  client: KeepAliveClient;
  meter: CpuMeter;
}

async function main() {
  const postgres = await ensurePostgres();
  if (!postgres.ok) throw new Error(postgres.reason);
  const fleet = await seedFleet(postgres.url, undefined, (line) => say(`  ${line}`));
  await fleet.database.close();
  const admin = new pg.Client({ connectionString: fleet.url });
  await admin.connect();
  const database = new URL(fleet.url).pathname.slice(1);
  const contenders: Contender[] = [];
  try {
    for (const { name, entry } of [{ name: 'cette branche', entry: undefined }, ...(against ? [{ name: 'comparée', entry: against }] : [])]) {
      const server = await startServer({ DATABASE_URL: fleet.url, COHERENCE_JOBS: 'off' }, [], entry);
      const headers = { cookie: await login(server.baseUrl, 'admin@flotte.banc.fr', fleetPassword), 'x-coherence-tenant': fleetTenantCode };
      contenders.push({ name, server, client: new KeepAliveClient(server.baseUrl, clients, headers), meter: new CpuMeter(server.pid, admin, database) });
    }
    say(`${count} requêtes par scénario, ${clients} clients, ${rounds} tours, charge ${loadavg().map((l) => l.toFixed(1)).join(' / ')}`);
    for (const [k, [label, nextPath]] of fleetScenarios(fleet).entries()) {
      if (only && shortNames[k] !== only) continue;
      // the same paths in the same order for every contender: the same cache hits and misses
      const paths = Array.from({ length: count + Math.ceil(count / 3) }, nextPath);
      const warm = paths.slice(0, Math.ceil(count / 3));
      const measured = paths.slice(warm.length);
      const serve = (list: string[]) => {
        let i = 0;
        return () => ({ method: 'GET' as const, path: list[i++ % list.length] });
      };
      for (const { client } of contenders) await closedLoop({ client, clients, durationMs: 3_600_000, maxRequests: warm.length, next: serve(warm), expected: 200 });
      const sums = contenders.map(() => ({ serverMs: 0, databaseMs: 0, requests: 0, elapsedMs: 0 }));
      const perRound = Math.ceil(measured.length / rounds);
      for (let round = 0; round < rounds; round++) {
        const block = measured.slice(round * perRound, (round + 1) * perRound);
        for (let j = 0; j < contenders.length; j++) {
          const i = (j + round) % contenders.length;
          const { client, meter } = contenders[i];
          const mark = await meter.snapshot();
          const result = await closedLoop({ client, clients, durationMs: 3_600_000, maxRequests: block.length, next: serve(block), expected: 200 });
          const spent = await meter.since(mark);
          if (result.errors) throw new Error(`${label} : ${result.firstError}`);
          const sum = sums[i];
          sum.serverMs += spent.serverMs;
          sum.databaseMs += spent.databaseMs;
          sum.requests += result.requests;
          sum.elapsedMs += result.elapsedMs;
        }
      }
      for (const [i, { name }] of contenders.entries()) {
        const { serverMs, databaseMs, requests: n, elapsedMs } = sums[i];
        say(
          `${label.padEnd(56)} ${contenders.length > 1 ? `${name.padEnd(14)} ` : ''}serveur ${(serverMs / n).toFixed(3)} ms + PostgreSQL ${(databaseMs / n).toFixed(3)} ms par requête — ${n} requêtes, ${Math.round((n / elapsedMs) * 1000)} req/s`,
        );
      }
    }
    say(`charge à la fin ${loadavg().map((l) => l.toFixed(1)).join(' / ')}`);
  } finally {
    for (const { client, server } of contenders) {
      client.close();
      await server.stop();
    }
    await admin.end();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
