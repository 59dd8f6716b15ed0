import { sql } from 'drizzle-orm';
import { assignRole, createUser } from '../src/modules/access/index.js';
import { createOrganization } from '../src/modules/referentiel/operations/create-organization.js';
import { importEstablishments } from '../src/modules/referentiel/operations/import-establishments.js';
import { systemCtx } from '../src/server/platform/context.js';
import { migrateDatabase, openDatabase, rows, type Database } from '../src/server/platform/db.js';
import { generateAnnuaireFile } from './generate-annuaire.js';
import { ensureDatabase } from './lib/postgres.js';

/**
 * The fleet-queries dataset (100,000 devices, ~5 million software lines) kept between runs in its
 * own database: generating it takes minutes, measuring it under three. A marker row says the
 * generation finished with these sizes; without it (first run, or a run killed half-way) the
 * database is emptied and generated again. Migrations run each time, so new indexes reach it.
 */

export const fleetDatabaseName = 'coherence_bench_fleet_seed';

export interface FleetSize {
  devices: number;
  perDevice: number;
  products: number;
}

export const defaultFleetSize: FleetSize = { devices: 100_000, perDevice: 52, products: 20_000 };

export interface GeneratedFleet {
  tenantId: string;
  devices: number;
  lines: number;
  loadMs: number;
  uais: string[];
  /** Products of the long tail, drawn at random. */
  tail: number[];
  /** The 15 products of the master image, on every device. */
  base: number[];
}

/** Bumped when the generation changes, so that an older dataset is not measured by mistake. */
const generation = 2;
export const fleetPassword = 'Banc-Flotte-2026!';
export const fleetTenantCode = 'banc-flotte';

export interface SeededFleet extends Omit<GeneratedFleet, 'loadMs'> {
  url: string;
  database: Database;
  /** null: reused from an earlier run. */
  loadMs: number | null;
}

const markerTable = sql`create table if not exists public.bench_fleet_seed (
  size jsonb primary key, tenant_id uuid not null, devices int not null, lines int not null, base int[] not null, seeded_at timestamptz not null default now())`;

export async function seedFleet(serverUrl: string, size: FleetSize = defaultFleetSize, log: (line: string) => void = () => undefined): Promise<SeededFleet> {
  const url = await ensureDatabase(serverUrl, fleetDatabaseName);
  const database = await openDatabase({ url, poolSize: 4 });
  try {
    await migrateDatabase(database);
    const db = database.db;
    await db.execute(markerTable);
    const [marker] = await rows<{ tenant_id: string; devices: number; lines: number; base: number[] }>(
      db,
      sql`select tenant_id, devices, lines, base from public.bench_fleet_seed where size = ${JSON.stringify({ ...size, generation })}::jsonb`,
    );
    if (marker) {
      log(`parc réutilisé (${fleetDatabaseName}) : ${marker.devices} équipements, ${marker.lines} lignes de logiciels`);
      // cheap when nothing changed (all-visible pages are skipped); after a migration that rewrote
      // rows, it gives back index-only scans (visibility map) and the planner's statistics
      for (const table of ['parc.assets', 'parc.asset_software']) await db.execute(sql.raw(`vacuum analyze ${table}`));
      return { url, database, tenantId: marker.tenant_id, devices: marker.devices, lines: marker.lines, base: marker.base, loadMs: null, ...(await samples(database, marker.tenant_id)) };
    }
    log(`génération du parc dans ${fleetDatabaseName} (quelques minutes, une seule fois)…`);
    await emptyFleet(database);
    const fleet = await generateFleet(database, size);
    await db.execute(sql`insert into public.bench_fleet_seed (size, tenant_id, devices, lines, base)
      values (${JSON.stringify({ ...size, generation })}::jsonb, ${fleet.tenantId}, ${fleet.devices}, ${fleet.lines}, ${`{${fleet.base.join(',')}}`}::int[])`);
    return { ...fleet, url, database };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** A run killed half-way leaves a partial tenant: the whole bench database is emptied (it holds nothing else). */
async function emptyFleet(database: Database): Promise<void> {
  const db = database.db;
  await db.execute(sql`delete from public.bench_fleet_seed`);
  const [{ tables }] = await rows<{ tables: string | null }>(
    db,
    sql`select string_agg(format('%I.%I', schemaname, tablename), ', ') as tables from pg_tables
         where schemaname not in ('pg_catalog', 'information_schema', 'public', 'drizzle')`,
  );
  if (tables) await db.execute(sql.raw(`truncate ${tables} cascade`));
}

async function samples(database: Database, tenantId: string): Promise<Pick<GeneratedFleet, 'uais' | 'tail'>> {
  const db = database.db;
  const uais = (await rows<{ uai: string }>(db, sql`select uai from referentiel.establishments where tenant_id = ${tenantId}`)).map((r) => r.uai);
  const tail = (
    await rows<{ id: number }>(db, sql`select id::int from parc.software where tenant_id = ${tenantId} and key not in (select 'logiciel-' || n from generate_series(1, 15) n) order by random() limit 2000`)
  ).map((r) => r.id);
  return { uais, tail };
}

/**
 * One tenant, 600 schools, an admin, and the fleet, in SQL. Every school holds every class (its
 * devices cycle through desktop ×5, laptop ×2, tablet, printer, projector), so that a list of one
 * school and one class has rows (~80 desktops, ~30 laptops, ~17 tablets per school).
 */
async function generateFleet(database: Database, size: FleetSize): Promise<GeneratedFleet> {
  const { devices, perDevice, products } = size;
  const db = database.db;
  const ctx = systemCtx(database);
  const org = await createOrganization(ctx, { code: fleetTenantCode, kind: 'region', name: 'Région du banc de parc' });
  const tenantId = org.tenantId;
  await importEstablishments(ctx, { tenantId, bytes: generateAnnuaireFile(600), filename: 'sites.csv', mode: 'apply-valid', includeNonSchools: true });
  const admin = await createUser(ctx, { tenantId, email: 'admin@flotte.banc.fr', displayName: 'Admin banc', password: fleetPassword });
  await assignRole(ctx, { tenantId, userId: admin.id, organizationId: tenantId, role: 'authority-admin', unitIds: [] });

  const started = performance.now();
  await db.execute(sql`set synchronous_commit = off`);
  await db.execute(sql`
    insert into parc.assets (tenant_id, establishment_id, class, status, name, serial, mac_addresses, os_name, os_version,
                             purchase_date, purchase_price, warranty_end, first_inventory_at, last_inventory_at, software_count, search_text)
    select ${tenantId}, e.ids[1 + i % array_length(e.ids, 1)],
           (array['desktop','desktop','desktop','desktop','desktop','laptop','laptop','tablet','printer','projector'])[1 + (i / array_length(e.ids, 1)) % 10],
           case when i % 50 = 0 then 'retired' when i % 97 = 0 then 'in-repair' else 'in-service' end,
           'PC-' || i, 'SN' || lpad(i::text, 8, '0'),
           array['00:1a:2b:' || lpad(to_hex((i >> 16) & 255), 2, '0') || ':' || lpad(to_hex((i >> 8) & 255), 2, '0') || ':' || lpad(to_hex(i & 255), 2, '0')],
           case when i % 3 = 0 then 'Windows' when i % 3 = 1 then 'Debian GNU/Linux' else 'Ubuntu' end,
           case when i % 3 = 0 then (array['10','11'])[1 + i % 2] else '12' end,
           date '2017-01-01' + (i::bigint * 7919 % 3000)::int, 400 + i % 600, date '2020-01-01' + (i::bigint * 104729 % 3000)::int,
           now() - make_interval(days => i % 1500), now() - make_interval(hours => i % 200), ${perDevice},
           lower('PC-' || i || ' SN' || lpad(i::text, 8, '0'))
      from generate_series(1, ${devices}) i,
           (select array_agg(id order by uai) ids from referentiel.establishments where tenant_id = ${tenantId}) e`);
  await db.execute(sql`
    insert into parc.software (tenant_id, key, name, publisher)
    select ${tenantId}, 'logiciel-' || n, 'Logiciel ' || n, 'Éditeur ' || (n % 300) from generate_series(1, ${products}) n`);
  const [{ first }] = await rows<{ first: number }>(db, sql`select min(id)::int as first from parc.software where tenant_id = ${tenantId}`);
  // 15 products on every device (the master image), the others drawn from a long tail
  await db.execute(sql`
    insert into parc.asset_software (tenant_id, asset_id, establishment_id, software_id, version)
    select ${tenantId}, a.id, a.establishment_id,
           ${first} - 1 + case when k <= 15 then k
                               else 16 + floor((${products} - 16) * power(((hashtext(a.id::text || k) & 2147483647)::float8 / 2147483648), 2.2))::int end,
           (array['1.0','1.1','2.0'])[1 + (k + a.n) % 3]
      from (select id, establishment_id, row_number() over () n from parc.assets where tenant_id = ${tenantId}) a, generate_series(1, ${perDevice}) k
    on conflict do nothing`);
  for (const table of ['parc.assets', 'parc.asset_software', 'parc.software']) await db.execute(sql.raw(`vacuum analyze ${table}`));
  await db.execute(sql`analyze referentiel.establishments`);
  const [{ lines }] = await rows<{ lines: number }>(db, sql`select count(*)::int as lines from parc.asset_software where tenant_id = ${tenantId}`);
  const loadMs = performance.now() - started;
  const base = Array.from({ length: 15 }, (_, i) => first + i);
  return { tenantId, devices, lines, loadMs, base, ...(await samples(database, tenantId)) };
}
