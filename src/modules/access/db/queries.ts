import { and, eq, exists, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../server/platform/db.js';
import { organizationsView as organizations } from '../../referentiel/index.js';
import { roleAssignments, users } from './schema.js';

export type UserRow = typeof users.$inferSelect;
export type AssignmentRow = typeof roleAssignments.$inferSelect & { organizationCode: string; organizationName: string };

/** Users are global: a tenant only sees those holding at least one role in it. */
export function holdsRoleIn(tenantId: string, extra?: SQL): SQL {
  return exists(
    sql`(select 1 from ${roleAssignments} where ${roleAssignments.tenantId} = ${tenantId} and ${roleAssignments.userId} = ${users.id}${extra ? sql` and ${extra}` : sql``})`,
  );
}

export async function findTenantUser(db: Db, params: { tenantId: string; userId: string }): Promise<UserRow | null> {
  const [user] = await db
    .select()
    .from(users)
    .where(and(eq(users.id, params.userId), holdsRoleIn(params.tenantId)));
  return user ?? null;
}

export async function assignmentsInTenant(db: Db, params: { tenantId: string; userIds: string[] }): Promise<AssignmentRow[]> {
  if (params.userIds.length === 0) return [];
  const found = await db
    .select({ a: roleAssignments, code: organizations.code, name: organizations.name })
    .from(roleAssignments)
    .innerJoin(organizations, eq(organizations.tenantId, roleAssignments.organizationId))
    .where(and(eq(roleAssignments.tenantId, params.tenantId), inArray(roleAssignments.userId, params.userIds)))
    .orderBy(roleAssignments.createdAt, roleAssignments.id);
  return found.map(({ a, code, name }) => ({ ...a, organizationCode: code, organizationName: name }));
}

/** Whether the person holds roles in tenants other than this one (their account is then not this tenant's alone). */
export async function holdsRolesElsewhere(db: Db, params: { tenantId: string; userId: string }): Promise<boolean> {
  const found = await db
    .select({ id: roleAssignments.id })
    .from(roleAssignments)
    .where(and(eq(roleAssignments.userId, params.userId), ne(roleAssignments.tenantId, params.tenantId)))
    .limit(1);
  return found.length > 0;
}

export async function tenantsOfUser(db: Db, userId: string): Promise<string[]> {
  const found = await db
    .selectDistinct({ tenantId: roleAssignments.tenantId })
    .from(roleAssignments)
    .where(eq(roleAssignments.userId, userId));
  return found.map((r) => r.tenantId);
}
