import { and, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { authorize, establishmentScope } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { establishmentScopeWhere } from '../../referentiel/db/queries.js';
import { assetClasses, assetStatuses } from '../asset-classes.js';
import { establishments } from '../../referentiel/db/schema.js';
import { assets } from '../db/schema.js';
import { pgArray, preparedShape, runPrepared } from '../../../server/platform/prepared.js';
import { normalizeMac } from '../inventory/mac-address.js';
import type { AssetSummaryFields } from '../presenters.js';

export const assetSortColumns = ['name', 'serial', 'assetClass', 'status', 'lastInventoryAt', 'memoryMb', 'purchaseDate'] as const;

export const assetFilters = z.object({
  search: z.string().trim().max(200).optional(),
  uai: z.string().trim().max(20).optional(),
  class: z.enum(assetClasses).optional(),
  status: z.enum(assetStatuses).optional(),
  staleDays: z.coerce.number().int().min(1).max(3650).optional(),
  sort: z.enum(assetSortColumns).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export const findAssetsInput = assetFilters.extend({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(25),
});
export type FindAssetsInput = z.infer<typeof findAssetsInput>;

/** Devices the actor may see: those of the schools in scope; devices of no school only with a tenant-wide role. */
export function assetWhere(ctx: Ctx, filters: z.infer<typeof assetFilters>): SQL {
  authorize(ctx.actor, 'asset.read');
  const scope = establishmentScope(ctx.actor, 'asset.read');
  const conditions: (SQL | undefined)[] = [eq(assets.tenantId, ctx.actor.tenantId)];
  if (!scope.all) conditions.push(establishmentScopeWhere(scope));
  if (filters.search) {
    const search = searchPatterns(filters.search);
    conditions.push(or(...search.patterns.map((pattern) => ilike(assets.searchText, pattern)), eq(assets.inventoryNumber, search.exact)));
  }
  if (filters.uai) conditions.push(eq(establishments.uai, filters.uai.toUpperCase()));
  if (filters.class) conditions.push(eq(assets.assetClass, filters.class));
  if (filters.status) conditions.push(eq(assets.status, filters.status));
  if (filters.staleDays) conditions.push(sql`${assets.lastInventoryAt} < ${new Date(ctx.now().getTime() - filters.staleDays * 86400_000)}`);
  return and(...conditions)!;
}

/**
 * What a search looks for in a device's search text (name, serial, MAC addresses, inventory
 * number, lower case): the term, and a MAC written another way ("00-1A-2B-…", "001a.2b3c.…",
 * "001A2B3C4D5E", or the start of one with dashes) as it is stored ("00:1a:2b:…"); and the exact
 * inventory number.
 */
export function searchPatterns(search: string): { patterns: string[]; exact: string } {
  const lower = search.toLowerCase();
  const mac = normalizeMac(lower) ?? (/^([0-9a-f]{2}-){1,5}[0-9a-f]{0,2}$/.test(lower) ? lower.replaceAll('-', ':') : null);
  const like = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return { patterns: mac && mac !== lower ? [like(lower), like(mac)] : [like(lower)], exact: search };
}

/** A line of the list: the columns the list shows, not the agent's hardware detail (tens of kilobytes a device). */
interface AssetLine {
  asset: AssetSummaryFields;
  uai: string | null;
  establishmentName: string | null;
  unitId: string | null;
  academyCode: string | null;
}

const sortExpressions: Record<(typeof assetSortColumns)[number], string> = {
  name: 'a.name',
  serial: 'a.serial',
  assetClass: 'a.class',
  status: 'a.status',
  lastInventoryAt: 'a.last_inventory_at',
  memoryMb: 'a.memory_mb',
  purchaseDate: 'a.purchase_date',
};

/** Dates as text (the same on both drivers), the rest as they come. */
const lineColumns = `a.id, a.establishment_id as "establishmentId", a.class as "assetClass", a.status, a.name, a.serial,
  a.inventory_number as "inventoryNumber", a.manufacturer, a.model, a.os_name as "osName", a.os_version as "osVersion",
  a.memory_mb as "memoryMb", a.software_count as "softwareCount", a.mac_addresses as "macAddresses",
  a.warranty_end::text as "warrantyEnd", a.purchase_date::text as "purchaseDate", a.last_inventory_at as "lastInventoryAt",
  a.loan_borrower as "loanBorrower", a.loan_due::text as "loanDue", a.version,
  e.uai, e.name as "establishmentName", e.unit_id as "unitId", e.academy_code as "academyCode"`;

const fromAssets = `from parc.assets a left join referentiel.establishments e on e.tenant_id = a.tenant_id and e.id = a.establishment_id`;

/**
 * The list's statements for the filters given, as SQL text with $n parameters: the text depends
 * only on which filters are set and on the sort, so each shape is prepared once per connection and
 * nothing is built per request but this string (drizzle's builder was a fifth of a list's cost).
 * The same rules as `assetWhere`: the actor's schools, devices of no school for a tenant-wide role.
 */
function listStatements(ctx: Ctx, input: FindAssetsInput) {
  authorize(ctx.actor, 'asset.read');
  const scope = establishmentScope(ctx.actor, 'asset.read');
  const values: unknown[] = [];
  const param = (value: unknown) => `$${values.push(value)}`;
  const conditions = [`a.tenant_id = ${param(ctx.actor.tenantId)}`];
  if (!scope.all) {
    conditions.push(
      `(e.id = any(${param(pgArray(scope.establishmentIds))}::uuid[]) or e.unit_id = any(${param(pgArray(scope.unitIds))}::uuid[]) or e.academy_code = any(${param(pgArray(scope.academyCodes))}::text[]))`,
    );
  }
  if (input.search) {
    const search = searchPatterns(input.search);
    conditions.push(`(${[...search.patterns.map((p) => `a.search_text ilike ${param(p)}`), `a.inventory_number = ${param(search.exact)}`].join(' or ')})`);
  }
  if (input.uai) conditions.push(`e.uai = ${param(input.uai.toUpperCase())}`, 'a.establishment_id is not null');
  if (input.class) conditions.push(`a.class = ${param(input.class)}`);
  if (input.status) conditions.push(`a.status = ${param(input.status)}`);
  if (input.staleDays) conditions.push(`a.last_inventory_at < ${param(new Date(ctx.now().getTime() - input.staleDays * 86400_000).toISOString())}::timestamptz`);
  const where = `where ${conditions.join(' and ')}`;
  const filterValues = [...values];
  const order = `${sortExpressions[input.sort]} ${input.order === 'desc' ? 'desc nulls last' : 'asc'}, a.id asc`;
  // the list of one school (a few hundred devices at most) counts in the same statement: the rows are in hand anyway
  const total = input.uai ? `, count(*) over () as total` : '';
  const page = preparedShape(
    'parc_assets',
    `select ${lineColumns}${total} ${fromAssets} ${where} order by ${order} limit ${param(input.pageSize)} offset ${param((input.page - 1) * input.pageSize)}`,
  );
  const count = preparedShape('parc_assets_count', `select count(*)::int as total ${fromAssets} ${where}`);
  return { page: { statement: page, values }, count: { statement: count, values: filterValues } };
}

type LineRow = Omit<AssetSummaryFields, 'lastInventoryAt'> & { lastInventoryAt: Date | string | null; uai: string | null; establishmentName: string | null; unitId: string | null; academyCode: string | null; total?: number | string };

const toLine = ({ uai, establishmentName, unitId, academyCode, total: _, lastInventoryAt, ...asset }: LineRow): AssetLine => ({
  asset: { ...asset, lastInventoryAt: lastInventoryAt === null ? null : new Date(lastInventoryAt) },
  uai,
  establishmentName,
  unitId,
  academyCode,
});

/**
 * One page of the list. The list of one school is read in one statement that also counts; a
 * wider list pages first and counts apart, at the same time.
 */
export async function findAssets(ctx: Ctx, input: FindAssetsInput) {
  const { page, count } = listStatements(ctx, input);
  const counted = () => runPrepared<{ total: number }>(ctx.db, count.statement, count.values).then(([r]) => r.total);
  const [rows, total] = await Promise.all([runPrepared<LineRow>(ctx.db, page.statement, page.values), input.uai ? null : counted()]);
  // past the last page the window counted nothing: count apart
  const schoolTotal = rows.length ? Number(rows[0].total) : input.page > 1 ? await counted() : 0;
  return { items: rows.map(toLine), total: total ?? schoolTotal };
}
