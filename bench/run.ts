import { benchCampagnes } from './campagnes.js';
import { benchExportMemory } from './export-memory.js';
import { benchFirstVisit } from './first-visit.js';
import { benchFleetQueries, printFleetTable } from './fleet-queries.js';
import { benchImport } from './import-establishments.js';
import { benchGuichet } from './guichet.js';
import { benchMarchesOrders } from './marches-orders.js';
import { benchListSearch } from './list-search.js';
import { benchPilotage } from './pilotage.js';
import { benchIngestion, ingestTitle, printIngestTable, targets as ingestTargets } from './ingest-inventory.js';
import { ensureDatabase, ensurePostgres } from './lib/postgres.js';
import { printTable, type BenchRow } from './lib/table.js';
import { modules } from '../src/modules/modules.js';
import { registerActions } from '../src/server/platform/authz.js';

// what the server does at startup: the benches that call operations authorize with the modules' actions
registerActions(modules.map((m) => m.actions));

/**
 * npm run bench: every benchmark, one table each, measured value beside its floor or target.
 * PostgreSQL 15 is started as scripts/test.sh does (root); without it, PGlite only.
 * Arguments narrow the run: `npm run bench -- list-search pglite`.
 */

const args = process.argv.slice(2);
// each bench adds its name here and a block below: `npm run bench -- <name>` runs only that one
const benchNames = ['import', 'list-search', 'ingest-inventory', 'fleet-queries', 'guichet', 'ingest-partial-100k', 'export-memory', 'first-visit', 'campagnes', 'pilotage', 'marches-orders'];
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

if (wanted('first-visit')) {
  // the real server with the demo on PGlite, Debian's Chromium; `full` adds npm ci → first page (a fresh clone)
  report('Premier jour : première visite des pages principales, et de npm ci à la première page', await benchFirstVisit({ full: args.includes('full'), log: (line) => console.log(`  ${line}`) }));
}

if (wanted('import')) {
  // the import bench works inside a database the coherence role owns (raw COPY table, scratch databases)
  const databaseUrl = serverUrl ? await ensureDatabase(serverUrl, 'coherence_bench') : undefined;
  report('Import de l’annuaire (66 000 lignes)', await benchImport({ databaseUrl, only: kinds.length === 1 ? kinds[0] : undefined }));
}

if (wanted('list-search')) {
  const rows: BenchRow[] = [];
  for (const kind of kinds) {
    if (kind === 'postgresql' && !serverUrl) continue;
    rows.push(...(await benchListSearch({ kind, serverUrl })));
  }
  report('Liste et recherche des établissements (66 000 établissements, 50 clients, ~10 s par scénario)', rows);
}

if (wanted('marches-orders')) {
  // PostgreSQL only: 100,000 order lines with the demo loaded, consumption at 50 clients, a delivery file of 10,000 serials
  if (!serverUrl) console.log('Commandes des marchés ignorées : pas de serveur PostgreSQL.');
  else report('Commandes des marchés (100 000 lignes, consommation à 50 clients, livraison de 10 000 numéros de série)', await benchMarchesOrders({ serverUrl, log: (line) => console.log(`  ${line}`) }));
}

if (wanted('fleet-queries')) {
  // PostgreSQL only: 100,000 devices and 5 million software lines are a server's job, not PGlite's
  if (!serverUrl) console.log('Requêtes du parc ignorées : pas de serveur PostgreSQL.');
  else {
    const { rows, seeded } = await benchFleetQueries({ serverUrl, log: (line) => console.log(`  ${line}`) });
    printFleetTable(`Parc de ${seeded} : requêtes courantes (50 clients, ~10 s par scénario)`, rows);
    if (rows.some((r) => !r.ok)) failed = true;
  }
}

if (wanted('ingest-inventory') || args.includes('ingest-partial-100k')) {
  // PostgreSQL only: the targets are set on a server. ingest-inventory (~5 min): 1,100 machines per
  // protocol at 1, 4 and 16 agents, new then daily, and 5,000 partial updates from which the
  // 100,000 are extrapolated; ingest-partial-100k (asked by name only, ~6 min) posts all 100,000.
  const all100k = args.includes('ingest-partial-100k');
  const only100k = all100k && !args.includes('ingest-inventory');
  if (!serverUrl) console.log('Ingestion des inventaires ignorée : pas de serveur PostgreSQL.');
  else {
    const result = await benchIngestion({
      databaseUrl: serverUrl,
      log: (line) => console.log(`  ${line}`),
      // the partial updates alone: a small JSON fleet first (the devices they update), then 100,000
      ...(only100k ? { protocols: ['json' as const], machines: { 1: 10, 4: 40, 16: 200 } } : {}),
      ...(all100k ? { partialUpdates: ingestTargets.partialCount } : {}),
    });
    printIngestTable(ingestTitle, result);
    if (result.rows.some((r) => !r.ok)) failed = true;
  }
}

if (wanted('guichet')) {
  // issue 4, « Speed »: PostgreSQL only (a million tickets on the server)
  if (serverUrl) report('Guichet unique : 1 000 000 tickets sur PostgreSQL (~10 s par scénario)', await benchGuichet({ serverUrl }));
  else console.log('\nGuichet unique : non mesuré (PostgreSQL indisponible).');
}

if (wanted('export-memory')) {
  // issue 10: 200,000 rows exported through the real route, the server's memory under 300 MB
  const rows: BenchRow[] = [];
  for (const kind of kinds) {
    if (kind === 'postgresql' && !serverUrl) continue;
    rows.push(...(await benchExportMemory({ kind, serverUrl })));
  }
  report('Export de 200 000 établissements par la route : mémoire du serveur', rows);
}

if (wanted('campagnes')) {
  // issue 12, « Speed »: PostgreSQL only (20,000 family files beside the demo tenants)
  if (serverUrl) report('Campagnes : 20 000 dossiers d’aide aux familles sur PostgreSQL (~10 s par scénario)', await benchCampagnes({ serverUrl }));
  else console.log('\nCampagnes : non mesuré (PostgreSQL indisponible).');
}

if (wanted('pilotage')) {
  // issue 14, « Speed »: PostgreSQL only; `pilotage-scale=0.1` checks it at 6,000 establishments
  const scaleArg = args.find((a) => a.startsWith('pilotage-scale='));
  if (!serverUrl) console.log('\nPilotage : non mesuré (PostgreSQL indisponible).');
  else {
    const { title, rows } = await benchPilotage({ serverUrl, scale: scaleArg ? Number(scaleArg.split('=')[1]) : 1, log: (line) => console.log(`  ${line}`) });
    report(title, rows);
  }
}

// ---- benches of the modules (each engineer adds a `if (wanted('<name>')) { … }` block above this line)

console.log(`\nBancs terminés en ${((performance.now() - started) / 1000).toFixed(0)} s${failed ? ' — au moins une cible manquée (KO)' : ''}.`);
process.exitCode = failed ? 1 : 0;
