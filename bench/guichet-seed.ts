import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { assignRole, createUser } from '../src/modules/access/index.js';
import { seedGuichetDemo } from '../src/modules/guichet/demo/seed-guichet-demo.js';
import { computePriority, defaultPriorityMatrix, type Level } from '../src/modules/guichet/sla/index.js';
import { uaiCheckLetter } from '../src/modules/referentiel/index.js';
import { createOrganization } from '../src/modules/referentiel/operations/create-organization.js';
import { createTerritorialUnit } from '../src/modules/referentiel/operations/create-territorial-unit.js';
import { systemCtx } from '../src/server/platform/context.js';
import { migrateDatabase, openDatabase, rows, type Database } from '../src/server/platform/db.js';
import { recreateDatabase } from './lib/postgres.js';
import { seconds } from './lib/table.js';

const dialect = new PgDialect();

/**
 * The service desk of a Région after three school years, in a scratch database of the PostgreSQL
 * server: 36 sectors of 10 lycées, the demo desk (level 0 and sector teams, hotline, experts, the
 * Académie, a contractor), and 1,000,000 tickets written with SQL (generate_series) into the real
 * tables, with their history. The database is kept: a marker table says what was seeded, and the
 * next run reuses it (migrations added since are applied) instead of seeding again.
 *
 * Distributions (deterministic hashes of the ticket number):
 * - opened from September 2023 until today, evenly; channels web 55 %, phone 30 %, e-mail 10 %,
 *   on site 4 %, API 1 %; incidents 75 %, requests 25 %;
 * - categories: devices 52 %, infrastructure 15 %, ENT 10 %, security 8 %, digital resources 7 %,
 *   pedagogical software 5 % (the Académie's desk), none 3 % (the hotline's triage);
 * - levels: on site 30 %, sector technicians 50 %, regional experts 12 %, contractor 8 %
 *   (hardware only), each to the team of the school's sector;
 * - urgency and impact mostly 3, priority from the default matrix, 0.1 % major;
 * - statuses: tickets older than 45 days are closed (0.5 % left open and forgotten); recent ones
 *   new 8 %, assigned 20 %, planned 5 %, in progress 10 %, waiting on the requester 5 %, on a
 *   third party 4 %, solved 20 %, closed 28 %: about 25,000 open tickets, a few hundred per team;
 * - history: the creation event, and the event of the current status for tickets past 'new';
 * - the dashboard's columns: owned within 5 to 245 minutes, 8 % owned late, resolved in 30 to
 *   2,430 business minutes, 10 % late, a third of closed tickets rated;
 * - one technician per sector, who holds a sixth of the sector team's tickets.
 */

export const benchDatabaseName = 'coherence_bench_guichet';
export const password = 'Banc-Guichet-2026!';
export const tenantCode = 'banc-guichet';
/** Bumped when the seeded world changes: an older database is seeded again. */
const seedVersion = 5;

export interface GuichetWorld {
  databaseUrl: string;
  tenantId: string;
  uais: string[];
  /** One technician per sector (level 1), with the team of that sector. */
  technicians: { email: string; teamId: string }[];
  /** Tickets of the seed; those numbered above were created by earlier runs. */
  seededTickets: number;
  /** How long the seeding took, and whether this run did it or reused the database. */
  seedMs: number;
  seededAt: Date;
  reused: boolean;
}

const adminEmail = 'admin@banc-guichet.coherence.fr';
const technicianEmail = (sector: number) => `technicien-${sector}@banc-guichet.coherence.fr`;
export const accounts = { admin: adminEmail };

async function adminClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

interface Marker {
  version: number;
  tickets: number;
}

async function readMarker(serverUrl: string): Promise<Marker | null> {
  const exists = await adminClient(serverUrl, (c) => c.query('select 1 from pg_database where datname = $1', [benchDatabaseName]));
  if (exists.rowCount === 0) return null;
  const url = new URL(serverUrl);
  url.pathname = `/${benchDatabaseName}`;
  return adminClient(url.toString(), async (c) => {
    const table = await c.query(`select to_regclass('public.bench_guichet_seed') as t`);
    if (!table.rows[0].t) return null;
    const found = await c.query<Marker>('select version, tickets from public.bench_guichet_seed');
    return found.rows[0] ?? null;
  });
}

/** The seeded database: reused when its marker matches, else created and seeded. */
export async function guichetWorld(serverUrl: string, ticketCount: number, log: (line: string) => void = () => undefined): Promise<GuichetWorld> {
  const marker = await readMarker(serverUrl);
  const reuse = marker !== null && marker.version === seedVersion && marker.tickets === ticketCount;
  const url = new URL(serverUrl);
  url.pathname = `/${benchDatabaseName}`;
  const databaseUrl = reuse ? url.toString() : await recreateDatabase(serverUrl, benchDatabaseName);
  const database = await openDatabase({ url: databaseUrl, poolSize: 4 });
  try {
    await migrateDatabase(database);
    if (reuse) {
      log(`base ${benchDatabaseName} réutilisée (${ticketCount.toLocaleString('fr-FR')} tickets)`);
      return { ...(await existingWorld(database, databaseUrl)), reused: true };
    }
    log(`chargement de ${ticketCount.toLocaleString('fr-FR')} tickets dans ${benchDatabaseName}…`);
    const start = performance.now();
    const world = await seed(database, databaseUrl, ticketCount, log, start);
    return { ...world, reused: false };
  } finally {
    await database.close();
  }
}

/**
 * Back to the seeded state: the tickets created by earlier runs are deleted (their events go with
 * them), so every run measures the same backlog; the counter goes on from where it was.
 */
export async function resetToSeed(world: GuichetWorld): Promise<number> {
  return adminClient(world.databaseUrl, async (c) => {
    const deleted = await c.query('delete from guichet.tickets where tenant_id = $1 and number > $2', [world.tenantId, world.seededTickets]);
    if ((deleted.rowCount ?? 0) > 0) await c.query('vacuum analyze guichet.tickets, guichet.ticket_events');
    return deleted.rowCount ?? 0;
  });
}

async function existingWorld(database: Database, databaseUrl: string): Promise<Omit<GuichetWorld, 'reused'>> {
  const [marker] = await rows<{ tenantId: string; technicians: GuichetWorld['technicians']; tickets: number; seedMs: number; seededAt: Date }>(
    database.db,
    sql`select tenant_id as "tenantId", technicians, tickets, seed_ms as "seedMs", seeded_at as "seededAt" from public.bench_guichet_seed`,
  );
  const uais = await rows<{ uai: string }>(database.db, sql`select uai from referentiel.establishments where tenant_id = ${marker.tenantId} order by uai`);
  return { databaseUrl, tenantId: marker.tenantId, uais: uais.map((u) => u.uai), technicians: marker.technicians, seededTickets: marker.tickets, seedMs: marker.seedMs, seededAt: new Date(marker.seededAt) };
}

async function seed(database: Database, databaseUrl: string, ticketCount: number, log: (line: string) => void, start: number): Promise<Omit<GuichetWorld, 'reused'>> {
  const ctx = systemCtx(database);
  const org = await createOrganization(ctx, { code: tenantCode, kind: 'region', name: 'Région du banc guichet' });
  await createOrganization(ctx, { code: 'banc-guichet-ac', kind: 'academie', name: 'Académie du banc', academyCode: '09', partnerOf: [tenantCode] });
  await createOrganization(ctx, { code: 'banc-guichet-presta', kind: 'contractor', name: 'Prestataire du banc', partnerOf: [tenantCode] });
  const tenantId = org.tenantId;
  const sectors: string[] = [];
  for (let a = 1; a <= 12; a++) {
    const agency = await createTerritorialUnit(ctx, { tenantId, code: `AG${a}`, name: `Agence ${a}`, kind: 'agency' });
    for (let s = 1; s <= 3; s++) sectors.push((await createTerritorialUnit(ctx, { tenantId, code: `AG${a}-S${s}`, name: `Secteur ${a}.${s}`, kind: 'sector', parentId: agency.id })).id);
  }
  const uais = Array.from({ length: 360 }, (_, i) => {
    const seven = String(5900000 + i).padStart(7, '0');
    return seven + uaiCheckLetter(seven);
  });
  await database.db.execute(sql`
    insert into referentiel.establishments (tenant_id, uai, name, sector, academy_code, unit_id, search_text)
    select ${tenantId}, u, 'Lycée du banc ' || i, 'public', '09', (${uuidArray(sectors)})[1 + (i - 1) % ${sectors.length}], 'lycee du banc ' || i
      from unnest(${textArray(uais)}) with ordinality as x(u, i)`);

  const admin = await createUser(ctx, { tenantId, email: adminEmail, displayName: 'Admin banc', password });
  await assignRole(ctx, { tenantId, userId: admin.id, organizationId: tenantId, role: 'authority-admin', unitIds: [] });
  const technicianIds: string[] = [];
  for (const [i, sector] of sectors.entries()) {
    const technician = await createUser(ctx, { tenantId, email: technicianEmail(i + 1), displayName: `Technicien du secteur ${i + 1}`, password });
    await assignRole(ctx, { tenantId, userId: technician.id, organizationId: tenantId, role: 'technician', unitIds: [sector], level: 1 });
    technicianIds.push(technician.id);
  }
  await seedGuichetDemo(ctx, tenantId);

  const [teams] = await rows<{ l0: string[]; l1: string[]; hotline: string; experts: string; academy1: string; academy2: string; contractor: string; contractorOrg: string; academyOrg: string }>(
    database.db,
    sql`select
          array(select t.id from unnest(${uuidArray(sectors)}) with ordinality s(id, i) join guichet.support_teams t on t.tenant_id = ${tenantId} and t.level = 0 and t.unit_ids = array[s.id] order by s.i) as l0,
          array(select t.id from unnest(${uuidArray(sectors)}) with ordinality s(id, i) join guichet.support_teams t on t.tenant_id = ${tenantId} and t.level = 1 and t.unit_ids = array[s.id] order by s.i) as l1,
          (select id from guichet.support_teams where tenant_id = ${tenantId} and triage) as hotline,
          (select id from guichet.support_teams where tenant_id = ${tenantId} and level = 2 and organization_id = ${tenantId}) as experts,
          (select id from guichet.support_teams where tenant_id = ${tenantId} and level = 1 and organization_id <> ${tenantId}) as academy1,
          (select id from guichet.support_teams where tenant_id = ${tenantId} and level = 2 and organization_id <> ${tenantId}) as academy2,
          (select id from guichet.support_teams where tenant_id = ${tenantId} and level = 3) as contractor,
          (select organization_id from guichet.support_teams where tenant_id = ${tenantId} and level = 3) as "contractorOrg",
          (select organization_id from guichet.support_teams where tenant_id = ${tenantId} and level = 1 and organization_id <> ${tenantId}) as "academyOrg"`,
  );
  const schools = await rows<{ id: string; sector: number }>(
    database.db,
    sql`select e.id, array_position(${uuidArray(sectors)}, e.unit_id) as sector from referentiel.establishments e where e.tenant_id = ${tenantId} order by e.uai`,
  );
  // priority by urgency and impact (index (u - 1) * 5 + (i - 1)), from the default matrix
  const priorities = Array.from({ length: 25 }, (_, k) => computePriority(defaultPriorityMatrix, { urgency: (Math.floor(k / 5) + 1) as Level, impact: ((k % 5) + 1) as Level, major: false }));

  const t0 = performance.now();
  const bulk = new pg.Client({ connectionString: databaseUrl });
  await bulk.connect();
  try {
    const run = (query: SQL) => {
      const { sql: text, params } = dialect.sqlToQuery(query);
      return bulk.query(text, params);
    };
    // a bulk load: no wait for the disk at each commit, memory to sort the index builds
    await bulk.query(`set synchronous_commit = off; set maintenance_work_mem = '256MB'`);
    const dropped = await dropConstraintsAndIndexes(bulk, ['guichet.tickets', 'guichet.ticket_events']);
    const batch = 250_000;
    for (let from = 1; from <= ticketCount; from += batch) {
      const to = Math.min(ticketCount, from + batch - 1);
      await run(ticketsWithHistorySql({ tenantId, from, to, total: ticketCount, schools, teams, technicianIds, priorities }));
    }
    log(`  tickets et historique écrits en ${seconds(performance.now() - t0)}`);
    const t1 = performance.now();
    for (const statement of dropped) await bulk.query(statement);
    log(`  ${dropped.length} index et clés étrangères rétablis en ${seconds(performance.now() - t1)}`);
  } finally {
    await bulk.end();
  }
  await database.db.execute(sql`insert into guichet.ticket_counters (tenant_id, next_number) values (${tenantId}, ${ticketCount + 1})
                                on conflict (tenant_id) do update set next_number = excluded.next_number`);
  await database.db.execute(sql`vacuum analyze guichet.tickets`);
  await database.db.execute(sql`vacuum analyze guichet.ticket_events`);
  await database.db.execute(sql`analyze`);
  const technicians = technicianIds.map((_, i) => ({ email: technicianEmail(i + 1), teamId: teams.l1[i] }));
  const seedMs = performance.now() - start;
  await database.db.execute(
    sql`create table public.bench_guichet_seed (version int not null, tickets int not null, tenant_id uuid not null, technicians jsonb not null, seed_ms double precision not null, seeded_at timestamptz not null default now())`,
  );
  await database.db.execute(
    sql`insert into public.bench_guichet_seed (version, tickets, tenant_id, technicians, seed_ms) values (${seedVersion}, ${ticketCount}, ${tenantId}, ${JSON.stringify(technicians)}::jsonb, ${seedMs})`,
  );
  return { databaseUrl, tenantId, uais, technicians, seededTickets: ticketCount, seedMs, seededAt: new Date() };
}

/**
 * The secondary indexes (not those of a primary key or unique constraint) and the foreign keys of
 * the tables are dropped before the load and put back after it: building an index once and
 * checking a foreign key with one join cost far less than a million row-by-row updates and
 * checks. Returns the statements that put them back (the migrations' own definitions).
 */
async function dropConstraintsAndIndexes(client: pg.Client, tables: string[]): Promise<string[]> {
  const regclasses = tables.map((t) => `'${t}'::regclass`).join(',');
  const indexes = await client.query<{ name: string; definition: string }>(
    `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition
       from pg_index i
      where i.indrelid = any(array[${regclasses}])
        and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`,
  );
  const foreignKeys = await client.query<{ tableName: string; name: string; definition: string }>(
    `select conrelid::regclass::text as "tableName", conname as name, pg_get_constraintdef(oid) as definition
       from pg_constraint where contype = 'f' and conrelid = any(array[${regclasses}])`,
  );
  for (const fk of foreignKeys.rows) await client.query(`alter table ${fk.tableName} drop constraint "${fk.name}"`);
  for (const index of indexes.rows) await client.query(`drop index ${index.name}`);
  return [
    ...indexes.rows.map((i) => i.definition),
    ...foreignKeys.rows.map((fk) => `alter table ${fk.tableName} add constraint "${fk.name}" ${fk.definition}`),
  ];
}

const uuidArray = (ids: string[]) => sql.raw(`'{${ids.join(',')}}'::uuid[]`);
const textArray = (values: string[]) => sql.raw(`'{${values.join(',')}}'::text[]`);
const intArray = (values: number[]) => sql.raw(`'{${values.join(',')}}'::int[]`);

const titles = [
  'Le poste du professeur ne démarre plus',
  'Vidéoprojecteur de la salle sans image',
  'Imprimante du CDI bloquée (bourrage)',
  'Pas d’accès à internet en salle informatique',
  'Mot de passe ENT à réinitialiser',
  'Tableau numérique interactif décalibré',
  'Borne Wi-Fi du bâtiment B hors service',
  'Installation d’un logiciel de sciences',
  'Écran cassé sur un portable élève',
  'Le proxy bloque un site pédagogique',
  'Manuels numériques inaccessibles (GAR)',
  'Téléphone de la vie scolaire muet',
];

/** The tickets, their creation event, and the event of their current status, in one statement. */
function ticketsWithHistorySql(p: Parameters<typeof ticketsSql>[0]): SQL {
  return sql`
    with inserted as (${ticketsSql(p)}),
    created as (
      insert into guichet.ticket_events (tenant_id, ticket_id, at, kind, status, category, priority, agreement_id, level, team_id, reason, actor_type, actor_id, actor_label, details)
      select tenant_id, id, opened_at, 'created', 'new', coalesce(category, '_triage'), priority, agreement_id, level, assigned_team_id,
             'Niveau ' || level || ' : équipe du secteur.', case channel when 'api' then 'token' else 'user' end, requester_user_id::text, requester_name,
             jsonb_build_object('channel', channel, 'openedAt', opened_at, 'warranty', false)
        from inserted)
    insert into guichet.ticket_events (tenant_id, ticket_id, at, kind, status, actor_type, actor_id, actor_label)
    select tenant_id, id, updated_at, 'status', status, 'user', assigned_user_id::text, 'Technicien du secteur'
      from inserted where status <> 'new'`;
}

function ticketsSql(p: {
  tenantId: string;
  from: number;
  to: number;
  total: number;
  schools: { id: string; sector: number }[];
  teams: { l0: string[]; l1: string[]; hotline: string; experts: string; academy1: string; academy2: string; contractor: string; contractorOrg: string; academyOrg: string };
  technicianIds: string[];
  priorities: number[];
}) {
  const { tenantId, teams } = p;
  const schoolIds = uuidArray(p.schools.map((s) => s.id));
  const schoolSectors = intArray(p.schools.map((s) => s.sector));
  // h(n): an independent draw in [0, 1000) per salt n
  return sql`
    with base as (
      select g,
             (${schoolIds})[1 + abs(hashint8extended(g, 1)) % ${p.schools.length}] as school,
             (${schoolSectors})[1 + abs(hashint8extended(g, 1)) % ${p.schools.length}] as sector,
             abs(hashint8extended(g, 2)) % 1000 as h_channel,
             abs(hashint8extended(g, 3)) % 1000 as h_category,
             abs(hashint8extended(g, 4)) % 1000 as h_level,
             abs(hashint8extended(g, 5)) % 1000 as h_status,
             abs(hashint8extended(g, 6)) % 1000 as h_urgency,
             abs(hashint8extended(g, 7)) % 1000 as h_impact,
             abs(hashint8extended(g, 8)) % 1000 as h_misc,
             timestamptz '2023-09-01T06:00:00Z' + (now() - timestamptz '2023-09-01T06:00:00Z') * (g::float8 / ${p.total}) as opened
        from generate_series(${p.from}::bigint, ${p.to}::bigint) g
    ), drawn as (
      select b.*,
             case when h_channel < 550 then 'web' when h_channel < 850 then 'phone' when h_channel < 950 then 'email' when h_channel < 990 then 'onsite' else 'api' end as channel,
             case when h_category < 520 then 'devices' when h_category < 670 then 'infrastructure' when h_category < 770 then 'ent'
                  when h_category < 850 then 'security' when h_category < 920 then 'digital-resources' when h_category < 970 then 'pedagogical-software' end as category,
             case when h_urgency < 50 then 1 when h_urgency < 250 then 2 when h_urgency < 800 then 3 when h_urgency < 950 then 4 else 5 end as urgency,
             case when h_impact < 50 then 1 when h_impact < 250 then 2 when h_impact < 800 then 3 when h_impact < 950 then 4 else 5 end as impact,
             case when now() - opened > interval '45 days'
                  then case when h_status < 995 then 'closed' when h_status < 998 then 'waiting-third-party' else 'assigned' end
                  else case when h_status < 80 then 'new' when h_status < 280 then 'assigned' when h_status < 330 then 'planned'
                            when h_status < 430 then 'in-progress' when h_status < 480 then 'waiting-requester' when h_status < 520 then 'waiting-third-party'
                            when h_status < 720 then 'solved' else 'closed' end end as status
        from base b
    ), routed as (
      select d.*,
             case when category is null then 1
                  when category = 'pedagogical-software' then case when h_level < 800 then 1 else 2 end
                  when h_level < 300 then 0 when h_level < 800 then 1 when h_level < 920 or category not in ('devices', 'infrastructure') then 2 else 3 end as level,
             case when h_misc % 1000 = 0 then 6 else (${intArray(p.priorities)})[(urgency - 1) * 5 + impact] end as priority
        from drawn d
    ), placed as (
      select r.*,
             case when category is null then ${teams.hotline}::uuid
                  when category = 'pedagogical-software' then case level when 1 then ${teams.academy1}::uuid else ${teams.academy2}::uuid end
                  when level = 0 then (${uuidArray(teams.l0)})[sector]
                  when level = 1 then (${uuidArray(teams.l1)})[sector]
                  when level = 2 then ${teams.experts}::uuid
                  else ${teams.contractor}::uuid end as team,
             case when category = 'pedagogical-software' then ${teams.academyOrg}::uuid when level = 3 then ${teams.contractorOrg}::uuid else ${tenantId}::uuid end as team_org,
             case when status in ('new') then null
                  when level = 1 and category is not null and category <> 'pedagogical-software' and h_misc % 6 = 0 then (${uuidArray(p.technicianIds)})[sector]
                  else md5('technicien-' || sector || '-' || (h_misc % 6))::uuid end as assignee,
             case when channel in ('web', 'email') then md5('personnel-' || school || '-' || (h_misc % 40))::uuid end as requester,
             opened + (1 + h_misc % 48) * interval '1 hour' as changed
        from routed r
    )
    insert into guichet.tickets (tenant_id, number, type, title, description, establishment_id, room_label, requester_user_id, requester_name, requester_contact,
      channel, category, urgency, impact, priority, status, responsible_org_id, assigned_team_id, assigned_org_id, assigned_user_id, level, agreement_id,
      opened_at, logged_at, updated_at, planned_for, solved_at, closed_at, school_visible, solution, satisfaction,
      due_to_own, due_to_resolve, owned_at, own_minutes, resolve_minutes, created_by, version)
    select ${tenantId}, g, case when h_misc % 4 = 0 then 'request' else 'incident' end,
           (${textArray(titles.map((t) => `"${t}"`))})[1 + h_category % ${titles.length}],
           'Signalé par l’établissement : ' || (${textArray(titles.map((t) => `"${t}"`))})[1 + h_category % ${titles.length}] || '. Constaté le ' || to_char(opened, 'DD/MM/YYYY') || ', merci d’intervenir.',
           school, case when h_misc % 3 = 0 then 'Salle ' || (100 + h_misc % 250) end, requester,
           case when requester is null then 'Appelant ' || (h_misc % 900) else 'Personnel ' || (h_misc % 40) end, case when channel = 'phone' then '03 20 00 ' || lpad((h_misc % 100)::text, 2, '0') || ' 00' end,
           channel, category, urgency, impact, priority, status,
           case when category = 'pedagogical-software' then ${teams.academyOrg}::uuid else ${tenantId}::uuid end, team, team_org, assignee, level, 'convention-demo',
           opened, opened + case when channel = 'phone' then (h_misc % 30) * interval '1 minute' else interval '0' end,
           case when status = 'new' then opened else changed end,
           case when status = 'planned' then changed + interval '2 days' end,
           case when status in ('solved', 'closed') then changed end,
           case when status = 'closed' then changed + interval '7 days' end,
           h_misc % 20 <> 0,
           case when status in ('solved', 'closed') then 'Intervention réalisée, matériel testé avec l’utilisateur.' end,
           case when status = 'closed' and h_misc % 3 = 0 then case when h_status % 10 < 5 then 5 when h_status % 10 < 8 then 4 when h_status % 10 < 9 then 3 else 1 + h_status % 2 end end,
           case when status = 'new' then opened + (case priority when 6 then 0.5 when 5 then 1 when 4 then 2 when 3 then 4 when 2 then 8 else 16 end) * interval '3 hours'
                when h_level % 12 = 0 then opened + interval '4 hours' end,
           case when status in ('solved', 'closed') then case when h_status % 10 = 0 then opened + interval '3 days' end
                when status = 'waiting-requester' then null
                else opened + (case priority when 6 then 4 when 5 then 4 when 4 then 8 when 3 then 16 when 2 then 40 else 80 end) * interval '3 hours' end,
           case when status <> 'new' then opened + (5 + h_misc % 240) * interval '1 minute' end,
           case when status <> 'new' then 5 + h_misc % 240 end,
           case when status in ('solved', 'closed') then 30 + (h_status * 7 + h_misc) % 2400 end,
           'Banc', 1
      from placed
    returning tenant_id, id, opened_at, updated_at, category, priority, agreement_id, level, assigned_team_id, channel, requester_user_id, requester_name, status, assigned_user_id`;
}
