import { and, asc, count, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { authorize, establishmentScope } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { establishmentScopeWhere } from '../../referentiel/db/queries.js';
import { establishments } from '../../referentiel/db/schema.js';
import { assetClasses, assetStatuses } from '../asset-classes.js';
import { assets } from '../db/schema.js';

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

export async function findAssets(ctx: Ctx, input: FindAssetsInput) {
  const where = assetWhere(ctx, input);
  const [items, [{ total }]] = await Promise.all([
    ctx.db
      .select({ asset: assets, uai: establishments.uai, establishmentName: establishments.name, unitId: establishments.unitId, academyCode: establishments.academyCode })
      .from(assets)
      .leftJoin(establishments, establishmentJoin)
      .where(where)
      .orderBy(input.order === 'desc' ? sql`${assets[input.sort]} desc nulls last` : asc(assets[input.sort]), asc(assets.id))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    ctx.db.select({ total: count() }).from(assets).leftJoin(establishments, establishmentJoin).where(where),
  ]);
  return { items, total };
}
