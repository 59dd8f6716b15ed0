import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import { percentile } from '../../../../bench/lib/load.js';
import { ensurePostgres, recreateDatabase } from '../../../../bench/lib/postgres.js';
import { login, startServer } from '../../../../bench/lib/server.js';
import { ms, printTable, seconds, type BenchRow } from '../../../../bench/lib/table.js';
import { systemCtx } from '../../../server/platform/context.js';
import { migrateDatabase, openDatabase, rows, type Database } from '../../../server/platform/db.js';
import { assignRole, createUser } from '../../access/index.js';
import { uaiCheckLetter } from '../../referentiel/index.js';
import { createOrganization } from '../../referentiel/operations/create-organization.js';
import { createTerritorialUnit } from '../../referentiel/operations/create-territorial-unit.js';
import { seedGuichetDemo } from '../demo/seed-guichet-demo.js';

/**
 * The service desk at a Région's scale, on the PostgreSQL server: 1,000,000 tickets in one tenant
 * (36 sectors, 360 lycées), the real server in a child process on a loopback port.
 *
 * - ticket creations through POST /api/tickets (session, scope, routing, priority, agreement,
 *   deadlines, number, history): target ≥ 1,000 a second;
 * - a sector team's backlog (GET /api/tickets?teamId=…&status=open&sort=dueToResolve) by its
 *   technician, 50 clients each one request at a time: target p95 < 50 ms.
 *
 * Run: npx tsx src/modules/guichet/bench/guichet-bench.ts [tickets] [seconds] [reuse]
 * (`reuse` measures again on the database of the previous run, without reloading it).
 */

const password = 'Banc-Guichet-2026!';
const tenantCode = 'banc-guichet';
const categoryKeys = ['devices', 'infrastructure', 'security', 'ent', 'digital-resources'];

interface World {
  tenantId: string;
  uais: string[];
  sectorTeams: string[];
  loadMs: number;
  /** Tickets in the tenant when the measures start. */
  count?: number;
}

async function seed(database: Database, ticketCount: number): Promise<World> {
  const ctx = systemCtx(database.db);
  const org = await createOrganization(ctx, { code: tenantCode, kind: 'region', name: 'Région du banc guichet' });
  await createOrganization(ctx, { code: 'banc-guichet-ac', kind: 'academie', name: 'Académie du banc', academyCode: '09', partnerOf: [tenantCode] });
  await createOrganization(ctx, { code: 'banc-guichet-presta', kind: 'contractor', name: 'Prestataire du banc', partnerOf: [tenantCode] });
  const tenantId = org.tenantId;
  const sectors: string[] = [];
  for (let a = 1; a <= 12; a++) {
    const agency = await createTerritorialUnit(ctx, tenantId, { code: `AG${a}`, name: `Agence ${a}`, kind: 'agency' });
    for (let s = 1; s <= 3; s++) sectors.push((await createTerritorialUnit(ctx, tenantId, { code: `AG${a}-S${s}`, name: `Secteur ${a}.${s}`, kind: 'sector', parentId: agency.id })).id);
  }
  const uais = Array.from({ length: 360 }, (_, i) => {
    const seven = String(5900000 + i).padStart(7, '0');
    return seven + uaiCheckLetter(seven);
  });
  const sectorArray = sql.raw(`'{${sectors.join(',')}}'::uuid[]`);
  const uaiArray = sql.raw(`'{${uais.join(',')}}'::text[]`);
  await database.db.execute(sql`
    insert into referentiel.establishments (tenant_id, uai, name, sector, academy_code, unit_id, search_text)
    select ${tenantId}, u, 'Lycée du banc ' || i, 'public', '09', (${sectorArray})[1 + (i - 1) % ${sectors.length}], 'lycee du banc ' || i
      from unnest(${uaiArray}) with ordinality as x(u, i)`);

  const admin = await createUser(ctx, tenantId, { email: 'admin@banc-guichet.coherence.fr', displayName: 'Admin banc', password });
  await assignRole(ctx, tenantId, { userId: admin.id, organizationId: tenantId, role: 'authority-admin', unitIds: [] });
  const technician = await createUser(ctx, tenantId, { email: 'technicien@banc-guichet.coherence.fr', displayName: 'Technicien banc', password });
  await assignRole(ctx, tenantId, { userId: technician.id, organizationId: tenantId, role: 'technician', unitIds: [sectors[0]], level: 1 });
  await seedGuichetDemo(ctx, tenantId);

  // each school's sector team (level 1), in the order of the schools
  const schools = await rows<{ id: string; team: string }>(
    database.db,
    sql`select e.id, t.id as team from referentiel.establishments e
          join guichet.support_teams t on t.tenant_id = e.tenant_id and t.level = 1 and e.unit_id = any(t.unit_ids)
         where e.tenant_id = ${tenantId} order by e.uai`,
  );
  const ids = sql.raw(`'{${schools.map((s) => s.id).join(',')}}'::uuid[]`);
  const teams = sql.raw(`'{${schools.map((s) => s.team).join(',')}}'::uuid[]`);
  const start = performance.now();
  // 1,000,000 tickets over 20 months; 3 % still open, spread over the sector teams
  const batch = 250_000;
  for (let from = 1; from <= ticketCount; from += batch) {
    const to = Math.min(ticketCount, from + batch - 1);
    await database.db.execute(sql`
      insert into guichet.tickets (tenant_id, number, type, title, description, establishment_id, requester_name, channel, category,
        urgency, impact, priority, status, responsible_org_id, assigned_team_id, assigned_org_id, level, agreement_id,
        opened_at, logged_at, updated_at, due_to_own, due_to_resolve, solved_at, closed_at, created_by)
      select ${tenantId}, g, case when g % 4 = 0 then 'request' else 'incident' end, 'Ticket du banc n° ' || g, 'Description du ticket ' || g,
        (${ids})[1 + g % ${schools.length}], 'Demandeur ' || (g % 5000), 'phone', (${sql.raw(`'{${categoryKeys.join(',')}}'::text[]`)})[1 + g % ${categoryKeys.length}],
        3, 3, 3, st, ${tenantId}, (${teams})[1 + g % ${schools.length}], ${tenantId}, 1, 'convention-demo',
        o, o, o, case when st = 'new' then o + interval '4 hours' end, case when st in ('new', 'assigned', 'in-progress') then o + interval '2 days' + (g % 97) * interval '1 hour' end,
        case when st in ('solved', 'closed') then o + interval '1 day' end, case when st = 'closed' then o + interval '3 days' end, 'Banc'
      from generate_series(${from}::bigint, ${to}::bigint) g,
           lateral (select timestamptz '2024-09-01T08:00:00Z' + g * interval '50 seconds' as o,
                           case when g % 100 < 1 then 'new' when g % 100 < 2 then 'assigned' when g % 100 < 3 then 'in-progress'
                                when g % 100 < 8 then 'solved' else 'closed' end as st) x`);
  }
  await database.db.execute(sql`
    insert into guichet.ticket_events (tenant_id, ticket_id, at, kind, status, category, priority, agreement_id, level, team_id, actor_type, actor_label)
    select tenant_id, id, opened_at, 'created', 'new', category, priority, agreement_id, level, assigned_team_id, 'system', 'Banc' from guichet.tickets where tenant_id = ${tenantId}`);
  await database.db.execute(sql`
    insert into guichet.ticket_events (tenant_id, ticket_id, at, kind, status, actor_type, actor_label)
    select tenant_id, id, opened_at + interval '1 hour', 'status', status, 'system', 'Banc' from guichet.tickets where tenant_id = ${tenantId} and status <> 'new'`);
  await database.db.execute(sql`insert into guichet.ticket_counters (tenant_id, next_number) values (${tenantId}, ${ticketCount + 1})`);
  await database.db.execute(sql`analyze`);
  return { tenantId, uais, sectorTeams: [...new Set(schools.map((s) => s.team))], loadMs: performance.now() - start };
}

interface Measure {
  count: number;
  errors: number;
  firstError?: string;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
}

/** A closed loop: `clients` callers, each one request at a time, for `durationMs`. */
async function closedLoop(clients: number, durationMs: number, request: () => Promise<Response>, expected: number): Promise<Measure> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const start = performance.now();
  const end = start + durationMs;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        try {
          const response = await request();
          const body = await response.text();
          if (response.status !== expected) {
            errors++;
            firstError ??= `${response.status} ${body.slice(0, 200)}`;
          }
        } catch (error) {
          errors++;
          firstError ??= String(error);
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = performance.now() - start;
  latencies.sort((a, b) => a - b);
  return { count: latencies.length, errors, firstError, perSecond: (latencies.length / elapsed) * 1000, p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99) };
}

const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)];

/** The world of a previous run, to measure again without reloading a million tickets. */
async function existingWorld(database: Database): Promise<World> {
  const [org] = await rows<{ id: string }>(database.db, sql`select tenant_id as id from referentiel.organizations where code = ${tenantCode}`);
  const uais = (await rows<{ uai: string }>(database.db, sql`select uai from referentiel.establishments where tenant_id = ${org.id} order by uai`)).map((r) => r.uai);
  const teams = await rows<{ id: string }>(
    database.db,
    sql`select t.id from referentiel.establishments e
          join guichet.support_teams t on t.tenant_id = e.tenant_id and t.level = 1 and e.unit_id = any(t.unit_ids)
         where e.tenant_id = ${org.id} order by e.uai`,
  );
  return { tenantId: org.id, uais, sectorTeams: [...new Set(teams.map((t) => t.id))], loadMs: 0 };
}

export async function benchGuichet(options: { serverUrl: string; tickets?: number; durationMs?: number; reuse?: boolean }): Promise<BenchRow[]> {
  const ticketCount = options.tickets ?? 1_000_000;
  const durationMs = options.durationMs ?? 10_000;
  let databaseUrl: string;
  if (options.reuse) {
    const url = new URL(options.serverUrl);
    url.pathname = '/coherence_bench_guichet';
    databaseUrl = url.toString();
  } else {
    databaseUrl = await recreateDatabase(options.serverUrl, 'coherence_bench_guichet');
  }
  const database = await openDatabase({ url: databaseUrl, poolSize: 4 });
  let world: World;
  try {
    await migrateDatabase(database);
    world = options.reuse ? await existingWorld(database) : await seed(database, ticketCount);
    if (options.reuse) await database.db.execute(sql`vacuum analyze guichet.tickets`);
    const [{ n }] = await rows<{ n: number }>(database.db, sql`select count(*)::int as n from guichet.tickets where tenant_id = ${world.tenantId}`);
    world.count = n;
  } finally {
    await database.close();
  }
  const out: BenchRow[] = [
    { measure: 'charge de la machine (loadavg 1 min)', value: loadavg()[0].toFixed(1), target: '—', ok: null },
    {
      measure: options.reuse ? 'tickets en base (base réutilisée)' : 'tickets chargés (SQL en masse)',
      value: `${(world.count ?? 0).toLocaleString('fr-FR')}${options.reuse ? '' : ` en ${seconds(world.loadMs)}`}`,
      target: '≥ 1 000 000',
      ok: (world.count ?? 0) >= 1_000_000,
    },
  ];
  const server = await startServer({ DATABASE_URL: databaseUrl });
  try {
    const headers = async (email: string) => ({ cookie: await login(server.baseUrl, email, password), 'x-coherence-tenant': tenantCode, 'content-type': 'application/json' });
    const admin = await headers('admin@banc-guichet.coherence.fr');
    const technician = await headers('technicien@banc-guichet.coherence.fr');
    let n = 0;
    const create = () =>
      fetch(`${server.baseUrl}/api/tickets`, {
        method: 'POST',
        headers: admin,
        body: JSON.stringify({
          uai: pick(world.uais),
          title: `Appel ${++n}`,
          description: 'Le poste du professeur ne démarre plus.',
          type: 'incident',
          channel: 'phone',
          category: pick(categoryKeys),
          urgency: 1 + Math.floor(Math.random() * 5),
          impact: 1 + Math.floor(Math.random() * 5),
          requester: { name: 'Appelant du banc', contact: '03 20 00 00 00' },
        }),
      });
    const backlog = () => {
      const page = 1 + Math.floor(Math.random() * 4);
      return fetch(`${server.baseUrl}/api/tickets?teamId=${world.sectorTeams[0]}&status=open&sort=dueToResolve&order=asc&pageSize=25&page=${page}`, { headers: technician });
    };
    await closedLoop(8, 1500, create, 201); // warm-up
    await closedLoop(8, 1500, backlog, 200);
    for (const clients of [16, 48]) {
      const created = await closedLoop(clients, durationMs, create, 201);
      out.push(
        { measure: `créations POST /api/tickets (${clients} clients) : débit`, value: `${Math.round(created.perSecond)} /s`, target: '≥ 1 000 /s', ok: created.perSecond >= 1000 && created.errors === 0 },
        { measure: `créations (${clients} clients) : p50 / p95`, value: `${ms(created.p50)} / ${ms(created.p95)}`, target: '—', ok: null },
      );
      if (created.errors) out.push({ measure: 'créations : erreurs', value: `${created.errors} (${created.firstError})`, target: '0', ok: false });
    }
    const listed = await closedLoop(50, durationMs, backlog, 200);
    out.push(
      { measure: 'file d’une équipe (technicien, 50 clients) : p50', value: ms(listed.p50), target: '—', ok: null },
      { measure: 'file d’une équipe (technicien, 50 clients) : p95', value: ms(listed.p95), target: '< 50 ms', ok: listed.p95 < 50 && listed.errors === 0 },
      { measure: 'file d’une équipe : débit', value: `${Math.round(listed.perSecond)} req/s`, target: '—', ok: null },
    );
    if (listed.errors) out.push({ measure: 'file : erreurs', value: `${listed.errors} (${listed.firstError})`, target: '0', ok: false });
    const single = await closedLoop(1, 3000, backlog, 200);
    out.push({ measure: 'file d’une équipe, 1 client : p50 / p95', value: `${ms(single.p50)} / ${ms(single.p95)}`, target: '—', ok: null });
  } finally {
    await server.stop();
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const server = await ensurePostgres();
  if (!server.ok) {
    console.log(`PostgreSQL indisponible : ${server.reason}`);
    process.exit(1);
  }
  const tickets = Number(process.argv[2] ?? 1_000_000);
  const durationMs = Number(process.argv[3] ?? 10) * 1000;
  const rowsOut = await benchGuichet({ serverUrl: server.url, tickets, durationMs, reuse: process.argv[4] === 'reuse' });
  printTable(`Guichet : ${tickets.toLocaleString('fr-FR')} tickets sur PostgreSQL`, rowsOut);
  process.exitCode = rowsOut.some((r) => r.ok === false) ? 1 : 0;
}
