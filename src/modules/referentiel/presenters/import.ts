import { z } from 'zod';
import type { importRuns } from '../db/schema.js';

const rowIssue = z.object({ line: z.number(), uai: z.string(), reason: z.string() });
const rowSample = z.object({ line: z.number(), uai: z.string(), name: z.string() });

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
      totals: z.object({
        rows: z.number(),
        created: z.number(),
        updated: z.number(),
        unchanged: z.number(),
        rejected: z.number(),
        skipped: z.number(),
        outOfScope: z.number().describe('Lignes valides hors de la compétence de la collectivité'),
      }),
      rejected: z.array(rowIssue),
      skipped: z.array(rowIssue),
      outOfScope: z.array(rowIssue),
      outOfScopeConfirmed: z.boolean().describe('Les lignes hors compétence ont été confirmées par un administrateur, donc écrites'),
      samples: z
        .object({ created: z.array(rowSample), updated: z.array(rowSample), unchanged: z.array(rowSample) })
        .nullable()
        .describe("Aperçu : les premières lignes de chaque issue"),
    })
    .nullable(),
});

type Report = z.infer<typeof importRunSchema>['report'];

export function presentImportRun(run: typeof importRuns.$inferSelect) {
  const report = run.report as StoredReport | null;
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
    report: report ? presentReport(report) : null,
  };
}

type StoredReport = NonNullable<Report> & Partial<Pick<NonNullable<Report>, 'outOfScope' | 'outOfScopeConfirmed' | 'samples'>>;

/** Reports stored before the competence check lack its fields: they read as none. */
function presentReport(report: StoredReport): NonNullable<Report> {
  const outOfScope = report.outOfScope ?? [];
  return {
    totals: { ...report.totals, outOfScope: outOfScope.length },
    rejected: report.rejected ?? [],
    skipped: report.skipped ?? [],
    outOfScope,
    outOfScopeConfirmed: report.outOfScopeConfirmed ?? false,
    samples: report.samples ?? null,
  };
}
