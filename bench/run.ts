import { benchImport } from './import-establishments.js';
import { benchListSearch } from './list-search.js';
import { ensureDatabase, ensurePostgres } from './lib/postgres.js';
import { printTable, type BenchRow } from './lib/table.js';

/**
 * npm run bench: every benchmark, one table each, measured value beside its floor or target.
 * PostgreSQL 15 is started as scripts/test.sh does (root); without it, PGlite only.
 * Arguments narrow the run: `npm run bench -- list-search pglite`.
 */

const args = process.argv.slice(2);
// each bench adds its name here and a block below: `npm run bench -- <name>` runs only that one
const benchNames = ['import', 'list-search', 'ingest-inventory', 'fleet-queries', 'guichet'];
const wanted = (name: string) => !args.some((a) => benchNames.includes(a)) || args.includes(name);
const kinds = (['postgresql', 'pglite'] as const).filter((k) => !args.some((a) => a === 'postgresql' || a === 'pglite') || args.includes(k));

const started = performance.now();
let failed = false;
const report = (title: string, rows: BenchRow[]) => {
  printTable(title, rows);
  if (rows.some((r) => r.ok === false)) failed = true;
};

const server = kinds.includes('postgresql') ? await ensurePostgres() : null;
if (server && !server.ok) console.log(`PostgreSQL ignoré : ${server.reason}. Mesures sur PGlite seulement.`);
const serverUrl = server?.ok ? server.url : undefined;

if (wanted('import')) {
  // the import bench works inside a database the coherence role owns (raw COPY table, scratch databases)
  const databaseUrl = serverUrl ? await ensureDatabase(serverUrl, 'coherence_bench') : undefined;
  report('Import de l’annuaire (66 000 lignes)', await benchImport({ databaseUrl }));
}

if (wanted('list-search')) {
  const rows: BenchRow[] = [];
  for (const kind of kinds) {
    if (kind === 'postgresql' && !serverUrl) continue;
    rows.push(...(await benchListSearch({ kind, serverUrl })));
  }
  report('Liste et recherche des établissements (66 000 établissements, 50 clients, ~10 s par scénario)', rows);
}

// ---- benches of the modules (each engineer adds a `if (wanted('<name>')) { … }` block above this line)

console.log(`\nBancs terminés en ${((performance.now() - started) / 1000).toFixed(0)} s${failed ? ' — au moins une cible manquée (KO)' : ''}.`);
process.exitCode = failed ? 1 : 0;
