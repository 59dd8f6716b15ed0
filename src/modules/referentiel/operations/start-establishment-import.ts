import { and, eq, sql } from 'drizzle-orm';
import { authorize } from '../../../server/platform/authz.js';
import { bulkDatabase, type Ctx } from '../../../server/platform/context.js';
import type { Database } from '../../../server/platform/db.js';
import { AppError } from '../../../server/platform/errors.js';
import { openImportRun } from '../db/import-runs.js';
import { competenceOf } from '../competence/competence.js';
import { importRuns, organizations } from '../db/schema.js';
import { importEstablishments } from './import-establishments.js';

export interface StartImportInput {
  bytes: Uint8Array;
  filename: string;
  mode: 'all-or-nothing' | 'apply-valid';
  includeNonSchools: boolean;
  preview?: boolean;
  /** Writes the rows outside the authority's competence too: an administrator's decision. */
  confirmOutOfScope?: boolean;
}

/**
 * Records the run, then imports in the background so the page can poll its progress; the
 * returned promise settles when the import ends, with the refusal of an unreadable file (the
 * route awaits it only when asked to).
 */
export async function startEstablishmentImport(ctx: Ctx, input: StartImportInput) {
  const database = bulkDatabase(ctx);
  authorize(ctx.actor, 'establishment.import');
  const tenantId = ctx.actor.tenantId;
  if (input.confirmOutOfScope) authorize(ctx.actor, 'organization.manage');
  const [organization] = await ctx.db.select().from(organizations).where(eq(organizations.tenantId, tenantId));
  if (!organization) throw new AppError('NOT_FOUND', 'Collectivité introuvable.');
  const scope = { competence: competenceOf(organization).competence, confirmOutOfScope: Boolean(input.confirmOutOfScope) };
  const [running] = await ctx.db
    .select({ id: importRuns.id })
    .from(importRuns)
    .where(and(eq(importRuns.tenantId, tenantId), eq(importRuns.status, 'running'), sql`${importRuns.createdAt} > ${new Date(ctx.now().getTime() - 15 * 60_000)}`))
    .limit(1);
  if (running) throw new AppError('CONFLICT', 'Un import est déjà en cours pour cette collectivité : attendez sa fin avant d’en lancer un autre.');
  const key = { tenantId, id: crypto.randomUUID() };
  await openImportRun(ctx.db, { ...key, filename: input.filename, mode: input.mode, createdBy: ctx.actor.label, now: ctx.now() });
  const [run] = await ctx.db.select().from(importRuns).where(and(eq(importRuns.tenantId, tenantId), eq(importRuns.id, key.id)));
  const done = importEstablishments(ctx, {
    tenantId,
    bytes: input.bytes,
    filename: input.filename,
    mode: input.mode,
    includeNonSchools: input.includeNonSchools,
    runId: run.id,
    scope,
    preview: input.preview,
  }).then(
    () => ({ refusal: null }),
    (error: unknown) => {
      // the run keeps the outcome for pollers; a caller that waits gets the refusal itself
      if (!(error instanceof AppError)) ctx.log.error({ err: error }, 'establishment import failed');
      return { refusal: error instanceof AppError ? error : new AppError('INTERNAL', "Erreur interne pendant l'import.") };
    },
  );
  return { run, done };
}
