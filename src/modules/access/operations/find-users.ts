import { and, asc, count, eq, ilike, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { authorize, roles } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { assignmentsInTenant, holdsRoleIn, type AssignmentRow, type UserRow } from '../db/queries.js';
import { roleAssignments, users } from '../db/schema.js';

export const userFilters = z.object({
  search: z.string().trim().max(200).optional(),
  role: z.enum(roles).optional(),
  active: z.enum(['true', 'false']).optional(),
});
export type UserFilters = z.infer<typeof userFilters>;

export const findUsersInput = userFilters.extend({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(25),
});
export type FindUsersInput = z.input<typeof findUsersInput>;

export interface TenantUser {
  user: UserRow;
  assignments: AssignmentRow[];
}

export function usersWhere(tenantId: string, filters: UserFilters): SQL {
  const conditions: (SQL | undefined)[] = [holdsRoleIn(tenantId, filters.role ? eq(roleAssignments.role, filters.role) : undefined)];
  if (filters.search) {
    const pattern = `%${filters.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(users.email, pattern), ilike(users.displayName, pattern)));
  }
  if (filters.active) conditions.push(eq(users.active, filters.active === 'true'));
  return and(...conditions)!;
}

/** People holding a role in the active tenant, with those roles only (never another tenant's). */
export async function findUsers(ctx: Ctx, input: FindUsersInput): Promise<{ items: TenantUser[]; total: number }> {
  authorize(ctx.actor, 'user.read');
  const parsed = findUsersInput.parse(input);
  const tenantId = ctx.actor.tenantId;
  const where = usersWhere(tenantId, parsed);
  const [found, [{ total }]] = await Promise.all([
    ctx.db
      .select()
      .from(users)
      .where(where)
      .orderBy(asc(users.displayName), asc(users.email))
      .limit(parsed.pageSize)
      .offset((parsed.page - 1) * parsed.pageSize),
    ctx.db.select({ total: count() }).from(users).where(where),
  ]);
  return { items: await withAssignments(ctx, tenantId, found), total };
}

export async function withAssignments(ctx: Ctx, tenantId: string, found: UserRow[]): Promise<TenantUser[]> {
  const assignments = await assignmentsInTenant(ctx.db, { tenantId, userIds: found.map((u) => u.id) });
  return found.map((user) => ({ user, assignments: assignments.filter((a) => a.userId === user.id) }));
}
