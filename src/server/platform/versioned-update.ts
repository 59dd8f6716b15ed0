import { and, eq, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { diff, recordAudit } from './audit.js';
import type { Ctx } from './context.js';
import { notFound, versionConflict } from './errors.js';

interface VersionedTable {
  tenantId: PgColumn;
  id: PgColumn;
  version: PgColumn;
}

/**
 * Optimistic concurrency for any tenant table with (tenant_id, id, version): the row changes only
 * if the version the caller read is still current, and the change is audited in the same transaction.
 */
export async function updateVersioned<T extends PgTable & VersionedTable>(
  ctx: Ctx,
  options: { table: T; tenantId: string; id: string; version: number; changes: Record<string, unknown>; entityType: string; label: string },
): Promise<T['$inferSelect']> {
  const { table, tenantId, id } = options;
  const where = and(eq(table.tenantId, tenantId), eq(table.id, id));
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const db = ctx.db as any;
  const [current] = await db.select().from(table).where(where);
  if (!current) throw notFound(options.label);
  const change = diff(current, options.changes);
  return ctx.db.transaction(async (tx) => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const [updated] = await (tx as any)
      .update(table)
      .set({ ...options.changes, version: sql`${table.version} + 1` })
      .where(and(where, eq(table.version, options.version)))
      .returning();
    if (!updated) throw versionConflict();
    await recordAudit(ctx, tx, [{ tenantId, action: 'update', entityType: options.entityType, entityId: id, before: change.before, after: change.after }]);
    return updated;
  });
}

/** Deletes a versioned row if the caller's version is current; audited. */
export async function deleteVersioned<T extends PgTable & VersionedTable>(
  ctx: Ctx,
  options: { table: T; tenantId: string; id: string; version: number; entityType: string; label: string },
): Promise<void> {
  const { table, tenantId, id } = options;
  const where = and(eq(table.tenantId, tenantId), eq(table.id, id));
  await ctx.db.transaction(async (tx) => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const [deleted] = await (tx as any).delete(table).where(and(where, eq(table.version, options.version))).returning();
    if (!deleted) {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const [exists] = await (tx as any).select().from(table).where(where);
      throw exists ? versionConflict() : notFound(options.label);
    }
    await recordAudit(ctx, tx, [{ tenantId, action: 'delete', entityType: options.entityType, entityId: id, before: deleted }]);
  });
}
