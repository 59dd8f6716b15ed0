import { and, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../../server/platform/context.js';
import { AppError } from '../../../server/platform/errors.js';
import { assertUpdated, assertVersion } from '../../../server/platform/versioned-update.js';
import { assertAnswers } from '../answer-checks.js';
import { accessOf, loadDossier } from '../campaign-access.js';
import { dossiers } from '../db/schema.js';
import { transitionDossier } from '../dossier-states.js';
import { routeDossier } from '../routing.js';
import type { AnswersInput } from './dossier-input.js';
import { annotationFieldsOf, fieldsOf, fileFormVersion } from './form-versions.js';
import { assertOpen } from './start-dossier.js';

/** Answers merge over the stored ones: a field of another version, or hidden now, keeps its answer. */
const merged = (stored: Record<string, unknown>, incoming: Record<string, unknown>) => ({ ...stored, ...incoming });

/** The applicant saves a draft, or edits a submitted file until review starts. */
export async function saveAnswers(ctx: Ctx, input: { id: string; changes: AnswersInput }) {
  const { dossier, campaign } = await loadDossier(ctx, input.id, 'apply');
  if (dossier.state !== 'brouillon' && dossier.state !== 'en_construction')
    throw new AppError('CONFLICT', `Le dossier n° ${dossier.number} est en instruction ou décidé : il ne se modifie plus.`);
  assertOpen(campaign, ctx.now());
  assertVersion(dossier, input.changes.version);
  const form = await fileFormVersion(ctx, dossier.tenantId, dossier.formVersionId);
  const answers = merged(dossier.answers, input.changes.answers);
  await assertAnswers(ctx.db, dossier, fieldsOf(form), answers, dossier.state === 'en_construction');
  const [updated] = await ctx.db
    .update(dossiers)
    .set({ answers, updatedAt: ctx.now(), version: sql`${dossiers.version} + 1` })
    .where(and(eq(dossiers.tenantId, dossier.tenantId), eq(dossiers.id, dossier.id), eq(dossiers.version, input.changes.version)))
    .returning();
  assertUpdated(updated);
  return updated;
}

/**
 * Submits (or resubmits after a correction): the campaign must be open, every shown required
 * field answered and valid; the file is routed to its instructor group. Returns the file as the
 * move left it, with the actor's access to it (routing may have made them its instructor).
 */
export async function submitDossier(ctx: Ctx, input: { id: string; changes: Partial<AnswersInput> & { version: number } }) {
  const { dossier, campaign, standing, access, ctx: a } = await loadDossier(ctx, input.id, 'apply');
  assertOpen(campaign, ctx.now());
  const form = await fileFormVersion(ctx, dossier.tenantId, dossier.formVersionId);
  const answers = merged(dossier.answers, input.changes.answers ?? {});
  await assertAnswers(ctx.db, dossier, fieldsOf(form), answers, true);
  const groupId = await routeDossier(ctx, dossier, answers);
  const updated = await ctx.db.transaction((tx) => transitionDossier(ctx, tx, { dossier, transition: 'submit', version: input.changes.version, set: { answers, groupId } }));
  return { ctx: a, campaign, standing, dossier: updated, access: accessOf(a, standing, updated, access.expert) };
}

/** Instructors fill the private annotation fields: never shown to the applicant. */
export async function saveAnnotations(ctx: Ctx, input: { id: string; changes: AnswersInput }) {
  const { dossier } = await loadDossier(ctx, input.id, 'instruct');
  assertVersion(dossier, input.changes.version);
  const form = await fileFormVersion(ctx, dossier.tenantId, dossier.formVersionId);
  const annotations = merged(dossier.annotations, input.changes.answers);
  await assertAnswers(ctx.db, dossier, annotationFieldsOf(form), annotations, false);
  const [updated] = await ctx.db
    .update(dossiers)
    .set({ annotations, updatedAt: ctx.now(), version: sql`${dossiers.version} + 1` })
    .where(and(eq(dossiers.tenantId, dossier.tenantId), eq(dossiers.id, dossier.id), eq(dossiers.version, input.changes.version)))
    .returning();
  assertUpdated(updated);
  return updated;
}
