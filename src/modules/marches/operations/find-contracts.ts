import { and, asc, count, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { authorize } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { contractKinds, contractStatuses } from '../../../shared/marches.js';
import { contractScopeWhere, marchesScope } from '../contract-access.js';
import type { ContractRow } from '../contract-store.js';
import { contracts, lots, priceItems } from '../db/schema.js';

export const contractFilters = z.object({
  search: z.string().trim().max(200).optional().describe('Référence ou objet'),
  theme: z.string().trim().max(100).optional(),
  kind: z.enum(contractKinds).optional(),
  status: z.enum(contractStatuses).optional(),
  /** A département code or a former region: contracts whose area names it. */
  area: z.string().trim().max(60).optional(),
  groupId: z.uuid().optional(),
  /** The start of a CPV code (its division, group, class…): contracts whose code, or one of whose price items' codes, begins with it. */
  cpv: z.string().trim().regex(/^\d{2,8}$/, 'Début de code CPV : de 2 à 8 chiffres (30213 : ordinateurs personnels).').optional(),
  notifiedYear: z.coerce.number().int().min(1990).max(2100).optional(),
  sort: z.enum(['reference', 'notifiedOn', 'estimateCents']).default('reference'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type ContractFilters = z.infer<typeof contractFilters>;

export const findContractsInput = contractFilters.extend({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
});

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export function contractWhere(ctx: Ctx, filters: ContractFilters): SQL {
  authorize(ctx.actor, 'contract.read');
  const conditions: (SQL | undefined)[] = [contractScopeWhere(ctx.actor.tenantId, marchesScope(ctx.actor, 'contract.read'))];
  if (filters.search) {
    const like = `%${escapeLike(filters.search)}%`;
    conditions.push(or(ilike(contracts.reference, like), ilike(contracts.object, like)));
  }
  if (filters.theme) conditions.push(eq(contracts.theme, filters.theme));
  if (filters.kind) conditions.push(eq(contracts.kind, filters.kind));
  if (filters.status) conditions.push(eq(contracts.status, filters.status));
  if (filters.groupId) conditions.push(eq(contracts.groupId, filters.groupId));
  if (filters.area) {
    const area = JSON.stringify([filters.area]);
    conditions.push(or(sql`${contracts.area}->'departements' @> ${area}::jsonb`, sql`${contracts.area}->'formerRegions' @> ${area}::jsonb`));
  }
  if (filters.cpv) {
    const prefix = `${filters.cpv}%`;
    const itemLike = sql`exists (select 1 from ${priceItems} join ${lots} on ${lots.tenantId} = ${priceItems.tenantId} and ${lots.id} = ${priceItems.lotId}
      where ${lots.tenantId} = ${contracts.tenantId} and ${lots.contractId} = ${contracts.id} and ${priceItems.cpvCode} like ${prefix})`;
    conditions.push(or(sql`${contracts.cpvCode} like ${prefix}`, itemLike));
  }
  if (filters.notifiedYear) conditions.push(sql`extract(year from ${contracts.notifiedOn}) = ${filters.notifiedYear}`);
  return and(...conditions)!;
}

export function contractOrder(filters: ContractFilters) {
  const column = { reference: contracts.reference, notifiedOn: contracts.notifiedOn, estimateCents: contracts.estimateCents }[filters.sort];
  return [filters.order === 'desc' ? desc(column) : asc(column), asc(contracts.id)];
}

export async function findContracts(ctx: Ctx, input: z.infer<typeof findContractsInput>): Promise<{ items: ContractRow[]; total: number }> {
  const where = contractWhere(ctx, input);
  const [items, [{ total }]] = await Promise.all([
    ctx.db
      .select()
      .from(contracts)
      .where(where)
      .orderBy(...contractOrder(input))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    ctx.db.select({ total: count() }).from(contracts).where(where),
  ]);
  return { items, total };
}

/** Themes of the contracts the actor reaches, for the list's filter. */
export async function contractThemes(ctx: Ctx): Promise<string[]> {
  const rows = await ctx.db.selectDistinct({ theme: contracts.theme }).from(contracts).where(contractWhere(ctx, { sort: 'reference', order: 'asc' })).orderBy(asc(contracts.theme));
  return rows.map((r) => r.theme).filter(Boolean);
}
