import type { Ctx } from '../../../server/platform/context.js';
import { notFound } from '../../../server/platform/errors.js';
import { selectImportRun, type ImportRun } from '../db/import-runs.js';

/** One import run of a tenant, to poll its progress then read its report. No authorization here: callers check it. */
export async function getImportRun(ctx: Ctx, input: { tenantId: string; id: string }): Promise<ImportRun> {
  const run = await selectImportRun(ctx.db, input);
  if (!run) throw notFound("L'import");
  return run;
}
