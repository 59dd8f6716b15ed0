import { pathToFileURL } from 'node:url';
import { createTenant, scratchDatabase } from '../src/test/database.js';
import { importEstablishments } from '../src/modules/referentiel/operations/import-establishments.js';
import { parseEstablishmentFile } from '../src/modules/referentiel/import/parse-establishment-file.js';
import { systemCtx } from '../src/server/platform/context.js';
import { migrateDatabase, openDatabase, type Database } from '../src/server/platform/db.js';
import { generateAnnuaireFile } from './generate-annuaire.js';
import { rawCopyPglite, rawCopyServer } from './raw-copy.js';
import { sqlFloor } from './sql-floor.js';

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

/** Import then re-import into a fresh tenant of a fresh database; returns both timings and the floor. */
async function importTwice(open: () => Promise<Database>, bytes: Uint8Array, withFloor: boolean) {
  const database = await open();
  try {
    const tenantId = await createTenant(database.db, { code: 'bench', kind: 'region', name: 'Banc' });
    const ctx = systemCtx(database.db);
    const input = { tenantId, bytes, filename: 'annuaire-national.csv', mode: 'all-or-nothing' as const };
    let created = 0;
    const first = await timed(async () => (created = (await importEstablishments(ctx, database, input)).totals.created));
    let unchanged = 0;
    const again = await timed(async () => (unchanged = (await importEstablishments(ctx, database, input)).totals.unchanged));
    if (unchanged !== created) throw new Error(`re-import: ${unchanged} unchanged, ${created} expected`);
    const floor = withFloor ? await sqlFloor(database, tenantId) : 0;
    return { first, again, created, floor };
  } finally {
    await database.close();
  }
}

async function measure(label: string, open: () => Promise<Database>, bytes: Uint8Array, copyMs: number, limitMs: number, target: string): Promise<Row[]> {
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await importTwice(open, bytes, true));
  const first = best(results.map((r) => r.first));
  const again = best(results.map((r) => r.again));
  const floor = Math.min(...results.map((r) => r.floor));
  const cpu = (t: Timing) => (label === 'PGlite' ? ` (CPU ${s(t.cpu)})` : '');
  return [
    { measure: `${label} : COPY brut du fichier (plancher)`, value: s(copyMs), target: '—', ok: null },
    { measure: `${label} : SQL seul, mêmes écritures (index GIN + audit)`, value: `${s(floor)} = ${(floor / copyMs).toFixed(1)} × COPY`, target: '—', ok: null },
    { measure: `${label} : import (${results[0].created} créés)`, value: `${s(first.wall)}${cpu(first)} = ${(first.wall / copyMs).toFixed(1)} × COPY`, target, ok: first.wall <= limitMs },
    { measure: `${label} : ré-import (tout inchangé)`, value: `${s(again.wall)}${cpu(again)}`, target, ok: again.wall <= limitMs },
  ];
}

async function bestCopy(copy: () => Promise<number>): Promise<number> {
  const times = [];
  for (let i = 0; i < runs + 1; i++) times.push(await copy());
  return Math.min(...times);
}

export async function benchImport(options: { databaseUrl?: string }): Promise<Row[]> {
  const bytes = generateAnnuaireFile(rowCount);
  const parses = [];
  for (let i = 0; i < runs; i++) parses.push(await timed(async () => parseEstablishmentFile(bytes, {})));
  const parse = best(parses);
  const rows: Row[] = [
    { measure: `fichier annuaire généré : ${rowCount} lignes, ${columns} colonnes, ${(bytes.length / 1e6).toFixed(1)} Mo`, value: '—', target: '—', ok: null },
    { measure: 'lecture et contrôle du fichier (JS seul)', value: s(parse.wall), target: '—', ok: null },
  ];
  const pglite = async () => {
    const database = await openDatabase({});
    await migrateDatabase(database);
    return database;
  };
  rows.push(...(await measure('PGlite', pglite, bytes, await bestCopy(() => rawCopyPglite(bytes, columns)), 10_000, '< 10 s')));
  if (options.databaseUrl) {
    const url = options.databaseUrl;
    const copyMs = await bestCopy(() => rawCopyServer(url, bytes, columns));
    const server = () => scratchDatabase(url, 'coherence_bench');
    rows.push(...(await measure('PostgreSQL', server, bytes, copyMs, 4 * copyMs, `≤ 4 × COPY = ${s(4 * copyMs)}`)));
  }
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
  const rows = await benchImport({ databaseUrl });
  printTable(rows);
  process.exitCode = rows.every((r) => r.ok !== false) ? 0 : 1;
}
