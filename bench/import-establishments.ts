import { pathToFileURL } from 'node:url';
import { createTenant, scratchDatabase } from '../src/test/database.js';
import { importEstablishments } from '../src/modules/referentiel/operations/import-establishments.js';
import { parseEstablishmentFile } from '../src/modules/referentiel/import/parse-establishment-file.js';
import { systemCtx } from '../src/server/platform/context.js';
import { migrateDatabase, openDatabase, rows as sqlRows, type Database } from '../src/server/platform/db.js';
import { generateAnnuaireFile } from './generate-annuaire.js';
import pg from 'pg';
import { rawCopyPglite, rawCopyServerCpu } from './raw-copy.js';
import { CpuMeter } from './lib/inventory-cpu.js';
import { sqlFloor } from './sql-floor.js';
import { eq, sql } from 'drizzle-orm';
import { seedDemo } from '../src/demo/seed-demo.js';
import { modules } from '../src/modules/modules.js';
import { organizations } from '../src/modules/referentiel/db/schema.js';
import { establishmentFamilies } from '../src/modules/referentiel/competence/families.js';

export interface Row {
  measure: string;
  value: string;
  target: string;
  ok: boolean | null;
}

const rowCount = 66_000;
const columns = 69;
const runs = 2; // the machine is shared: each measure keeps the best of a few runs
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const cpuMs = () => {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
};

interface Timing {
  wall: number;
  cpu: number;
}
const best = (timings: Timing[]): Timing => timings.reduce((a, b) => (b.wall < a.wall ? b : a));

async function timed(work: () => Promise<unknown>): Promise<Timing> {
  const [wall, cpu] = [performance.now(), cpuMs()];
  await work();
  return { wall: performance.now() - wall, cpu: cpuMs() - cpu };
}

type Step = 'nouvelle collectivité' | 'ré-import inchangé' | '5 % modifiés';
const steps: { step: Step; file: 'first' | 'changed'; limit: number }[] = [
  { step: 'nouvelle collectivité', file: 'first', limit: 4 },
  { step: 'ré-import inchangé', file: 'first', limit: 2 },
  { step: '5 % modifiés', file: 'changed', limit: 4 },
];
interface Measured {
  step: Step;
  /** until the report is recorded (the import returns then) */
  import: Timing;
  /** until the import returns: the search index's pending list merged and the statistics taken after a first import; Node's CPU is the whole call's */
  settled: number;
  copy: number;
  written: number;
  /** server only: CPU of the import (Node + its PostgreSQL backends) and of the COPY's backend */
  cpu?: { node: number; database: number; copy: number };
}

type Copy = (bytes: Uint8Array) => Promise<{ ms: number; cpuMs: number | null }>;

/**
 * One series as an authority lives it: its first import (a new tenant, beside the others the
 * database already holds), the same file again, then a newer file changing 5 % of the rows; each
 * import right after a raw COPY of the same file, so the ratio is taken on the same machine load.
 */
async function series(database: Database, files: Files, copy: Copy, code: string, meter?: CpuMeter): Promise<Measured[]> {
  const tenantId = await createTenant(database.db, { code, kind: 'region', name: `Banc ${code}` });
  const ctx = systemCtx(database);
  const measured: Measured[] = [];
  for (const { step, file } of steps) {
    const bytes = files[file];
    const copied = await copy(bytes);
    let written = 0;
    let appliedMs = 0;
    // with the scope checks the CLI and the page run: every kind of school, the file's académie (Rennes)
    const scope = { competence: { families: [...establishmentFamilies], academyCodes: ['14'], departmentCodes: [], communeCodes: [] }, confirmOutOfScope: false };
    const started = performance.now();
    const onApplied = () => void (appliedMs = performance.now() - started);
    const input = { tenantId, bytes, filename: 'annuaire-national.csv', mode: 'all-or-nothing' as const, scope, onApplied };
    const mark = await meter?.snapshot();
    const time = await timed(async () => {
      const { totals } = await importEstablishments(ctx, input);
      written = totals.created + totals.updated;
    });
    const spent = mark && meter ? await meter.since(mark) : null;
    const cpu = spent && copied.cpuMs !== null ? { node: time.cpu, database: spent.databaseMs + spent.vacuumMs, copy: copied.cpuMs } : undefined;
    measured.push({ step, import: { wall: appliedMs, cpu: time.cpu }, settled: time.wall, copy: copied.ms, written, cpu });
  }
  const [first, again, changed] = measured;
  // the generated file holds a few non-school rows the import skips: 5 % of what the first wrote
  if (again.written !== 0 || Math.abs(changed.written - first.written / 20) > first.written / 200) {
    throw new Error(`écritures inattendues : ${measured.map((m) => m.written).join(', ')}`);
  }
  return measured;
}

interface Files {
  first: Uint8Array;
  changed: Uint8Array;
}

function rowsOf(label: string, all: Measured[][], pgliteLimit: boolean): Row[] {
  const cpu = (t: Timing) => (label === 'PGlite' ? `, CPU ${s(t.cpu)}` : '');
  return steps.map(({ step, limit }, i) => {
    // the machine is shared: each step keeps the run with the lowest ratio to its COPY
    const run = all.map((measured) => measured[i]).reduce((a, b) => (b.import.wall / b.copy < a.import.wall / a.copy ? b : a));
    const ratio = run.import.wall / run.copy;
    const ok = pgliteLimit ? run.import.wall < 10_000 : ratio <= limit;
    // the steadier figure on a shared machine: CPU of the import (Node + PostgreSQL) against the COPY's
    const c = run.cpu;
    const cpuRatio = c ? `; CPU Node ${s(c.node)} + PostgreSQL ${s(c.database)} = ${((c.node + c.database) / Math.max(1, c.copy)).toFixed(1)} × CPU du COPY (${s(c.copy)})` : '';
    return {
      measure: `${label} : import, ${step} (${run.written} écrits)`,
      value: `${s(run.import.wall)}${cpu(run.import)} = ${ratio.toFixed(1)} × COPY (${s(run.copy)}), statistiques et index de recherche à jour après ${s(run.settled)}${cpuRatio}`,
      target: pgliteLimit ? '< 10 s' : `≤ ${limit} × COPY`,
      ok,
    };
  });
}

async function measurePglite(files: Files): Promise<Row[]> {
  const all: Measured[][] = [];
  for (let i = 0; i < runs; i++) {
    const database = await openDatabase({});
    try {
      await migrateDatabase(database);
      all.push(await series(database, files, async (bytes) => ({ ms: await rawCopyPglite(bytes, columns), cpuMs: null }), `banc-${i}`));
    } finally {
      await database.close();
    }
  }
  return rowsOf('PGlite', all, true);
}

/** On the server as users run it: the demo loaded and analyzed, then each series into a new authority. */
async function measureServer(url: string, files: Files): Promise<Row[]> {
  const database = await scratchDatabase(url, 'coherence_bench');
  try {
    const seeding = await timed(() => seedDemo(database, modules, { password: 'Bench-Demo-2026!' }));
    await database.db.execute(sql`ANALYZE`);
    const all: Measured[][] = [];
    const [{ name }] = await sqlRows<{ name: string }>(database.db, sql`SELECT current_database() AS name`);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const meter = new CpuMeter(process.pid, client, name);
      for (let i = 0; i < runs; i++) all.push(await series(database, files, (bytes) => rawCopyServerCpu(url, bytes, columns), `banc-${i}`, meter));
    } finally {
      await client.end();
    }
    const floor = await sqlFloor(database, await tenantOf(database, 'banc-0'));
    return [
      { measure: `PostgreSQL : démo chargée (${s(seeding.wall)}), ${runs} séries dans de nouvelles collectivités`, value: '—', target: '—', ok: null },
      { measure: 'PostgreSQL : SQL seul, mêmes écritures (index GIN + audit)', value: s(floor), target: '—', ok: null },
      ...rowsOf('PostgreSQL', all, false),
    ];
  } finally {
    await database.close();
  }
}

async function tenantOf(database: Database, code: string): Promise<string> {
  const [row] = await database.db.select({ id: organizations.tenantId }).from(organizations).where(eq(organizations.code, code));
  return row.id;
}

export async function benchImport(options: { databaseUrl?: string; only?: 'pglite' | 'postgresql' }): Promise<Row[]> {
  const files = { first: generateAnnuaireFile(rowCount), changed: generateAnnuaireFile(rowCount, { changeEvery: 20 }) };
  const parses = [];
  for (let i = 0; i < runs; i++) parses.push(await timed(async () => parseEstablishmentFile(files.first, {})));
  const parse = best(parses);
  const rows: Row[] = [
    { measure: `fichier annuaire généré : ${rowCount} lignes, ${columns} colonnes, ${(files.first.length / 1e6).toFixed(1)} Mo`, value: '—', target: '—', ok: null },
    { measure: 'lecture et contrôle du fichier (JS seul)', value: s(parse.wall), target: '—', ok: null },
  ];
  if (options.only !== 'postgresql') rows.push(...(await measurePglite(files)));
  if (options.databaseUrl && options.only !== 'pglite') rows.push(...(await measureServer(options.databaseUrl, files)));
  return rows;
}

export function printTable(rows: Row[]): void {
  const cells = rows.map((r) => [r.measure, r.value, r.target, r.ok === null ? '' : r.ok ? 'oui' : 'NON']);
  const head = ['mesure', 'valeur', 'plancher/cible', 'ok'];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i])).join(' | ')} |`;
  console.log([line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n'));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!databaseUrl) console.log('Ni BENCH_DATABASE_URL ni DATABASE_URL : mesures sur PGlite seulement.');
  const only = process.argv.find((a): a is 'pglite' | 'postgresql' => a === 'pglite' || a === 'postgresql');
  const rows = await benchImport({ databaseUrl, only });
  printTable(rows);
  process.exitCode = rows.every((r) => r.ok !== false) ? 0 : 1;
}
