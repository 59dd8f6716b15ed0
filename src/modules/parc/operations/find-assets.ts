import type { SQL } from 'drizzle-orm';
import { z } from 'zod';
import { authorize, establishmentScope } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { assetClasses, assetStatuses } from '../asset-classes.js';
import { preparedShape, runPrepared, sqlText } from '../../../server/platform/prepared.js';
import { establishmentScopeText } from '../../referentiel/index.js';
import { normalizeMac } from '../inventory/mac-address.js';
import type { AssetSummaryFields } from '../presenters/assets.js';

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

/**
 * Devices the actor may see, filtered: the list's conditions (`listConditions`) for a drizzle
 * query over `parc.assets` joined to `referentiel.establishments_view` (exports, the device page, the
 * fleet's pages).
 */
export function assetWhere(ctx: Ctx, filters: z.infer<typeof assetFilters>): SQL {
  const values: unknown[] = [];
  return sqlText(listConditions(ctx, filters, values).join(' and '), values);
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
  // as a person reads names: « pc-cdi-02 » between « PC-CDI-01 » and « PC-CDI-03 », whatever the collation
  name: 'lower(parc.assets.name)',
  serial: 'parc.assets.serial',
  assetClass: 'parc.assets.class',
  status: 'parc.assets.status',
  lastInventoryAt: 'parc.assets.last_inventory_at',
  memoryMb: 'parc.assets.memory_mb',
  purchaseDate: 'parc.assets.purchase_date',
};

/**
 * Who sees which devices, and the list's filters, written once as SQL text with $n parameters
 * (pushed on `values`), columns named in full so that drizzle queries over the same tables use
 * them too (`assetWhere`). The actor's schools; devices of no school for a tenant-wide role only
 * (the scope's condition is on the school: false when there is none).
 */
function listConditions(ctx: Ctx, filters: z.infer<typeof assetFilters>, values: unknown[]): string[] {
  authorize(ctx.actor, 'asset.read');
  const scope = establishmentScope(ctx.actor, 'asset.read');
  const param = (value: unknown) => `$${values.push(value)}`;
  const e = 'referentiel.establishments_view';
  const conditions = [`parc.assets.tenant_id = ${param(ctx.actor.tenantId)}`];
  const inScope = establishmentScopeText(scope, e, param);
  if (inScope) conditions.push(inScope);
  if (filters.search) {
    const search = searchPatterns(filters.search);
    const patterns = search.patterns.map((p) => `parc.assets.search_text ilike ${param(p)}`);
    conditions.push(`(${[...patterns, `parc.assets.inventory_number = ${param(search.exact)}`].join(' or ')})`);
  }
  if (filters.uai) conditions.push(`${e}.uai = ${param(filters.uai.toUpperCase())}`);
  if (filters.class) conditions.push(`parc.assets.class = ${param(filters.class)}`);
  if (filters.status) conditions.push(`parc.assets.status = ${param(filters.status)}`);
  if (filters.staleDays) conditions.push(`parc.assets.last_inventory_at < ${param(new Date(ctx.now().getTime() - filters.staleDays * 86400_000).toISOString())}::timestamptz`);
  return conditions;
}

/** Dates as text (the same on both drivers), the rest as they come. */
const lineColumns = `parc.assets.id, parc.assets.establishment_id as "establishmentId", parc.assets.class as "assetClass", parc.assets.status,
  parc.assets.name, parc.assets.serial, parc.assets.inventory_number as "inventoryNumber", parc.assets.manufacturer, parc.assets.model,
  parc.assets.os_name as "osName", parc.assets.os_version as "osVersion", parc.assets.memory_mb as "memoryMb",
  parc.assets.software_count as "softwareCount", parc.assets.mac_addresses as "macAddresses", parc.assets.warranty_end::text as "warrantyEnd",
  parc.assets.purchase_date::text as "purchaseDate", parc.assets.last_inventory_at as "lastInventoryAt", parc.assets.loan_borrower as "loanBorrower",
  parc.assets.loan_due::text as "loanDue", parc.assets.version, referentiel.establishments_view.uai, referentiel.establishments_view.name as "establishmentName",
  referentiel.establishments_view.unit_id as "unitId", referentiel.establishments_view.academy_code as "academyCode"`;

const fromAssets = `from parc.assets left join referentiel.establishments_view
  on referentiel.establishments_view.tenant_id = parc.assets.tenant_id and referentiel.establishments_view.id = parc.assets.establishment_id`;

/**
 * The list's statements for the filters given: the text depends only on which filters are set and
 * on the sort, so each shape is prepared once per connection and nothing is built per request but
 * this string (drizzle's builder was a fifth of a list's cost).
 */
function listStatements(ctx: Ctx, input: FindAssetsInput) {
  const values: unknown[] = [];
  const conditions = listConditions(ctx, input, values);
  // the list of one school (a few hundred devices at most) counts in the same statement: the rows are in hand anyway
  if (input.uai) conditions.push('parc.assets.establishment_id is not null');
  const where = `where ${conditions.join(' and ')}`;
  const filterValues = [...values];
  const param = (value: unknown) => `$${values.push(value)}`;
  const order = `${sortExpressions[input.sort]} ${input.order === 'desc' ? 'desc nulls last' : 'asc'}, parc.assets.id asc`;
  const total = input.uai ? `, count(*) over () as total` : '';
  const page = preparedShape(
    'parc_assets',
    `select ${lineColumns}${total} ${fromAssets} ${where} order by ${order} limit ${param(input.pageSize)} offset ${param((input.page - 1) * input.pageSize)}`,
  );
  const count = preparedShape('parc_assets_count', `select count(*)::int as total ${fromAssets} ${where}`);
  return { page: { statement: page, values }, count: { statement: count, values: filterValues } };
}

type LineRow = Omit<AssetSummaryFields, 'lastInventoryAt'> & { lastInventoryAt: Date | string | null; uai: string | null; establishmentName: string | null; unitId: string | null; academyCode: string | null; total?: number | string };

/** Objects written out, not spread: a rest copy per row is most of what mapping a page costs. */
const toLine = (row: LineRow): AssetLine => ({
  asset: {
    id: row.id,
    establishmentId: row.establishmentId,
    assetClass: row.assetClass,
    status: row.status,
    name: row.name,
    serial: row.serial,
    inventoryNumber: row.inventoryNumber,
    manufacturer: row.manufacturer,
    model: row.model,
    osName: row.osName,
    osVersion: row.osVersion,
    memoryMb: row.memoryMb,
    softwareCount: row.softwareCount,
    macAddresses: row.macAddresses,
    warrantyEnd: row.warrantyEnd,
    purchaseDate: row.purchaseDate,
    lastInventoryAt: row.lastInventoryAt === null ? null : new Date(row.lastInventoryAt),
    loanBorrower: row.loanBorrower,
    loanDue: row.loanDue,
    version: row.version,
  },
  uai: row.uai,
  establishmentName: row.establishmentName,
  unitId: row.unitId,
  academyCode: row.academyCode,
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
