import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { assignRole, createUser } from '../src/modules/access/index.js';
import { establishments } from '../src/modules/referentiel/db/schema.js';
import { createOrganization } from '../src/modules/referentiel/operations/create-organization.js';
import { createTerritorialUnit } from '../src/modules/referentiel/operations/create-territorial-unit.js';
import { encodeCursor, sortableColumns } from '../src/modules/referentiel/operations/find-establishments.js';
import { establishmentPages } from '../src/modules/referentiel/operations/find-establishments-cached.js';
import { importEstablishments } from '../src/modules/referentiel/operations/import-establishments.js';
import { rebuildSearchIndex } from '../src/modules/referentiel/db/search-index.js';
import { systemCtx } from '../src/server/platform/context.js';
import { migrateDatabase, rows, type Database } from '../src/server/platform/db.js';
import { generateAnnuaireFile } from './generate-annuaire.js';
import { CpuMeter, processCpuMs, serverPid, type CpuSpent } from './lib/inventory-cpu.js';
import { runLoad, type LoadResult } from './lib/load.js';
import { ensurePostgres, openBenchDatabase } from './lib/postgres.js';
import { login, startServer } from './lib/server.js';
import { ms, printTable, seconds, type BenchRow } from './lib/table.js';

/**
 * List and search at a large tenant's scale: 66,000 establishments in one tenant, the real server
 * in a child process on a loopback port, 50 clients each doing one request at a time for ~10 s.
 * Target: p95 < 50 ms.
 */

export const targetP95Ms = 50;
export const password = 'Banc-Coherence-2026!';
export const tenantCode = 'banc-region';

export interface ListSearchOptions {
  /** PostgreSQL server URL of an existing database (the admin connection); absent = PGlite only. */
  kind: 'postgresql' | 'pglite';
  serverUrl?: string;
  establishments?: number;
  clients?: number;
  durationMs?: number;
}

export interface Vocabulary {
  fragments: string[];
  /** Per sort, cursors at rows drawn across the tenant: where a deep page starts. */
  cursors: Record<string, string[]>;
  natureCodes: string[];
  unitIds: string[];
  total: number;
}

export interface Seeded {
  vocabulary: Vocabulary;
  loadMs: number;
  created: number;
  /** The trigram index's size before and after the night's rebuild, and the rebuild's time. */
  searchIndex: { before: number; after: number; ms: number };
}

/** One tenant, its establishments from a generated annuaire file, 36 sectors, an admin and a technician. */
export async function seed(database: Database, count: number): Promise<Seeded> {
  const ctx = systemCtx(database);
  const org = await createOrganization(ctx, { code: tenantCode, kind: 'region', name: 'Région du banc' });
  const tenantId = org.tenantId;
  const bytes = generateAnnuaireFile(count);
  const start = performance.now();
  const report = await importEstablishments(ctx, { tenantId, bytes, filename: 'annuaire-banc.csv', mode: 'apply-valid', includeNonSchools: true });
  const loadMs = performance.now() - start;

  const sectors: string[] = [];
  for (let a = 1; a <= 12; a++) {
    const agency = await createTerritorialUnit(ctx, { tenantId, code: `AG${a}`, name: `Agence ${a}`, kind: 'agency' });
    for (let s = 1; s <= 3; s++) {
      sectors.push((await createTerritorialUnit(ctx, { tenantId, code: `AG${a}-S${s}`, name: `Secteur ${a}.${s}`, kind: 'sector', parentId: agency.id })).id);
    }
  }
  const sectorArray = sql.raw(`'{${sectors.join(',')}}'::uuid[]`);
  await database.db.execute(
    sql`update referentiel.establishments set unit_id = (${sectorArray})[1 + abs(hashtext(uai)) % ${sectors.length}] where tenant_id = ${tenantId}`,
  );
  // the steady state autovacuum reaches after such a bulk update (statistics, the trigram index's pending list merged)
  await database.db.execute(sql`vacuum analyze referentiel.establishments`);
  // the update above fragmented the trigram index (26 MB instead of 11): measured as users find it
  // after the night's maintenance, the job `referentiel-search-index` (its size printed beside)
  const fragmented = await searchIndexBytes(database);
  const rebuild = await rebuildSearchIndex(database);
  const searchIndex = { before: fragmented, after: await searchIndexBytes(database), ms: rebuild.ms };

  const admin = await createUser(ctx, { tenantId, email: 'admin@banc.coherence.fr', displayName: 'Admin banc', password });
  await assignRole(ctx, { tenantId, userId: admin.id, organizationId: tenantId, role: 'authority-admin', unitIds: [] });
  const technician = await createUser(ctx, { tenantId, email: 'technicien@banc.coherence.fr', displayName: 'Technicien banc', password });
  await assignRole(ctx, { tenantId, userId: technician.id, organizationId: tenantId, role: 'technician', unitIds: [sectors[0]], level: 1 });
  return { loadMs, created: report.totals.created, vocabulary: await vocabularyOf(database, tenantId), searchIndex };
}

async function searchIndexBytes(database: Database) {
  const [row] = await rows<{ bytes: number }>(database.db, sql`select pg_relation_size('referentiel.establishments_search_idx')::int as bytes`);
  return row.bytes;
}

/** What the clients ask: fragments of names and communes, cursors across the tenant, its nature codes and sectors. */
export async function vocabularyOf(database: Database, tenantId: string): Promise<Vocabulary> {
  const sample = await rows<{ name: string; commune: string | null; nature: string | null; uai: string } & Record<string, string | null>>(
    database.db,
    sql`select name, commune_name as commune, nature_code as nature, uai,
          name as "k_name", uai as "k_uai", commune_name as "k_communeName", nature_code as "k_natureCode",
          pupils::text as "k_pupils", academy_code as "k_academyCode", updated_at::text as "k_updatedAt"
        from referentiel.establishments where tenant_id = ${tenantId} order by md5(uai) limit 400`,
  );
  const cursors = Object.fromEntries(sortableColumns.map((sort) => [sort, sample.map((row) => encodeCursor(sort, { key: row[`k_${sort}`], uai: row.uai }))]));
  const fragments = new Set<string>();
  for (const row of sample) {
    const words = `${row.name} ${row.commune ?? ''}`.split(/[\s'()-]+/).filter((w) => w.length >= 4);
    for (const word of words) {
      const length = Math.min(word.length, 4 + Math.floor(Math.random() * 5));
      const from = Math.floor(Math.random() * (word.length - length + 1));
      fragments.add(word.slice(from, from + length));
    }
    if (row.commune) fragments.add(row.commune);
  }
  const units = await rows<{ id: string }>(database.db, sql`select id from referentiel.territorial_units where tenant_id = ${tenantId} and kind = 'sector' order by code`);
  const [{ total }] = await database.db.select({ total: sql<number>`count(*)::int` }).from(establishments).where(eq(establishments.tenantId, tenantId));
  return {
    fragments: [...fragments],
    cursors,
    natureCodes: [...new Set(sample.map((r) => r.nature).filter((n): n is string => n !== null))],
    unitIds: units.map((u) => u.id),
    total,
  };
}

const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)];

/** Pages the web list asks by number; beyond, it asks the page beside one it has by cursor. */
export const pagesByNumber = 5;

export const listFilters = ['sector', 'natureCode', 'isOpen', 'priorityEducation', 'unitId', 'departmentCode'] as const;
export type ListFilter = (typeof listFilters)[number];

/**
 * A list request; `maxPage` bounds the page drawn (people browse the first pages far more than deep
 * ones). `filter`: that filter always (or 'none' never), for a breakdown; by default half the
 * requests carry one drawn at random.
 */
export function listPath(v: Vocabulary, maxPage = Infinity, only?: ListFilter | 'none'): string {
  const sort = pick(sortableColumns);
  const query = new URLSearchParams({ pageSize: '25', sort, order: pick(['asc', 'desc']) });
  let pages = Math.ceil(v.total / 25);
  if (only === undefined ? Math.random() < 0.5 : only !== 'none') {
    const filter = only !== undefined && only !== 'none' ? only : pick(listFilters);
    if (filter === 'sector') query.set('sector', pick(['public', 'private']));
    if (filter === 'natureCode') query.set('natureCode', pick(v.natureCodes));
    if (filter === 'isOpen') query.set('isOpen', 'true');
    if (filter === 'priorityEducation') query.set('priorityEducation', pick(['REP', 'REP+', 'none']));
    if (filter === 'unitId') query.set('unitId', pick(v.unitIds));
    if (filter === 'departmentCode') query.set('departmentCode', '35');
    pages = Math.min(pages, filter === 'unitId' ? Math.ceil(v.total / v.unitIds.length / 25) : 40);
  }
  const page = 1 + Math.floor(Math.random() * Math.min(pages, maxPage));
  // a deep page, as the list reaches it: next or previous beside a page anywhere in the tenant
  if (page > pagesByNumber) query.set(pick(['after', 'after', 'before']), pick(v.cursors[sort]));
  else query.set('page', String(page));
  return `/api/establishments?${query}`;
}

export function searchPath(v: Vocabulary): string {
  return `/api/establishments?${new URLSearchParams({ search: pick(v.fragments) })}`;
}

/** CPU each request cost the server and PostgreSQL: what the figure would be on free cores, whatever the neighbours do. */
function cpuRow(label: string, result: LoadResult, spent: CpuSpent | null): BenchRow {
  const cores = availableParallelism();
  const n = Math.max(1, result.requests);
  if (!spent) return { measure: `${label} : CPU/req serveur + PG`, value: '—', target: '—', ok: null };
  const server = spent.serverMs / n;
  const database = (spent.databaseMs + spent.vacuumMs) / n;
  return {
    measure: `${label} : CPU/req serveur + PG → débit sur ${cores} cœurs libres`,
    value: `${ms(server)} + ${ms(database)} → ${Math.round((cores * 1000) / Math.max(0.01, server + database))} req/s`,
    target: '—',
    ok: null,
  };
}

function scenarioRows(label: string, result: LoadResult, clients: number, spent: CpuSpent | null = null): BenchRow[] {
  const rowsOut: BenchRow[] = [
    { measure: `${label} : p50`, value: ms(result.p50), target: '—', ok: null },
    { measure: `${label} : p95`, value: ms(result.p95), target: `< ${targetP95Ms} ms`, ok: result.p95 < targetP95Ms && result.errors === 0 },
    { measure: `${label} : p99`, value: ms(result.p99), target: '—', ok: null },
    {
      measure: `${label} : débit (${clients} clients)`,
      value: `${Math.round(result.perSecond)} req/s`,
      target: `≥ ${Math.round((clients * 1000) / targetP95Ms)} req/s (Little)`,
      ok: null,
    },
  ];
  rowsOut.push(cpuRow(label, result, spent), { measure: `${label} : charge (loadavg 1 / 5 min)`, value: loadavg().slice(0, 2).map((l) => l.toFixed(1)).join(' / '), target: '—', ok: null });
  if (result.errors) rowsOut.push({ measure: `${label} : erreurs`, value: `${result.errors} (${result.firstError})`, target: '0', ok: false });
  return rowsOut;
}

export async function benchListSearch(options: ListSearchOptions): Promise<BenchRow[]> {
  const count = options.establishments ?? 66_000;
  const clients = options.clients ?? 50;
  const durationMs = options.durationMs ?? 10_000;
  const label = options.kind === 'postgresql' ? 'PostgreSQL' : 'PGlite';
  // its own database: the import bench works in coherence_bench, and recreating it under a running import failed both
  // COHERENCE_BENCH_LISTS_DB: another name, so two people measuring at once do not drop each other's
  const name = process.env.COHERENCE_BENCH_LISTS_DB ?? 'coherence_bench_lists';
  const { database, databaseUrl, env, remove } = await openBenchDatabase(options.kind, options.serverUrl, name);
  try {
    await migrateDatabase(database);
    const seeded = await seed(database, count);
    await database.close();
    const out: BenchRow[] = [
      // the machine may be shared: a load above its cores means slower figures than on a quiet one
      { measure: `${label} : charge de la machine (loadavg 1 min, 2 cœurs = 2)`, value: loadavg()[0].toFixed(1), target: '—', ok: null },
      { measure: `${label} : collectivité chargée (importEstablishments)`, value: `${seeded.vocabulary.total} établ.`, target: `${count}`, ok: seeded.vocabulary.total === count },
      { measure: `${label} : durée du chargement`, value: seconds(seeded.loadMs), target: '—', ok: null },
      {
        measure: `${label} : index de recherche après la mise à jour des secteurs, puis reconstruit (tâche de nuit referentiel-search-index)`,
        value: `${(seeded.searchIndex.before / 1e6).toFixed(1)} Mo → ${(seeded.searchIndex.after / 1e6).toFixed(1)} Mo en ${seconds(seeded.searchIndex.ms)}`,
        target: '—',
        ok: null,
      },
    ];
    const server = await startServer(env);
    const client = databaseUrl ? new pg.Client({ connectionString: databaseUrl }) : null;
    await client?.connect();
    // PGlite runs inside the server: its CPU is the server's
    const pid = serverPid();
    // the server's page cache (establishment-pages) emptied from here, as another process's write does:
    // PGlite lives inside the server, so there the figures are the cached ones only
    const notifier = databaseUrl ? new pg.Pool({ connectionString: databaseUrl, max: 16 }) : null;
    const emptyPages = async () => {
      await notifier?.query(`select pg_notify('coherence_cache', $1)`, [JSON.stringify({ from: 'banc', name: establishmentPages.name })]);
    };
    const meter = client && databaseUrl ? new CpuMeter(pid, client, new URL(databaseUrl).pathname.slice(1)) : null;
    const snapshot = async () => (meter?.available ? await meter.snapshot() : { server: pid === null ? 0 : (processCpuMs(pid) ?? 0), backends: new Map<number, number>() });
    const spentSince = async (mark: Awaited<ReturnType<typeof snapshot>>): Promise<CpuSpent | null> => {
      if (pid === null) return null;
      if (meter) return meter.since(mark);
      return { serverMs: (processCpuMs(pid) ?? 0) - mark.server, databaseMs: 0, vacuumMs: 0 };
    };
    try {
      const headers = async (email: string) => ({ cookie: await login(server.baseUrl, email, password), 'x-coherence-tenant': tenantCode });
      const admin = await headers('admin@banc.coherence.fr');
      const technician = await headers('technicien@banc.coherence.fr');
      const v = seeded.vocabulary;
      const load = (h: Record<string, string>, next: () => string, n: number, duration: number, before?: () => Promise<void>) =>
        runLoad({ baseUrl: server.baseUrl, headers: h, clients: n, durationMs: duration, maxRequests: 200_000, nextPath: next, before });
      const measured = async (scenario: string, h: Record<string, string>, next: () => string) => {
        let mark = await snapshot();
        const result = await load(h, next, clients, durationMs);
        const out = scenarioRows(`${label} ${scenario}`, result, clients, await spentSince(mark));
        if (!notifier) return out;
        // the same requests with the page cache emptied ahead of each (what a page costs the first time, or after a write)
        mark = await snapshot();
        const bare = await load(h, next, clients, durationMs, emptyPages);
        return [...out, ...scenarioRows(`${label} ${scenario}, sans cache des pages (avec le NOTIFY du banc)`, bare, clients, await spentSince(mark))];
      };
      await load(admin, () => listPath(v), 10, 1500); // warm-up: JIT, plans, pool
      const single = await load(admin, () => listPath(v), 1, 3000);
      out.push({ measure: `${label} liste, 1 client : p50 / p95`, value: `${ms(single.p50)} / ${ms(single.p95)}`, target: '—', ok: null });
      out.push(...(await measured('liste, 5 premières pages (admin)', admin, () => listPath(v, pagesByNumber))));
      out.push(...(await measured('liste, pages au hasard, profondes par curseur (admin)', admin, () => listPath(v))));
      out.push(...(await measured('liste, page 40 par nom (numéro de page)', admin, () => `/api/establishments?sort=name&page=40`)));
      out.push(...(await measured('recherche (admin)', admin, () => searchPath(v))));
      out.push(...(await measured('recherche « lycée saint » (admin)', admin, () => `/api/establishments?search=${encodeURIComponent('lycée saint')}`)));
      out.push(...(await measured('liste (technicien, 1 secteur)', technician, () => listPath(v))));
    } finally {
      await server.stop();
      await client?.end();
      await notifier?.end();
    }
    return out;
  } finally {
    await database.close().catch(() => undefined);
    remove();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const only = process.argv[2] as 'postgresql' | 'pglite' | undefined;
  const all: BenchRow[] = [];
  if (only !== 'pglite') {
    const pgServer = await ensurePostgres();
    if (pgServer.ok) all.push(...(await benchListSearch({ kind: 'postgresql', serverUrl: pgServer.url })));
    else console.log(`PostgreSQL ignoré : ${pgServer.reason}`);
  }
  if (only !== 'postgresql') all.push(...(await benchListSearch({ kind: 'pglite' })));
  printTable('Liste et recherche des établissements (66 000 établissements, 50 clients)', all);
  process.exitCode = all.every((r) => r.ok !== false) ? 0 : 1;
}
