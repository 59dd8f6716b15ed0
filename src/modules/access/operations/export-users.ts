import { asc } from 'drizzle-orm';
import { authorize } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { batchedRows, type ExportSource } from '../../../server/platform/export.js';
import { streamRows } from '../../../server/platform/query-stream.js';
import { users } from '../db/schema.js';
import { userColumns } from '../export-columns.js';
import { userFilters, usersWhere, withAssignments, type TenantUser, type UserFilters } from './find-users.js';

export const usersExportInput = userFilters;
const maxUsers = 50_000;

/** Every matching person with their roles in this tenant, read through one cursor, roles a batch at a time. */
export async function exportUsers(ctx: Ctx, filters: UserFilters): Promise<ExportSource<TenantUser>> {
  authorize(ctx.actor, 'user.read');
  const tenantId = ctx.actor.tenantId;
  const query = ctx.db
    .select()
    .from(users)
    .where(usersWhere(tenantId, userFilters.parse(filters)))
    .orderBy(asc(users.displayName), asc(users.email))
    .limit(maxUsers);
  const rows = batchedRows(streamRows(ctx.db, query), 500, (batch) => withAssignments(ctx, tenantId, batch));
  return { basename: 'utilisateurs', sheetName: 'Utilisateurs', columns: userColumns, rows };
}
