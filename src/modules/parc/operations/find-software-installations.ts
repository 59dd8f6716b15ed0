import { z } from 'zod';
import { authorize, establishmentScope, type EstablishmentScope } from '../../../server/platform/authz.js';
import type { AuthedCtx, Ctx } from '../../../server/platform/context.js';
import { notFound } from '../../../server/platform/errors.js';
import { pgArray, prepared, runPrepared } from '../../../server/platform/prepared.js';
import { TtlCache } from '../../../server/platform/ttl-cache.js';
import { establishmentInScope, type FleetEstablishment } from './fleet-scope.js';

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
  /** Lines of the schools before it, in the page order (by UAI, no school last). */
  before: number;
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
 *
 * Each line of `parc.asset_software` carries its device's school, and the index on (tenant,
 * product, school, device, version) holds all of it: counting a product's lines by school reads
 * that index alone, and only the page's devices are visited. Most products of a fleet are on a few
 * hundred devices: one statement returns the summary and the page. A product on every PC of the
 * Région (100,000 lines) takes tens of milliseconds to count: its summary is kept a minute, and a
 * page reads only the schools it spans.
 */
export async function findSoftwareInstallations(
  ctx: Ctx,
  input: { id: number } & z.infer<typeof softwareInstallationsInput>,
  options: { smallInstallBase: number } = { smallInstallBase },
) {
  authorize(ctx.actor, 'asset.read');
  const tenantId = ctx.actor.tenantId;
  const establishment = input.uai ? await establishmentInScope(ctx as AuthedCtx, input.uai) : null;
  const product = await productOf(ctx, input.id, options.smallInstallBase);
  const lines: LinesOf = { tenantId, softwareId: input.id, scope: establishmentScope(ctx.actor, 'asset.read'), establishmentId: establishment?.id ?? null };
  const found =
    product.installBase <= options.smallInstallBase
      ? await inOneStatement(ctx, lines, input)
      : await pageFromSummary(ctx, lines, input, summaryKey(ctx, input));
  const { installBase: _, ...softwareFields } = product;
  return {
    software: softwareFields,
    devices: found.summary.devices,
    installations: found.summary.installations,
    establishments: found.summary.establishments.map(({ uai, establishmentName, devices }) => ({ uai, establishmentName, devices })).sort(byDevicesThen((e) => e.uai ?? '\uffff')),
    versions: [...found.summary.versions].sort(byDevicesThen((v) => v.version)),
    items: found.items,
    establishment: establishment satisfies FleetEstablishment | null,
  };
}

const byDevicesThen = <T extends { devices: number }>(key: (x: T) => string) => (a: T, b: T) => b.devices - a.devices || key(a).localeCompare(key(b));

interface Product {
  id: number;
  name: string;
  publisher: string | null;
  /** Lines tenant-wide, counted up to the threshold only (the index of a product on 100,000 devices is not walked to say "many"). */
  installBase: number;
}

const productStatement = prepared(
  'parc_software_product',
  `select id, name, publisher,
          (select count(*) from (select 1 from parc.asset_software x where x.tenant_id = $1 and x.software_id = $2 limit $3) capped)::int as "installBase"
     from parc.software where tenant_id = $1 and id = $2`,
);

/**
 * Products, a minute. A catalogue row is never renamed nor deleted (the software store only adds),
 * and the install base only chooses between two ways to the same answer.
 */
const products = new TtlCache<Product>(5000);
const productLifetimeMs = 60_000;

async function productOf(ctx: Ctx, id: number, threshold: number): Promise<Product> {
  const key = `${ctx.actor!.tenantId}:${id}:${threshold}`;
  const kept = products.get(key, Date.now());
  if (kept) return kept;
  const [found] = await runPrepared<Product>(ctx.db, productStatement, [ctx.actor!.tenantId, id, threshold + 1]);
  if (!found) throw notFound('Logiciel');
  const product = { ...found, id: Number(found.id) }; // bigint: a string from the driver
  products.set(key, product, Date.now() + productLifetimeMs);
  return product;
}

/** The lines asked for: one product of one tenant, the actor's schools, perhaps one school. */
interface LinesOf {
  tenantId: string;
  softwareId: number;
  scope: EstablishmentScope;
  establishmentId: string | null;
}

/** $1 tenant, $2 product, $3 tenant-wide, $4–$6 the scope's schools, units and académies, $7 one school or null. */
const linesParameters = (l: LinesOf) => [
  l.tenantId,
  l.softwareId,
  l.scope.all,
  pgArray(l.scope.establishmentIds),
  pgArray(l.scope.unitIds),
  pgArray(l.scope.academyCodes),
  l.establishmentId,
];

/**
 * The product's lines (from the index alone), then its schools the actor may see, counted, named
 * and placed in the page order (`before`). Lines of no school are keyed by the nil UUID; they are
 * seen by a tenant-wide role only, as in the device list. Each branch of `lines` is one index range
 * (a generic plan cannot make an index condition of "no school asked, or this one"). A device's
 * lines all carry its school, so the schools' device counts add up, and each school keeps its
 * lines' versions (one entry per device with that version) for the version counts.
 */
const linesAndSchools = `
  lines as materialized (
    select coalesce(establishment_id, '00000000-0000-0000-0000-000000000000'::uuid) as school, asset_id, version
      from parc.asset_software where tenant_id = $1 and software_id = $2 and $7::uuid is null
    union all
    select establishment_id, asset_id, version
      from parc.asset_software where tenant_id = $1 and software_id = $2 and establishment_id = $7::uuid),
  schools as materialized (
    select g.school, e.id as "establishmentId", e.uai, e.name as "establishmentName", g.devices, g.installations, g.versions,
           (sum(g.installations) over (order by e.uai nulls last rows unbounded preceding) - g.installations)::int as before
      from (select school, count(distinct asset_id)::int as devices, count(*)::int as installations, array_agg(version) as versions
              from lines group by school) g
      left join referentiel.establishments e on e.tenant_id = $1 and e.id = g.school
     where case when e.id is null then $3 and $7::uuid is null
                else $3 or e.id = any($4::uuid[]) or e.unit_id = any($5::uuid[]) or e.academy_code = any($6::text[]) end)`;

const summaryColumns = `
  (select coalesce(sum(devices), 0) from schools)::int as devices,
  (select coalesce(sum(installations), 0) from schools)::int as installations,
  coalesce((select json_agg(row_to_json(s) order by s.before) from (select "establishmentId", uai, "establishmentName", devices, installations, before from schools) s), '[]') as establishments,
  coalesce((select json_agg(json_build_object('version', version, 'devices', devices))
              from (select version, count(*)::int as devices from schools, unnest(versions) as version group by version) v), '[]') as versions`;

/** The page order: by school (UAI, no school last), then name, device, version. */
const pageOrder = `s.before, a.name nulls last, a.id, v.version`;

/** $8 page size, $9 lines before the page. Only the schools the page spans are read, and their devices. */
const oneStatement = prepared(
  'parc_software_installations',
  `with ${linesAndSchools},
   spanned as (select * from schools where before < $9::int + $8::int and before + installations > $9::int),
   page as (
     select a.id, a.name, a.serial, a.class as "assetClass", a.status, v.version, a.last_inventory_at as "lastInventoryAt",
            s.uai, s."establishmentName", row_number() over (order by ${pageOrder}) as position
       from spanned s join lines v on v.school = s.school join parc.assets a on a.tenant_id = $1 and a.id = v.asset_id
      order by ${pageOrder}
      limit $8::int offset $9::int - (select coalesce(min(before), 0) from spanned))
   select ${summaryColumns},
          coalesce((select json_agg(row_to_json(p) order by p.position) from (select id, name, serial, "assetClass", status, version, "lastInventoryAt", uai, "establishmentName", position from page) p), '[]') as items`,
);

const summaryStatement = prepared('parc_software_summary', `with ${linesAndSchools} select ${summaryColumns}`);

interface JsonLine extends Omit<InstallLine, 'lastInventoryAt'> {
  lastInventoryAt: string | null;
}

const toLine = ({ lastInventoryAt, ...line }: JsonLine & { position?: number }): InstallLine => {
  delete line.position;
  return { ...line, lastInventoryAt: lastInventoryAt ? new Date(lastInventoryAt) : null };
};

const pageWindow = (input: { page: number; pageSize: number }) => [input.pageSize, (input.page - 1) * input.pageSize];

/** Summary and page in one statement, over lines read once. */
async function inOneStatement(ctx: Ctx, lines: LinesOf, input: { page: number; pageSize: number }) {
  const [row] = await runPrepared<Summary & { items: JsonLine[] }>(ctx.db, oneStatement, [...linesParameters(lines), ...pageWindow(input)]);
  const { items, ...summary } = row;
  return { summary, items: items.map(toLine) };
}

/** Summaries of widely installed products, per tenant, scope, product and school: a minute. */
const summaries = new TtlCache<Summary>(2000);
const summaryLifetimeMs = 60_000;

export function forgetSoftwareSummaries() {
  summaries.clear();
  computing.clear();
  products.clear();
}

const summaryKey = (ctx: Ctx, input: { id: number; uai?: string }) =>
  JSON.stringify([ctx.actor!.tenantId, establishmentScope(ctx.actor!, 'asset.read'), input.id, input.uai?.toUpperCase() ?? null]);

/**
 * Summaries being computed: when one expires under load, the dozens of requests that miss it at
 * the same moment wait for the one computation instead of each starting its own.
 */
const computing = new Map<string, Promise<Summary>>();

async function summaryOf(ctx: Ctx, lines: LinesOf, key: string): Promise<Summary> {
  const kept = summaries.get(key, Date.now());
  if (kept) return kept;
  const pending = computing.get(key);
  if (pending) return pending;
  const computed = computeSummary(ctx, lines, key).finally(() => computing.delete(key));
  computing.set(key, computed);
  return computed;
}

async function computeSummary(ctx: Ctx, lines: LinesOf, key: string): Promise<Summary> {
  const now = Date.now();
  const [summary] = await runPrepared<Summary>(ctx.db, summaryStatement, linesParameters(lines));
  summaries.set(key, summary, now + summaryLifetimeMs);
  return summary;
}

/**
 * $1 tenant, $2 product, $3 the schools spanned in page order (each one index range), $4 whether
 * lines of no school come last, $5 page size, $6 lines to skip in the first school. `offset 0` keeps
 * the lateral a subquery: one index range per school, whatever a generic plan estimates of the product. The schools' UAI and name come from
 * the summary (no lookup of the school for each of its hundreds of devices).
 */
const spannedPage = prepared(
  'parc_software_spanned_page',
  `select a.id, a.name, a.serial, a.class as "assetClass", a.status, l.version, a.last_inventory_at as "lastInventoryAt", l.school as "establishmentId"
     from (select sp.school, sp.rank, x.asset_id, x.version
             from unnest($3::uuid[]) with ordinality as sp(school, rank)
             cross join lateral (select asset_id, version from parc.asset_software
                                  where tenant_id = $1 and software_id = $2 and establishment_id = sp.school
                                 offset 0) x
           union all
           select null::uuid, null::bigint, asset_id, version from parc.asset_software
            where tenant_id = $1 and software_id = $2 and $4 and establishment_id is null) l
     join parc.assets a on a.tenant_id = $1 and a.id = l.asset_id
    order by l.rank nulls last, a.name nulls last, a.id, l.version
    limit $5 offset $6`,
);

/** A page of a widely installed product: the summary places each school in the page order, so the page falls in one or two of them. */
async function pageFromSummary(ctx: Ctx, lines: LinesOf, input: { page: number; pageSize: number }, key: string) {
  const summary = await summaryOf(ctx, lines, key);
  const [pageSize, start] = pageWindow(input);
  const spanned = summary.establishments.filter((school) => school.before < start + pageSize && school.before + school.installations > start);
  if (spanned.length === 0) return { summary, items: [] };
  const ids = spanned.flatMap((school) => (school.establishmentId === null ? [] : [school.establishmentId]));
  const withoutSchool = spanned.some((school) => school.establishmentId === null);
  const found = await runPrepared<Omit<InstallLine, 'uai' | 'establishmentName'> & { establishmentId: string | null }>(ctx.db, spannedPage, [
    lines.tenantId,
    lines.softwareId,
    pgArray(ids),
    withoutSchool,
    pageSize,
    start - spanned[0].before,
  ]);
  const school = new Map(spanned.map((s) => [s.establishmentId, s]));
  const items = found.map(({ establishmentId, lastInventoryAt, ...line }) => ({
    ...line,
    lastInventoryAt: lastInventoryAt ? new Date(lastInventoryAt) : null,
    uai: school.get(establishmentId)?.uai ?? null,
    establishmentName: school.get(establishmentId)?.establishmentName ?? null,
  }));
  return { summary, items };
}
