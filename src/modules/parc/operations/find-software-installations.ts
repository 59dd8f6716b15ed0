import { and, eq, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { establishmentScope } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { TtlCache } from '../../../server/platform/ttl-cache.js';
import { notFound } from '../../../server/platform/errors.js';
import { assetSoftware, software } from '../db/schema.js';
import { preparedRows, runPrepared } from '../db/prepared.js';
import { fleetScope } from './fleet-scope.js';

export const softwareIdParams = z.object({ id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) });
export const softwareInstallationsInput = z.object({
  uai: z.string().trim().min(1).max(20).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(25),
});

/**
 * Up to this many installations tenant-wide, everything (summary and page) comes from one
 * statement over the product's lines; beyond, the summary is kept a minute (see `summaries`).
 */
export const smallInstallBase = 2000;

interface InstallLine {
  id: string;
  name: string | null;
  serial: string | null;
  assetClass: string;
  status: string;
  version: string;
  lastInventoryAt: Date | null;
  uai: string | null;
  establishmentName: string | null;
}

interface SchoolCount {
  establishmentId: string | null;
  uai: string | null;
  establishmentName: string | null;
  devices: number;
  /** Device × version lines of that school: what the pages run through. */
  installations: number;
}

interface Summary {
  devices: number;
  installations: number;
  establishments: SchoolCount[];
  versions: { version: string; devices: number }[];
}

/**
 * Where one software is installed, among the devices the actor may see: the schools and how many
 * devices each, the versions, and the devices themselves a page at a time (by school, then name).
 * Most products of a fleet are on a few hundred devices: one statement reads their lines once
 * (the product's index, then each device by key) and returns the summary and the page. A product
 * on every PC of the Région (100,000 lines) takes a few hundred milliseconds to count: its summary
 * is kept a minute, and a page reads only the schools it spans (see pageFromSummary).
 */
export async function findSoftwareInstallations(
  ctx: Ctx,
  input: { id: number } & z.infer<typeof softwareInstallationsInput>,
  options: { smallInstallBase: number } = { smallInstallBase },
) {
  const scope = await fleetScope(ctx, input.uai);
  const [product] = await runPrepared(
    ctx.db
      .select({
        id: software.id,
        name: software.name,
        publisher: software.publisher,
        // counted up to the threshold only: the index of a product on 100,000 devices is not walked to say "many"
        // (parameters, not column references: drizzle writes columns unqualified in a one-table select)
        installBase: sql<number>`(select count(*) from (select 1 from parc.asset_software x where x.tenant_id = ${scope.tenantId} and x.software_id = ${input.id} limit ${options.smallInstallBase + 1}) capped)`.mapWith(Number),
      })
      .from(software)
      .where(and(eq(software.tenantId, scope.tenantId), eq(software.id, input.id))),
  );
  if (!product) throw notFound('Logiciel');

  const ofProduct = and(eq(assetSoftware.tenantId, scope.tenantId), eq(assetSoftware.softwareId, input.id))!;
  const where = and(ofProduct, scope.where)!;
  const found =
    product.installBase <= options.smallInstallBase
      ? await inOneStatement(ctx, where, input)
      : await pageFromSummary(ctx, { where, ofProduct }, input, summaryKey(ctx, scope.tenantId, input));
  const { installBase: _, ...softwareFields } = product;
  return {
    software: softwareFields,
    devices: found.summary.devices,
    installations: found.summary.installations,
    establishments: found.summary.establishments.map(({ uai, establishmentName, devices }) => ({ uai, establishmentName, devices })).sort(byDevicesThen((e) => e.uai ?? '\uffff')),
    versions: [...found.summary.versions].sort(byDevicesThen((v) => v.version)),
    items: found.items,
    establishment: scope.establishment,
  };
}

const byDevicesThen = <T extends { devices: number }>(key: (x: T) => string) => (a: T, b: T) => b.devices - a.devices || key(a).localeCompare(key(b));

/**
 * The product's lines the actor may see, with their device's school; with its UAI and name for a
 * product on a few hundred devices (read line by line: measured no slower than naming each school
 * once on this size). A product on every device names its schools once each (see schoolsOf): the
 * join below then only serves a narrower scope's condition, and PostgreSQL drops it when unused.
 * No aliases, as drizzle writes `where`'s columns schema-qualified.
 */
const linesOf = (where: SQL, named: boolean) => sql`
  select parc.asset_software.asset_id, parc.asset_software.version, parc.assets.establishment_id, parc.assets.name${
    named ? sql`, referentiel.establishments.uai, referentiel.establishments.name as establishment_name` : sql``
  }
    from parc.asset_software
    join parc.assets on parc.assets.tenant_id = parc.asset_software.tenant_id and parc.assets.id = parc.asset_software.asset_id
    left join referentiel.establishments on referentiel.establishments.tenant_id = parc.assets.tenant_id and referentiel.establishments.id = parc.assets.establishment_id
   where ${where}`;

/** Schools of named lines, counted. */
const namedSchools = sql`(select establishment_id, uai, establishment_name, count(distinct asset_id)::int as devices, count(*)::int as installations
                            from lines group by establishment_id, uai, establishment_name)`;

/** Schools of unnamed lines, counted, then named: one lookup per school, not per line (100,000 for a product on every PC). */
const schoolsOf = (tenantId: string) => sql`(
  select g.establishment_id, e.uai, e.name as establishment_name, g.devices, g.installations
    from (select establishment_id, count(distinct asset_id)::int as devices, count(*)::int as installations from lines group by establishment_id) g
    left join referentiel.establishments e on e.tenant_id = ${tenantId}::uuid and e.id = g.establishment_id)`;

const summaryColumns = (schools: SQL) => sql`
  (select count(distinct asset_id) from lines)::int as devices,
  (select count(*) from lines)::int as installations,
  coalesce((select json_agg(json_build_object('establishmentId', establishment_id, 'uai', uai, 'establishmentName', establishment_name, 'devices', devices, 'installations', installations) order by uai nulls last)
              from ${schools} g), '[]') as establishments,
  coalesce((select json_agg(json_build_object('version', version, 'devices', devices))
              from (select version, count(distinct asset_id)::int as devices from lines group by version) v), '[]') as versions`;

interface JsonLine extends Omit<InstallLine, 'lastInventoryAt'> {
  lastInventoryAt: string | null;
}

/** The page's devices, in the list's order: by school (UAI, no school last), then name, id, version. */
const pageColumns = sql`coalesce((select json_agg(json_build_object('id', a.id, 'name', a.name, 'serial', a.serial, 'assetClass', a.class, 'status', a.status,
            'version', p.version, 'lastInventoryAt', a.last_inventory_at, 'uai', p.uai, 'establishmentName', p.establishment_name) order by p.position)
   from page p join parc.assets a on a.tenant_id = p.tenant_id and a.id = p.asset_id), '[]') as items`;

const pageOrder = sql`uai asc nulls last, name asc nulls last, asset_id, version`;

const toLines = (items: JsonLine[]): InstallLine[] => items.map((l) => ({ ...l, lastInventoryAt: l.lastInventoryAt ? new Date(l.lastInventoryAt) : null }));

/** Summary and page in one statement, over lines read once. */
async function inOneStatement(ctx: Ctx, where: SQL, input: { page: number; pageSize: number }) {
  const [row] = await preparedRows<Summary & { items: JsonLine[] }>(
    ctx.db,
    sql`with lines as materialized (${linesOf(where, true)}),
         page as (select ${ctx.actor!.tenantId}::uuid as tenant_id, asset_id, version, uai, establishment_name, row_number() over (order by ${pageOrder}) as position
                    from lines order by ${pageOrder} limit ${input.pageSize} offset ${(input.page - 1) * input.pageSize})
       select ${summaryColumns(namedSchools)}, ${pageColumns}`,
  );
  const { items, ...summary } = row;
  return { summary, items: toLines(items) };
}

/** Summaries of widely installed products, per tenant, scope, product and school: a minute. */
const summaries = new TtlCache<Summary>(2000);
const summaryLifetimeMs = 60_000;

export function forgetSoftwareSummaries() {
  summaries.clear();
  computing.clear();
}

const summaryKey = (ctx: Ctx, tenantId: string, input: { id: number; uai?: string }) =>
  JSON.stringify([tenantId, establishmentScope(ctx.actor!, 'asset.read'), input.id, input.uai?.toUpperCase() ?? null]);

/**
 * Summaries being computed: when one expires under load, the dozens of requests that miss it at
 * the same moment wait for the one computation (a few hundred milliseconds of PostgreSQL) instead
 * of each starting its own.
 */
const computing = new Map<string, Promise<Summary>>();

async function summaryOf(ctx: Ctx, where: SQL, key: string): Promise<Summary> {
  const kept = summaries.get(key, Date.now());
  if (kept) return kept;
  const pending = computing.get(key);
  if (pending) return pending;
  const computed = computeSummary(ctx, where, key).finally(() => computing.delete(key));
  computing.set(key, computed);
  return computed;
}

async function computeSummary(ctx: Ctx, where: SQL, key: string): Promise<Summary> {
  const now = Date.now();
  const [summary] = await preparedRows<Summary>(ctx.db, sql`with lines as materialized (${linesOf(where, false)}) select ${summaryColumns(schoolsOf(ctx.actor!.tenantId))}`);
  summaries.set(key, summary, now + summaryLifetimeMs);
  return summary;
}

/**
 * A page of a widely installed product: the summary counts each school's lines, in the page's
 * order (by UAI), so the page falls in one or two schools; only their devices are read, in one
 * pass over them (no second visit for the page's columns), and their school's UAI and name come
 * from the summary (no lookup of the school for each of its hundreds of devices).
 */
async function pageFromSummary(ctx: Ctx, lines: { where: SQL; ofProduct: SQL }, input: { page: number; pageSize: number }, key: string) {
  const summary = await summaryOf(ctx, lines.where, key);
  const start = (input.page - 1) * input.pageSize;
  const end = start + input.pageSize;
  const spanned: SchoolCount[] = [];
  let before = 0;
  let skip = 0;
  for (const school of summary.establishments) {
    const after = before + school.installations;
    if (after > start && before < end) {
      if (spanned.length === 0) skip = start - before;
      spanned.push(school);
    }
    before = after;
  }
  if (spanned.length === 0) return { summary, items: [] };
  // in the summary's order (by UAI, no school last): array_position gives that rank, null for no school
  const ids = spanned.flatMap((school) => (school.establishmentId === null ? [] : [school.establishmentId]));
  const idArray = sql`${`{${ids.join(',')}}`}::uuid[]`;
  const withoutSchool = spanned.some((school) => school.establishmentId === null);
  const schools = sql`(parc.assets.establishment_id = any(${idArray})${withoutSchool ? sql` or parc.assets.establishment_id is null` : sql``})`;
  // the summary's schools are those of the actor's scope (and of the school asked): the page's
  // are among them, so the product and those schools are the whole condition
  const found = await preparedRows<Omit<JsonLine, 'uai' | 'establishmentName'> & { establishmentId: string | null }>(
    ctx.db,
    sql`select parc.assets.id, parc.assets.name, parc.assets.serial, parc.assets.class as "assetClass", parc.assets.status, parc.asset_software.version,
               parc.assets.last_inventory_at as "lastInventoryAt", parc.assets.establishment_id as "establishmentId"
          from parc.asset_software
          join parc.assets on parc.assets.tenant_id = parc.asset_software.tenant_id and parc.assets.id = parc.asset_software.asset_id
         where ${and(lines.ofProduct, schools)!}
         order by array_position(${idArray}, parc.assets.establishment_id) asc nulls last, parc.assets.name asc nulls last, parc.assets.id, parc.asset_software.version
         limit ${input.pageSize} offset ${skip}`,
  );
  const school = new Map(spanned.map((s) => [s.establishmentId, s]));
  const items = found.map(({ establishmentId, lastInventoryAt, ...line }) => ({
    ...line,
    lastInventoryAt: lastInventoryAt ? new Date(lastInventoryAt) : null,
    uai: school.get(establishmentId)?.uai ?? null,
    establishmentName: school.get(establishmentId)?.establishmentName ?? null,
  }));
  return { summary, items };
}
