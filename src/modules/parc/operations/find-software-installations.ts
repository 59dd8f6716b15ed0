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
 * product, school, device, version) holds all of it: one statement counts a product's lines by
 * school from that index alone (with each school's name and whether the actor sees it), and a
 * second reads the page's lines, school by school, with their devices. Ordering the schools and
 * placing the page among them is done here, on a few hundred rows: in SQL (window, JSON) it cost
 * PostgreSQL as much again. A product on every PC of the Région (100,000 lines) takes tens of
 * milliseconds to count: its summary is kept a minute.
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
  const wide = product.installBase > options.smallInstallBase;
  const found = await pageFromSummary(ctx, lines, input, wide ? summaryKey(ctx, input) : null);
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

/** Most devices first, then by code (UAI, version): a plain comparison, as localeCompare cost a tenth of a request. */
const byDevicesThen =
  <T extends { devices: number }>(key: (x: T) => string) =>
  (a: T, b: T) =>
    b.devices - a.devices || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

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

/** $1 tenant, $2 product, $3 tenant-wide, $4–$6 the scope's schools, units and académies, $7 the one school asked (second statement). */
const linesParameters = (l: LinesOf) => [
  l.tenantId,
  l.softwareId,
  l.scope.all,
  pgArray(l.scope.establishmentIds),
  pgArray(l.scope.unitIds),
  pgArray(l.scope.academyCodes),
  ...(l.establishmentId ? [l.establishmentId] : []),
];

/**
 * The product's schools the actor may see, each with its devices, lines and their versions (one
 * entry per line: a device has a version once), counted from the index alone. Lines of no school
 * are seen by a tenant-wide role only, as in the device list.
 */
const schoolsText = (oneSchool: boolean) => `
  select g.school as "establishmentId", e.uai, e.name as "establishmentName", g.devices, g.installations, g.versions
    from (select establishment_id as school, count(distinct asset_id)::int as devices, count(*)::int as installations, array_agg(version) as versions
            from parc.asset_software
           where tenant_id = $1 and software_id = $2${oneSchool ? ' and establishment_id = $7::uuid' : ''}
           group by establishment_id) g
    left join referentiel.establishments e on e.tenant_id = $1 and e.id = g.school
   where case when g.school is null then $3
              else $3 or e.id = any($4::uuid[]) or e.unit_id = any($5::uuid[]) or e.academy_code = any($6::text[]) end`;
const schoolsStatement = prepared('parc_software_schools', schoolsText(false));
const schoolStatement = prepared('parc_software_school', schoolsText(true));

interface SchoolRow extends Omit<SchoolCount, 'before'> {
  versions: string[];
}

/** The schools in the page order (by UAI, no school last), each placed after the lines before it; totals and versions over them. */
function summarize(rows: SchoolRow[]): Summary {
  const byUai = (a: SchoolRow, b: SchoolRow) => (a.uai === b.uai ? 0 : a.uai === null ? 1 : b.uai === null ? -1 : a.uai < b.uai ? -1 : 1);
  const versions = new Map<string, number>();
  let lines = 0;
  let devices = 0;
  // objects written out, not spread: a rest copy per school was a tenth of the request
  const establishments = [...rows].sort(byUai).map((school): SchoolCount => {
    for (const version of school.versions) versions.set(version, (versions.get(version) ?? 0) + 1);
    const placed = { establishmentId: school.establishmentId, uai: school.uai, establishmentName: school.establishmentName, devices: school.devices, installations: school.installations, before: lines };
    lines += school.installations;
    devices += school.devices;
    return placed;
  });
  return { devices, installations: lines, establishments, versions: [...versions].map(([version, n]) => ({ version, devices: n })) };
}

async function computeSummary(ctx: Ctx, lines: LinesOf): Promise<Summary> {
  const statement = lines.establishmentId ? schoolStatement : schoolsStatement;
  return summarize(await runPrepared<SchoolRow>(ctx.db, statement, linesParameters(lines)));
}

const pageWindow = (input: { page: number; pageSize: number }) => [input.pageSize, (input.page - 1) * input.pageSize];

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

/** A product's summary: counted for each request, or (`key`: a widely installed product) kept a minute. */
async function summaryOf(ctx: Ctx, lines: LinesOf, key: string | null): Promise<Summary> {
  if (key === null) return computeSummary(ctx, lines);
  const kept = summaries.get(key, Date.now());
  if (kept) return kept;
  const pending = computing.get(key);
  if (pending) return pending;
  const started = Date.now();
  const computed = computeSummary(ctx, lines)
    .then((summary) => {
      summaries.set(key, summary, started + summaryLifetimeMs);
      return summary;
    })
    .finally(() => computing.delete(key));
  computing.set(key, computed);
  return computed;
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

/** The summary and a page: the summary places each school in the page order, so only the schools the page spans are read. */
async function pageFromSummary(ctx: Ctx, lines: LinesOf, input: { page: number; pageSize: number }, key: string | null) {
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
  const items = found.map((line): InstallLine => {
    const of = school.get(line.establishmentId);
    return {
      id: line.id,
      name: line.name,
      serial: line.serial,
      assetClass: line.assetClass,
      status: line.status,
      version: line.version,
      lastInventoryAt: line.lastInventoryAt ? new Date(line.lastInventoryAt) : null,
      uai: of?.uai ?? null,
      establishmentName: of?.establishmentName ?? null,
    };
  });
  return { summary, items };
}
