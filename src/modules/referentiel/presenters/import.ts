import { z } from 'zod';
import type { importRuns } from '../db/schema.js';

const rowIssue = z.object({ line: z.number(), uai: z.string(), reason: z.string() });

export const importRunSchema = z.object({
  id: z.string(),
  filename: z.string(),
  format: z.string().nullable(),
  mode: z.string(),
  status: z.string(),
  processed: z.number(),
  total: z.number(),
  error: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  report: z
    .object({
      totals: z.object({ rows: z.number(), created: z.number(), updated: z.number(), unchanged: z.number(), rejected: z.number(), skipped: z.number() }),
      rejected: z.array(rowIssue),
      skipped: z.array(rowIssue),
    })
    .nullable(),
});

type Report = z.infer<typeof importRunSchema>['report'];

export function presentImportRun(run: typeof importRuns.$inferSelect) {
  const report = run.report as (Report & Record<string, unknown>) | null;
  return {
    id: run.id,
    filename: run.filename,
    format: run.format,
    mode: run.mode,
    status: run.status,
    processed: run.processed,
    total: run.total,
    error: run.error,
    createdBy: run.createdBy,
    createdAt: run.createdAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    report: report ? { totals: report.totals, rejected: report.rejected ?? [], skipped: report.skipped ?? [] } : null,
  };
}
