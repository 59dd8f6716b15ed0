import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { authorize, establishmentScope } from '../../../server/platform/authz.js';
import { defineCache } from '../../../server/platform/cache.js';
import type { Ctx } from '../../../server/platform/context.js';
import { searchKey } from '../establishment-record.js';
import { establishments } from '../db/schema.js';
import { establishmentScopeWhere } from '../db/queries.js';

export const sortableColumns = ['name', 'uai', 'communeName', 'natureCode', 'pupils', 'academyCode', 'updatedAt'] as const;

export const establishmentFilters = z.object({
  search: z.string().trim().max(200).optional(),
  natureCode: z.string().max(10).optional(),
  sector: z.enum(['public', 'private']).optional(),
  academyCode: z.string().max(5).optional(),
  departmentCode: z.string().max(5).optional(),
  unitId: z.uuid().optional(),
  priorityEducation: z.enum(['REP', 'REP+', 'none']).optional(),
  isOpen: z.enum(['true', 'false']).optional(),
  sort: z.enum(sortableColumns).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type EstablishmentFilters = z.infer<typeof establishmentFilters>;

export const findEstablishmentsInput = establishmentFilters.extend({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(25),
});
export type FindEstablishmentsInput = z.infer<typeof findEstablishmentsInput>;

/** Filters in SQL: the actor's scope first, then what the person asked for. */
export function establishmentWhere(ctx: Ctx, filters: Omit<EstablishmentFilters, 'sort' | 'order'>): SQL {
  authorize(ctx.actor, 'establishment.read');
  const conditions: (SQL | undefined)[] = [
    eq(establishments.tenantId, ctx.actor.tenantId),
    establishmentScopeWhere(establishmentScope(ctx.actor, 'establishment.read')),
  ];
  if (filters.search) {
    const key = searchKey(filters.search).replace(/[\\%_]/g, (c) => `\\${c}`);
    conditions.push(or(ilike(establishments.searchText, `%${key}%`), eq(establishments.uai, filters.search.toUpperCase())));
  }
  if (filters.natureCode) conditions.push(eq(establishments.natureCode, filters.natureCode));
  if (filters.sector) conditions.push(eq(establishments.sector, filters.sector));
  if (filters.academyCode) conditions.push(eq(establishments.academyCode, filters.academyCode));
  if (filters.departmentCode) conditions.push(eq(establishments.departmentCode, filters.departmentCode));
  if (filters.unitId) {
    // an agency or a sector holds its zones' schools: the filter covers the whole subtree
    conditions.push(sql`${establishments.unitId} in (
      with recursive sub(id) as (
        select id from referentiel.territorial_units where tenant_id = ${ctx.actor.tenantId} and id = ${filters.unitId}
        union all
        select u.id from referentiel.territorial_units u join sub on u.parent_id = sub.id where u.tenant_id = ${ctx.actor.tenantId})
      select id from sub)`);
  }
  if (filters.priorityEducation === 'none') conditions.push(sql`${establishments.priorityEducation} is null`);
  else if (filters.priorityEducation) conditions.push(eq(establishments.priorityEducation, filters.priorityEducation));
  if (filters.isOpen) conditions.push(eq(establishments.isOpen, filters.isOpen === 'true'));
  return and(...conditions)!;
}

export function establishmentOrder(filters: Pick<EstablishmentFilters, 'sort' | 'order'>) {
  const direction = filters.order === 'desc' ? desc : asc;
  // the tie-breaker follows the direction, so one index serves both ways
  return [direction(establishments[filters.sort]), direction(establishments.uai)];
}

/**
 * Totals are the slow half of a page (a count over the whole scope): kept briefly, emptied whole in
 * every process by the writes to schools (update, import: `ctx.cache.invalidate(establishmentTotals)`).
 */
export const establishmentTotals = defineCache<number>('establishment-totals', { max: 5_000, ttlMs: 30_000 });

export async function findEstablishments(ctx: Ctx, input: FindEstablishmentsInput) {
  const where = establishmentWhere(ctx, input);
  const { page, pageSize, sort, order, ...filters } = input;
  const totalKey = JSON.stringify([ctx.actor!.tenantId, establishmentScope(ctx.actor!, 'establishment.read'), filters]);
  const totals = ctx.cache.of(establishmentTotals);
  const cachedTotal = totals.get(totalKey);
  // page on the ids first (an index walk), then read only the rows of the page
  const [pageIds, total] = await Promise.all([
    ctx.db
      .select({ id: establishments.id })
      .from(establishments)
      .where(where)
      .orderBy(...establishmentOrder({ sort, order }))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    cachedTotal ?? ctx.db.select({ total: count() }).from(establishments).where(where).then(([r]) => r.total),
  ]);
  if (cachedTotal === undefined) totals.set(totalKey, total);
  const ids = pageIds.map((r) => r.id);
  const rows = ids.length
    ? await ctx.db.select().from(establishments).where(and(eq(establishments.tenantId, ctx.actor!.tenantId), inArray(establishments.id, ids)))
    : [];
  const position = new Map(ids.map((id, i) => [id, i]));
  return { items: rows.sort((a, b) => position.get(a.id)! - position.get(b.id)!), total };
}
