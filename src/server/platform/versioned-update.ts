import { and, eq, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { diff, recordAudit } from './audit.js';
import type { Ctx } from './context.js';
import { notFound, versionConflict } from './errors.js';

interface VersionedTable {
  tenantId: PgColumn;
  version: PgColumn;
}

/**
 * The one input of an update operation: which row (`id`, a key where the row has no id), and its
 * changes with the version the caller read. Routes map their params and bodies onto it.
 */
export interface VersionedUpdateInput<C> {
  id: string;
  changes: C & { version: number };
}

/**
 * Optimistic concurrency for any tenant table with (tenant_id, id, version): the row changes only
 * if the version the caller read is still current, and the change is audited in the same transaction.
 * `idColumn` names the row's key when it is not `id` (a category's `key`).
 */
export async function updateVersioned<T extends PgTable & VersionedTable>(
  ctx: Ctx,
  options: {
    table: T;
    tenantId: string;
    id: string;
    idColumn?: PgColumn;
    version: number;
    changes: Record<string, unknown>;
    entityType: string;
    label: string;
  },
): Promise<T['$inferSelect']> {
  const { table, tenantId, id } = options;
  const where = and(eq(table.tenantId, tenantId), eq(options.idColumn ?? idOf(table), id));
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

function idOf(table: PgTable & VersionedTable): PgColumn {
  const column = (table as unknown as { id?: PgColumn }).id;
  if (!column) throw new Error('updateVersioned : la table n’a pas de colonne id, nommez sa clé (idColumn).');
  return column;
}

/** Deletes a versioned row if the caller's version is current; audited. */
export async function deleteVersioned<T extends PgTable & VersionedTable>(
  ctx: Ctx,
  options: { table: T; tenantId: string; id: string; version: number; entityType: string; label: string },
): Promise<void> {
  const { table, tenantId, id } = options;
  const where = and(eq(table.tenantId, tenantId), eq(idOf(table), id));
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

/**
 * For the updates that write more than one row in their transaction (a ticket and its events, a
 * device and its history, an upsert of settings): the version the caller read must be current…
 */
export function assertVersion(current: { version: number }, version: number): void {
  if (current.version !== version) throw versionConflict();
}

/** …and the guarded write (`where version = read version`) must have found the row. */
export function assertUpdated<T>(row: T | undefined): asserts row is T {
  if (row === undefined) throw versionConflict();
}
