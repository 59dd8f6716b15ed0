import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../server/platform/db.js';
import { importRuns } from './schema.js';

export type ImportRun = typeof importRuns.$inferSelect;
export type ImportRunStatus = 'running' | 'applied' | 'refused' | 'failed' | 'previewed';

/** Records a run as running; a run created beforehand by the caller (same id) is kept as is. */
export async function openImportRun(
  db: Db,
  run: { tenantId: string; id: string; filename: string; mode: string; createdBy: string; now: Date },
): Promise<void> {
  await db
    .insert(importRuns)
    .values({
      tenantId: run.tenantId,
      id: run.id,
      filename: run.filename.slice(0, 255),
      mode: run.mode,
      status: 'running',
      createdBy: run.createdBy,
      createdAt: run.now,
    })
    .onConflictDoNothing();
}

export async function updateImportRun(
  db: Db,
  key: { tenantId: string; id: string },
  changes: Partial<Pick<ImportRun, 'format' | 'processed' | 'total'>>,
): Promise<void> {
  await db
    .update(importRuns)
    .set(changes)
    .where(and(eq(importRuns.tenantId, key.tenantId), eq(importRuns.id, key.id)));
}

export async function finishImportRun(
  db: Db,
  key: { tenantId: string; id: string },
  end: { status: Exclude<ImportRunStatus, 'running'>; finishedAt: Date; report?: unknown; error?: string; processed?: number; total?: number; format?: string | null },
): Promise<void> {
  await db
    .update(importRuns)
    .set({
      status: end.status,
      finishedAt: end.finishedAt,
      report: end.report ?? null,
      error: end.error ?? null,
      ...(end.processed === undefined ? {} : { processed: end.processed }),
      ...(end.total === undefined ? {} : { total: end.total }),
      ...(end.format === undefined ? {} : { format: end.format }),
    })
    .where(and(eq(importRuns.tenantId, key.tenantId), eq(importRuns.id, key.id)));
}

export async function selectImportRun(db: Db, key: { tenantId: string; id: string }): Promise<ImportRun | null> {
  const [run] = await db
    .select()
    .from(importRuns)
    .where(and(eq(importRuns.tenantId, key.tenantId), eq(importRuns.id, key.id)));
  return run ?? null;
}
