import { and, asc, count, eq, ilike, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { authorize, establishmentScope } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { establishmentScopeWhere } from '../../referentiel/db/queries.js';
import { establishments } from '../../referentiel/db/schema.js';
import { assetClasses, assetStatuses } from '../asset-classes.js';
import { assets } from '../db/schema.js';
import { runPrepared } from '../db/prepared.js';

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
    const term = filters.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
    conditions.push(or(ilike(assets.searchText, `%${term}%`), eq(assets.inventoryNumber, filters.search)));
  }
  if (filters.uai) conditions.push(eq(establishments.uai, filters.uai.toUpperCase()));
  if (filters.class) conditions.push(eq(assets.assetClass, filters.class));
  if (filters.status) conditions.push(eq(assets.status, filters.status));
  if (filters.staleDays) conditions.push(sql`${assets.lastInventoryAt} < ${new Date(ctx.now().getTime() - filters.staleDays * 86400_000)}`);
  return and(...conditions)!;
}

const establishmentJoin = and(eq(establishments.tenantId, assets.tenantId), eq(establishments.id, assets.establishmentId));

/** What a line of the list shows: not the agent's hardware detail (tens of kilobytes a device). */
export const assetSummaryColumns = {
  id: assets.id,
  establishmentId: assets.establishmentId,
  assetClass: assets.assetClass,
  status: assets.status,
  name: assets.name,
  serial: assets.serial,
  inventoryNumber: assets.inventoryNumber,
  manufacturer: assets.manufacturer,
  model: assets.model,
  osName: assets.osName,
  osVersion: assets.osVersion,
  memoryMb: assets.memoryMb,
  softwareCount: assets.softwareCount,
  macAddresses: assets.macAddresses,
  warrantyEnd: assets.warrantyEnd,
  purchaseDate: assets.purchaseDate,
  lastInventoryAt: assets.lastInventoryAt,
  loanBorrower: assets.loanBorrower,
  loanDue: assets.loanDue,
  version: assets.version,
};

/**
 * One page of the list. The list of one school (a few hundred devices at most) is read in one
 * statement that also counts (count(*) over ()): the rows are in hand anyway. A wider list pages
 * first and counts apart. Both are named prepared statements (see db/prepared.ts).
 */
export async function findAssets(ctx: Ctx, input: FindAssetsInput) {
  const where = assetWhere(ctx, input);
  const oneSchool = !!input.uai;
  const page = ctx.db
    .select({
      asset: assetSummaryColumns,
      uai: establishments.uai,
      establishmentName: establishments.name,
      unitId: establishments.unitId,
      academyCode: establishments.academyCode,
      total: (oneSchool ? sql<number>`count(*) over ()` : sql<number>`0`).mapWith(Number),
    })
    .from(assets)
    .leftJoin(establishments, establishmentJoin)
    .where(oneSchool ? and(where, isNotNull(assets.establishmentId)) : where)
    .orderBy(input.order === 'desc' ? sql`${assets[input.sort]} desc nulls last` : asc(assets[input.sort]), asc(assets.id))
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize);
  const counted = () => runPrepared(ctx.db.select({ total: count() }).from(assets).leftJoin(establishments, establishmentJoin).where(where)).then(([r]) => r.total);
  const [items, total] = await Promise.all([runPrepared(page), oneSchool ? null : counted()]);
  // past the last page the window counted nothing: count apart
  const schoolTotal = items.length ? items[0].total : input.page > 1 ? await counted() : 0;
  return { items: items.map(({ total: _, ...row }) => row), total: total ?? schoolTotal };
}
