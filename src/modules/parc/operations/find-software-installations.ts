import { z } from 'zod';
import { authorize, establishmentScope, inScope, type EstablishmentScope } from '../../../server/platform/authz.js';
import type { AuthedCtx, Ctx } from '../../../server/platform/context.js';
import { notFound } from '../../../server/platform/errors.js';
import { pgArray, prepared, runPrepared } from '../../../server/platform/prepared.js';
import { defineCache } from '../../../server/platform/cache.js';
import { establishmentDirectory, type DirectoryEntry } from '../../referentiel/index.js';
import { establishmentInScope, type FleetEstablishment } from './fleet-scope.js';

export const softwareIdParams = z.object({ id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) });
export const softwareInstallationsInput = z.object({
  uai: z.string().trim().min(1).max(20).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(25),
  /** How many schools to list, most devices first (the export gives them all). */
  schools: z.coerce.number().int().min(1).max(1000).default(50),
});

/**
 * Up to this many installations tenant-wide, a product's lines are read whole for each request and
 * counted here; beyond, its summary is counted by PostgreSQL and kept a minute (see `summaries`).
 */
export const smallInstallBase = 1000;

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
  /** In the page order. */
  establishments: SchoolCount[];
  /** What the answer lists: most devices first (kept with a widely installed product's summary, sorted once). */
  ranked: { uai: string | null; establishmentName: string | null; devices: number }[];
  versions: { version: string; devices: number }[];
}

interface Product {
  id: number;
  name: string;
  publisher: string | null;
}

/**
 * Where one software is installed, among the devices the actor may see: the schools and how many
 * devices each, the versions, and the devices themselves a page at a time (by school, then name).
 *
 * Each line of `parc.asset_software` carries its device's school, and the index on (tenant,
 * product, school, device, version) holds all of it. Most products of a fleet are on a few hundred
 * devices: one statement reads the product and its lines from that index, they are counted by
 * school here (schools named and checked against the actor's scope from the tenant's directory),
 * and a second reads only the page's devices. Each round trip and each join costs a request more
 * than counting a few hundred lines in the process. A product on every PC of the Région (100,000
 * lines) is counted by PostgreSQL instead, kept a minute, and its pages read school by school.
 */
export async function findSoftwareInstallations(
  ctx: Ctx,
  input: { id: number; schools?: number } & Omit<z.infer<typeof softwareInstallationsInput>, 'schools'>,
  options: { smallInstallBase: number } = { smallInstallBase },
) {
  authorize(ctx.actor, 'asset.read');
  const tenantId = ctx.actor.tenantId;
  const establishment = input.uai ? await establishmentInScope(ctx as AuthedCtx, input.uai) : null;
  const lines: LinesOf = { tenantId, softwareId: input.id, scope: establishmentScope(ctx.actor, 'asset.read'), establishmentId: establishment?.id ?? null };
  const wideKey = `${tenantId}:${input.id}:${options.smallInstallBase}`;
  let product = ctx.cache.of(wideProducts).get(wideKey);
  let found: { summary: Summary; items: InstallLine[] };
  if (product) found = await pageFromSummary(ctx, lines, input, summaryKey(ctx, input));
  else {
    const read = await productAndLines(ctx, lines, options.smallInstallBase);
    product = read.product;
    if (read.lines) found = await pageFromLines(ctx, lines, read.lines, input);
    else {
      ctx.cache.of(wideProducts).set(wideKey, product);
      found = await pageFromSummary(ctx, lines, input, summaryKey(ctx, input));
    }
  }
  return {
    software: product,
    devices: found.summary.devices,
    installations: found.summary.installations,
    establishments: found.summary.ranked.slice(0, input.schools ?? 50),
    establishmentCount: found.summary.ranked.length,
    versions: found.summary.versions,
    items: found.items,
    establishment: establishment satisfies FleetEstablishment | null,
  };
}

/** Most devices first, then by code (UAI, version): a plain comparison, as localeCompare cost a tenth of a request. */
const byDevicesThen =
  <T extends { devices: number }>(key: (x: T) => string) =>
  (a: T, b: T) =>
    b.devices - a.devices || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

/** The lines asked for: one product of one tenant, the actor's schools, perhaps one school. */
interface LinesOf {
  tenantId: string;
  softwareId: number;
  scope: EstablishmentScope;
  establishmentId: string | null;
}

interface Line {
  establishmentId: string | null;
  assetId: string;
  version: string;
}

/**
 * The product (first row, kind 'p': id, name, publisher), then up to `$3` of its lines (kind 'l':
 * school, device, version), of one school (`$4`) in the second form. No row: not the tenant's
 * product (a line names its product with the tenant first, so none of another tenant's comes back).
 * Three text columns, the product's not repeated: parsing rows is most of what this costs.
 * With `majority`, the publisher is the one most installations report, counted from the same
 * index (the publisher is its last column: read from the rows instead, one scattered page per
 * line, it tripled the database's cost of a page), and kept in `majorityPublishers`.
 */
const productLinesText = (oneSchool: boolean, majority: boolean) => `
  select 'p' as k, id::text as a, name as b,
         ${majority ? 'coalesce((select mode() within group (order by publisher) from parc.asset_software where tenant_id = $1 and software_id = $2), publisher)' : 'publisher'} as c
    from parc.software where tenant_id = $1 and id = $2
  union all
  (select 'l', establishment_id::text, asset_id::text, version from parc.asset_software
    where tenant_id = $1 and software_id = $2${oneSchool ? ' and establishment_id = $4::uuid' : ''}
    limit $3)`;
const statements = {
  all: prepared('parc_software_lines', productLinesText(false, false)),
  allWithMajority: prepared('parc_software_lines_majority', productLinesText(false, true)),
  school: prepared('parc_software_school_lines', productLinesText(true, false)),
  schoolWithMajority: prepared('parc_software_school_lines_majority', productLinesText(true, true)),
};

/**
 * The publisher most installations of a product report, per tenant and product. Agents change it
 * rarely (a fleet moving from one distribution to another): it may lag them by its lifetime.
 */
export const majorityPublishers = defineCache<string | null>('software-majority-publisher', { max: 20_000, ttlMs: 10 * 60_000 });

async function productAndLines(ctx: Ctx, of: LinesOf, threshold: number): Promise<{ product: Product; lines: Line[] | null }> {
  const publishers = ctx.cache.of(majorityPublishers);
  const publisherKey = `${of.tenantId}:${of.softwareId}`;
  const knownPublisher = publishers.get(publisherKey);
  const statement = of.establishmentId
    ? knownPublisher === undefined ? statements.schoolWithMajority : statements.school
    : knownPublisher === undefined ? statements.allWithMajority : statements.all;
  const rows = await runPrepared<{ k: 'p' | 'l'; a: string | null; b: string; c: string | null }>(ctx.db, statement, [
    of.tenantId,
    of.softwareId,
    threshold + 1,
    ...(of.establishmentId ? [of.establishmentId] : []),
  ]);
  const head = rows.find((row) => row.k === 'p');
  if (!head) throw notFound('Logiciel');
  if (knownPublisher === undefined) publishers.set(publisherKey, head.c);
  const product = { id: Number(head.a), name: head.b, publisher: knownPublisher === undefined ? head.c : knownPublisher };
  if (rows.length - 1 > threshold) return { product, lines: null };
  const lines: Line[] = [];
  for (const row of rows) if (row.k === 'l') lines.push({ establishmentId: row.a, assetId: row.b, version: row.c ?? '' });
  return { product, lines };
}

/** A product's lines in one school: the devices that have it, the lines, each line's version (a device has a version once). */
interface SchoolGroup {
  establishmentId: string | null;
  devices: number;
  installations: number;
  versions: string[];
}

/**
 * The summary of the groups the actor may see: schools named, checked against the scope and
 * ordered by UAI (no school last) from the tenant's directory, each placed after the lines before
 * it; totals; versions; the lists as the answer gives them (most devices first). The one place
 * where-installed applies the scope, whichever way its groups were counted.
 */
async function summaryOfGroups(ctx: Ctx, of: LinesOf, groups: SchoolGroup[]): Promise<Summary> {
  let directory = await establishmentDirectory(ctx, of.tenantId);
  // a school created since the directory was read: read it again, once
  if (groups.some((g) => g.establishmentId !== null && !directory.has(g.establishmentId))) directory = await establishmentDirectory(ctx, of.tenantId, { refresh: true });
  const visible: { group: SchoolGroup; entry: DirectoryEntry | null }[] = [];
  for (const group of groups) {
    const entry = group.establishmentId === null ? null : directory.get(group.establishmentId);
    // lines of no school: a tenant-wide role only, as in the device list
    const seen = group.establishmentId === null ? of.scope.all && !of.establishmentId : !!entry && inScope(of.scope, entry);
    if (seen) visible.push({ group, entry: entry ?? null });
  }
  visible.sort((a, b) => compare(a.entry?.uai ?? '\uffff', b.entry?.uai ?? '\uffff'));
  const versions = new Map<string, number>();
  const establishments: SchoolCount[] = [];
  let before = 0;
  let devices = 0;
  for (const { group, entry } of visible) {
    for (const version of group.versions) versions.set(version, (versions.get(version) ?? 0) + 1);
    // objects written out, not spread: a rest copy per school was a tenth of the request
    establishments.push({ establishmentId: group.establishmentId, uai: entry?.uai ?? null, establishmentName: entry?.name ?? null, devices: group.devices, installations: group.installations, before });
    before += group.installations;
    devices += group.devices;
  }
  return {
    devices,
    installations: before,
    establishments,
    ranked: establishments.map((e) => ({ uai: e.uai, establishmentName: e.establishmentName, devices: e.devices })).sort(byDevicesThen((e) => e.uai ?? '\uffff')),
    versions: [...versions].map(([version, n]) => ({ version, devices: n })).sort(byDevicesThen((v) => v.version)),
  };
}

/** The schools of a page: those whose lines it overlaps, in the page order. */
const spannedBy = (summary: Summary, start: number, pageSize: number) =>
  summary.establishments.filter((school) => school.before < start + pageSize && school.before + school.installations > start);

/** Summary and page of a product on a few hundred devices: its lines counted here, then the page's devices read. */
async function pageFromLines(ctx: Ctx, of: LinesOf, lines: Line[], input: { page: number; pageSize: number }) {
  const bySchool = new Map<string | null, Line[]>();
  for (const line of lines) {
    const ofSchool = bySchool.get(line.establishmentId);
    if (ofSchool) ofSchool.push(line);
    else bySchool.set(line.establishmentId, [line]);
  }
  const groups = [...bySchool].map(([establishmentId, ofSchool]): SchoolGroup => ({
    establishmentId,
    devices: new Set(ofSchool.map((line) => line.assetId)).size,
    installations: ofSchool.length,
    versions: ofSchool.map((line) => line.version),
  }));
  const summary = await summaryOfGroups(ctx, of, groups);
  const [pageSize, start] = pageWindow(input);
  const spanned = spannedBy(summary, start, pageSize);
  if (spanned.length === 0) return { summary, items: [] };
  const pageLines = spanned.flatMap((school) => bySchool.get(school.establishmentId)!);
  const found = await runPrepared<DeviceRow>(ctx.db, devicesOf, [of.tenantId, pgArray([...new Set(pageLines.map((l) => l.assetId))])]);
  const device = new Map(found.map((d) => [d.id, d]));
  const rank = new Map(spanned.map((school, i) => [school.establishmentId, i]));
  const ordered = pageLines
    .filter((line) => device.has(line.assetId))
    .sort((a, b) => rank.get(a.establishmentId)! - rank.get(b.establishmentId)! || byName(device.get(a.assetId)!, device.get(b.assetId)!) || compare(a.assetId, b.assetId) || compare(a.version, b.version));
  const skip = start - spanned[0].before;
  const items = ordered.slice(skip, skip + pageSize).map((line) => ({ ...device.get(line.assetId)!, version: line.version, establishmentId: line.establishmentId }));
  return { summary, items: namedLines(summary, items) };
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** As PostgreSQL orders `name nulls last` (the wide products' pages): by code point here, by the database's collation there. */
const byName = (a: DeviceRow, b: DeviceRow) => (a.name === b.name ? 0 : a.name === null ? 1 : b.name === null ? -1 : compare(a.name, b.name));

interface DeviceRow {
  id: string;
  name: string | null;
  serial: string | null;
  assetClass: string;
  status: string;
  lastInventoryAt: Date | string | null;
}

const devicesOf = prepared(
  'parc_software_page_devices',
  `select id, name, serial, class as "assetClass", status, last_inventory_at as "lastInventoryAt" from parc.assets where tenant_id = $1 and id = any($2::uuid[])`,
);

/**
 * A widely installed product's lines counted by school from the index alone ($1 tenant, $2
 * product; $3 one school in the second form): the scope and the names are applied by
 * summaryOfGroups, as for the products counted here.
 */
const groupsText = (oneSchool: boolean) => `
  select establishment_id as "establishmentId", count(distinct asset_id)::int as devices, count(*)::int as installations, array_agg(version) as versions
    from parc.asset_software
   where tenant_id = $1 and software_id = $2${oneSchool ? ' and establishment_id = $3::uuid' : ''}
   group by establishment_id`;
const groupsStatement = prepared('parc_software_groups', groupsText(false));
const schoolGroupsStatement = prepared('parc_software_school_groups', groupsText(true));

async function computeSummary(ctx: Ctx, of: LinesOf): Promise<Summary> {
  const groups = of.establishmentId
    ? await runPrepared<SchoolGroup>(ctx.db, schoolGroupsStatement, [of.tenantId, of.softwareId, of.establishmentId])
    : await runPrepared<SchoolGroup>(ctx.db, groupsStatement, [of.tenantId, of.softwareId]);
  return summaryOfGroups(ctx, of, groups);
}

const pageWindow = (input: { page: number; pageSize: number }) => [input.pageSize, (input.page - 1) * input.pageSize];

/**
 * Widely installed products (a catalogue row is never renamed nor deleted: the software store only
 * adds), and their summaries per tenant, scope, product and school: a minute. Inventories change
 * the lines all day and do not invalidate them (the minute is the promise); a device moved by a
 * person to another school does (asset updates invalidate `softwareSummaries`).
 */
const wideProducts = defineCache<Product>('software-wide-products', { max: 5_000, ttlMs: 60_000 });
export const softwareSummaries = defineCache<Promise<Summary>>('software-summaries', { max: 2_000, ttlMs: 60_000 });

const summaryKey = (ctx: Ctx, input: { id: number; uai?: string }) =>
  JSON.stringify([ctx.actor!.tenantId, establishmentScope(ctx.actor!, 'asset.read'), input.id, input.uai?.toUpperCase() ?? null]);

/**
 * A summary is kept as the promise of its computation: when one expires under load, the dozens of
 * requests that miss it at the same moment wait for the one computation instead of each starting its own.
 */
function summaryOf(ctx: Ctx, lines: LinesOf, key: string): Promise<Summary> {
  return ctx.cache.of(softwareSummaries).remember(key, () => computeSummary(ctx, lines));
}

/**
 * $1 tenant, $2 product, $3 the schools spanned in page order (each one index range), $4 whether
 * lines of no school come last, $5 page size, $6 lines to skip in the first school. `offset 0` keeps
 * the lateral a subquery: one index range per school, whatever a generic plan estimates of the product.
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

/** A page of a widely installed product: the summary places each school in the page order, so only the schools the page spans are read. */
async function pageFromSummary(ctx: Ctx, lines: LinesOf, input: { page: number; pageSize: number }, key: string) {
  const summary = await summaryOf(ctx, lines, key);
  const [pageSize, start] = pageWindow(input);
  const spanned = spannedBy(summary, start, pageSize);
  if (spanned.length === 0) return { summary, items: [] };
  const ids = spanned.flatMap((school) => (school.establishmentId === null ? [] : [school.establishmentId]));
  const withoutSchool = spanned.some((school) => school.establishmentId === null);
  const found = await runPrepared<DeviceRow & { version: string; establishmentId: string | null }>(ctx.db, spannedPage, [
    lines.tenantId,
    lines.softwareId,
    pgArray(ids),
    withoutSchool,
    pageSize,
    start - spanned[0].before,
  ]);
  return { summary, items: namedLines(summary, found) };
}

/** The page's lines with their school's UAI and name, from the summary (no lookup of the school per device). */
function namedLines(summary: Summary, found: (DeviceRow & { version: string; establishmentId: string | null })[]): InstallLine[] {
  const school = new Map(summary.establishments.map((s) => [s.establishmentId, s]));
  return found.map((line): InstallLine => {
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
}
