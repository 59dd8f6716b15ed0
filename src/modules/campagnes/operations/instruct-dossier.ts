import type { Ctx } from '../../../server/platform/context.js';
import { loadDossier } from '../campaign-access.js';
import { decisionOf, transitionDossier } from '../dossier-states.js';
import { letterForDecision } from '../letters/decision-letter.js';
import type { CorrectionInput, DecisionInput } from './dossier-input.js';

/** Review starts: the applicant no longer edits the file. */
export async function startReview(ctx: Ctx, input: { id: string; version: number }) {
  const { dossier } = await loadDossier(ctx, input.id, 'instruct');
  return ctx.db.transaction((tx) => transitionDossier(ctx, tx, { dossier, transition: 'start-review', version: input.version }));
}

/**
 * Accepts, refuses or closes without follow-up, with the decision letter generated from the
 * campaign's template (or the text edited on the file) and kept in the file.
 */
export async function decideDossier(ctx: Ctx, input: { id: string; changes: DecisionInput }) {
  const { dossier, campaign } = await loadDossier(ctx, input.id, 'instruct');
  const { decision, motivation, version } = input.changes;
  return ctx.db.transaction(async (tx) => {
    const moved = await transitionDossier(ctx, tx, { dossier, transition: decisionOf[decision], version, reason: motivation ?? null, set: { motivation: motivation ?? null } });
    return letterForDecision(ctx, tx, campaign, moved);
  });
}

export async function requestCorrection(ctx: Ctx, input: { id: string; changes: CorrectionInput }) {
  const { dossier } = await loadDossier(ctx, input.id, 'instruct');
  return ctx.db.transaction((tx) =>
    transitionDossier(ctx, tx, { dossier, transition: 'request-correction', version: input.changes.version, reason: input.changes.comment, correctionReason: input.changes.reason }),
  );
}

export async function reopenDossier(ctx: Ctx, input: { id: string; reason: string; version: number }) {
  const { dossier } = await loadDossier(ctx, input.id, 'instruct');
  return ctx.db.transaction((tx) => transitionDossier(ctx, tx, { dossier, transition: 'reopen', version: input.version, reason: input.reason }));
}
