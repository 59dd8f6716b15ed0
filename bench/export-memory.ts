import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { assignRole, createUser } from '../src/modules/access/index.js';
import { createOrganization } from '../src/modules/referentiel/operations/create-organization.js';
import { importEstablishments } from '../src/modules/referentiel/operations/import-establishments.js';
import { systemCtx } from '../src/server/platform/context.js';
import { migrateDatabase, type Database } from '../src/server/platform/db.js';
import { generateAnnuaireFile } from './generate-annuaire.js';
import { ensurePostgres, openBenchDatabase } from './lib/postgres.js';
import { login, startServer } from './lib/server.js';
import { printTable, seconds, type BenchRow } from './lib/table.js';

/**
 * An export of 200,000 schools through the real route (GET /api/establishments/export, CSV then
 * XLSX) on the real server in a child process, run as `npm start` runs it (compiled JavaScript,
 * bench/lib/server.ts) with V8's default heap: no cap. The rows are read through a cursor and
 * written as they come. Measured: the server process's resident memory at rest (after login, before
 * any export) and its JavaScript heap then (live objects after a full collection, read inside the
 * process by bench/lib/memory-probe.mjs), then VmRSS sampled every 20 ms during each download, and
 * VmHWM (its peak since it started). Target: every figure under 300 MB on PostgreSQL.
 *
 * What sets the peak: an export allocates a few GB of short-lived objects (node-postgres's strings
 * and arrays, exceljs's cells, the file's lines); whatever is still referenced at two young
 * collections moves to V8's old space, which is collected only when it outgrows a multiple of what
 * was live after its last full collection. Until December 2026 nearly every row did: node-postgres's
 * array of a batch's raw rows reached the old space and held them all (about 170 MB per export,
 * peaks of 272 MB for CSV and 351 MB for XLSX). streamRows (platform/query-stream.ts) now empties
 * that array once drizzle has mapped it and lets go of each row as it is written, so rows die
 * young. The server still loads at start only what every request needs (no tsx, no PGlite on
 * PostgreSQL, exceljs, date-holidays and mailparser at their first use), and an export reads only
 * the columns its file shows. Also printed: the server's CPU time per export (user + system, from
 * /proc), which a loaded machine changes less than the wall-clock time.
 *
 * BENCH_EXPORT_HEAP_CAP_MB=<n> runs the server with --max-old-space-size=<n>, to compare.
 */

/** The server's heap cap for this bench: none by default (see above). */
export const heapCapMb = Number(process.env.BENCH_EXPORT_HEAP_CAP_MB ?? 0);

export const targetPeakMb = 300;
const password = 'Banc-Coherence-2026!';
const tenantCode = 'banc-export';
const email = 'admin@export.banc.fr';

export interface ExportMemoryOptions {
  kind: 'postgresql' | 'pglite';
  serverUrl?: string;
  rows?: number;
}

const memoryProbe = fileURLToPath(new URL('./lib/memory-probe.mjs', import.meta.url));

/** The server's JavaScript heap as the probe reads it inside the process (SIGUSR2, then its file). */
async function heapOf(pid: number, file: string): Promise<{ heapUsedAfterGc: number; heapTotal: number }> {
  rmSync(file, { force: true });
  process.kill(pid, 'SIGUSR2');
  for (let i = 0; i < 100 && !existsSync(file); i++) await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => setTimeout(r, 50));
  return JSON.parse(readFileSync(file, 'utf8')) as { heapUsedAfterGc: number; heapTotal: number };
}

/**
 * Waits until the server is back at rest after an export: V8 returns the export's garbage when
 * its allocation stops (its memory reducer collects after a few idle seconds), as a server does
 * between two users' downloads. At most 30 s.
 */
async function settle(pid: number): Promise<number> {
  let last = memoryOf(pid).rss;
  for (let waited = 0; waited < 30_000; waited += 2_000) {
    await new Promise((r) => setTimeout(r, 2_000));
    const now = memoryOf(pid).rss;
    if (now > last - 2 && waited >= 10_000) return now;
    last = Math.min(last, now);
  }
  return memoryOf(pid).rss;
}

/** Resident memory of a process, in MB: now (VmRSS) and its peak so far (VmHWM). */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

async function seed(database: Database, count: number): Promise<void> {
  const ctx = systemCtx(database);
  const org = await createOrganization(ctx, { code: tenantCode, kind: 'region', name: 'Région du banc d’export' });
  const bytes = generateAnnuaireFile(count);
  await importEstablishments(ctx, { tenantId: org.tenantId, bytes, filename: 'annuaire-export.csv', mode: 'apply-valid', includeNonSchools: true });
  const admin = await createUser(ctx, { tenantId: org.tenantId, email, displayName: 'Admin export', password });
  await assignRole(ctx, { tenantId: org.tenantId, userId: admin.id, organizationId: org.tenantId, role: 'authority-admin', unitIds: [] });
}

/** CPU time a process has used so far (user + system), in ms: /proc/<pid>/stat counts clock ticks (1/100 s on Linux). */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  // after « pid (comm) », utime and stime are the 12th and 13th fields
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Downloads a file without keeping it: its size, its lines, the server's CPU time, and its largest RSS seen meanwhile. */
async function download(url: string, headers: Record<string, string>, pid: number) {
  let maxRss = 0;
  const cpuBefore = cpuMsOf(pid);
  const sampler = setInterval(() => (maxRss = Math.max(maxRss, memoryOf(pid).rss)), 20);
  const started = performance.now();
  try {
    const response = await fetch(url, { headers });
    if (!response.ok || !response.body) throw new Error(`export refusé (${response.status}) : ${await response.text()}`);
    let bytes = 0;
    let lines = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.byteLength;
      for (const byte of chunk) if (byte === 10) lines++;
    }
    return { bytes, lines, ms: performance.now() - started, cpuMs: cpuMsOf(pid) - cpuBefore, maxRss };
  } finally {
    clearInterval(sampler);
  }
}

export async function benchExportMemory(options: ExportMemoryOptions): Promise<BenchRow[]> {
  const count = options.rows ?? 200_000;
  const label = options.kind === 'postgresql' ? 'PostgreSQL' : 'PGlite';
  const { database, env, remove } = await openBenchDatabase(options.kind, options.serverUrl, 'coherence_bench_export');
  try {
    await migrateDatabase(database);
    await seed(database, count);
    await database.close();
    const probeDir = mkdtempSync(join(tmpdir(), 'coherence-export-memory-'));
    const probeFile = join(probeDir, 'memory.json');
    const cap = heapCapMb > 0 ? [`--max-old-space-size=${heapCapMb}`] : [];
    const server = await startServer({ ...env, COHERENCE_BENCH_MEMORY_FILE: probeFile }, [...cap, '--import', memoryProbe]);
    try {
      const headers = { cookie: await login(server.baseUrl, email, password), 'x-coherence-tenant': tenantCode };
      // PGlite runs the database inside the server's process: its 200,000 schools are part of the
      // RSS before any export, so only PostgreSQL's figures are held to the target (PGlite's are shown)
      const judged = options.kind === 'postgresql';
      const target = { target: judged ? `< ${targetPeakMb} Mo` : 'base dans le processus' };
      const heapNote = heapCapMb > 0 ? `tas JS plafonné à ${heapCapMb} Mo` : 'sans plafond de tas';
      const before = memoryOf(server.pid);
      const out: BenchRow[] = [
        { measure: `${label} : RSS du serveur au repos, connecté, avant l’export (${heapNote})`, value: `${before.rss.toFixed(0)} Mo`, ...target, ok: judged ? before.rss < targetPeakMb : null },
      ];
      let rest = before.rss;
      for (const format of ['csv', 'xlsx'] as const) {
        if (format === 'xlsx') {
          rest = await settle(server.pid);
          out.push({ measure: `${label} : RSS du serveur revenu au repos après l’export CSV`, value: `${rest.toFixed(0)} Mo`, ...target, ok: judged ? rest < targetPeakMb : null });
        }
        const result = await download(`${server.baseUrl}/api/establishments/export?format=${format}`, headers, server.pid);
        const rowsOk = format === 'xlsx' || result.lines === count + 1;
        out.push({
          measure: `${label} : export ${format.toUpperCase()} de ${count} établissements`,
          value: `${(result.bytes / 1e6).toFixed(1)} Mo en ${seconds(result.ms)} (serveur ${seconds(result.cpuMs)} de CPU)${format === 'csv' ? `, ${result.lines - 1} lignes` : ''}`,
          target: format === 'csv' ? `${count} lignes` : '—',
          ok: format === 'csv' ? rowsOk : null,
        });
        out.push({
          measure: `${label} : RSS du serveur pendant l’export ${format.toUpperCase()} (max., ${heapNote})`,
          value: `${result.maxRss.toFixed(0)} Mo (+${(result.maxRss - rest).toFixed(0)})`,
          ...target,
          ok: judged ? result.maxRss < targetPeakMb : null,
        });
      }
      const peak = memoryOf(server.pid).peak;
      // read last: the probe's full collection would otherwise shrink the heap the exports start from
      const heap = await heapOf(server.pid, probeFile);
      out.splice(1, 0, { measure: `${label} : tas JS vivant au repos (GC complet, lu après les exports ; tas réservé)`, value: `${heap.heapUsedAfterGc.toFixed(0)} Mo (${heap.heapTotal.toFixed(0)} Mo)`, target: '—', ok: null });
      out.push({ measure: `${label} : pic de RSS du serveur depuis son démarrage (VmHWM)`, value: `${peak.toFixed(0)} Mo`, ...target, ok: judged ? peak < targetPeakMb : null });
      return out;
    } finally {
      await server.stop();
      rmSync(probeDir, { recursive: true, force: true });
    }
  } finally {
    await database.close().catch(() => undefined);
    remove();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const only = process.argv[2] as 'postgresql' | 'pglite' | undefined;
  const rows = process.argv[3] ? Number(process.argv[3]) : undefined;
  const server = only === 'pglite' ? null : await ensurePostgres();
  const all: BenchRow[] = [];
  if (server?.ok) all.push(...(await benchExportMemory({ kind: 'postgresql', serverUrl: server.url, rows })));
  if (only !== 'postgresql') all.push(...(await benchExportMemory({ kind: 'pglite', rows })));
  printTable('Export de 200 000 lignes : mémoire du serveur', all);
  process.exitCode = all.some((r) => r.ok === false) ? 1 : 0;
}
