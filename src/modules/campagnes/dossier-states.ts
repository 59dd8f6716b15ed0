import { and, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../server/platform/context.js';
import type { Db } from '../../server/platform/db.js';
import { AppError } from '../../server/platform/errors.js';
import { assertUpdated, assertVersion } from '../../server/platform/versioned-update.js';
import { dossierEvents, dossiers, type CorrectionRequest, type DossierState } from './db/schema.js';
import { notifyStateChange } from './notify.js';
import { dossiersChanged } from './operations/dossier-totals.js';
import { queueWebhookDeliveries } from './webhooks/queue-deliveries.js';

/**
 * The one place where a file changes state. Every route, bulk action, job and kind (family aid,
 * renewal, project loan) calls `transitionDossier`, which checks the move, guards the version,
 * writes the history, queues the webhooks and tells the people concerned, in the caller's transaction.
 */

export type DossierRow = typeof dossiers.$inferSelect;

export const dossierTransitions = ['submit', 'start-review', 'accept', 'refuse', 'classify', 'request-correction', 'reopen', 'close'] as const;
export type DossierTransition = (typeof dossierTransitions)[number];

export const decisionStates = ['accepte', 'refuse', 'classe_sans_suite'] as const;
export type DecisionState = (typeof decisionStates)[number];

export const stateLabels: Record<DossierState, string> = {
  brouillon: 'brouillon',
  en_construction: 'en construction',
  en_instruction: 'en instruction',
  accepte: 'accepté',
  refuse: 'refusé',
  classe_sans_suite: 'classé sans suite',
};

const rules: Record<DossierTransition, { from: readonly DossierState[]; to: DossierState; verb: string }> = {
  submit: { from: ['brouillon', 'en_construction'], to: 'en_construction', verb: 'le déposer' },
  'start-review': { from: ['en_construction'], to: 'en_instruction', verb: "le passer en instruction" },
  accept: { from: ['en_instruction'], to: 'accepte', verb: "l'accepter" },
  refuse: { from: ['en_instruction'], to: 'refuse', verb: 'le refuser' },
  classify: { from: ['en_instruction'], to: 'classe_sans_suite', verb: 'le classer sans suite' },
  'request-correction': { from: ['en_construction', 'en_instruction'], to: 'en_construction', verb: 'demander une correction' },
  reopen: { from: decisionStates, to: 'en_instruction', verb: 'le rouvrir' },
  close: { from: ['en_construction'], to: 'en_instruction', verb: 'le passer en instruction à la clôture' },
};

export const decisionOf: Record<DecisionState, DossierTransition> = { accepte: 'accept', refuse: 'refuse', classe_sans_suite: 'classify' };

/** Whether the move is possible from the file's state (the buttons a page shows). */
export function canTransition(dossier: Pick<DossierRow, 'state' | 'correction'>, transition: DossierTransition): boolean {
  if (!rules[transition].from.includes(dossier.state)) return false;
  // a pending correction blocks review until the applicant resubmits
  if ((transition === 'start-review' || transition === 'close') && dossier.correction) return false;
  return true;
}

/** The French 409 for a move the file's state does not allow. */
export function assertTransition(dossier: Pick<DossierRow, 'state' | 'correction' | 'number'>, transition: DossierTransition): DossierState {
  const rule = rules[transition];
  if (!rule.from.includes(dossier.state)) {
    throw new AppError('CONFLICT', `Le dossier n° ${dossier.number} est « ${stateLabels[dossier.state]} » : impossible de ${rule.verb}.`, {
      details: { state: dossier.state, transition },
    });
  }
  if ((transition === 'start-review' || transition === 'close') && dossier.correction) {
    throw new AppError('CONFLICT', `Le dossier n° ${dossier.number} attend une correction du demandeur : l'instruction reprendra quand il l'aura déposé à nouveau.`);
  }
  return rule.to;
}

export interface TransitionInput {
  dossier: DossierRow;
  transition: DossierTransition;
  /** The version the caller read: another change in between is a 409. */
  version: number;
  /** Why (a reopening, a correction's comment, a decision's motivation). */
  reason?: string | null;
  correctionReason?: CorrectionRequest['reason'];
  /** Columns the caller changes with the move (the answers of a submit, the letter of a decision). */
  set?: Partial<Pick<DossierRow, 'answers' | 'motivation' | 'letterText' | 'letterDocumentId' | 'groupId' | 'score'>>;
}

/** What a kind does when one of its files moves (a project's loan on acceptance), in the move's transaction: throwing refuses the move. */
export type TransitionHook = (ctx: Ctx, tx: Db, before: DossierRow, after: DossierRow) => Promise<void>;
const transitionHooks: TransitionHook[] = [];

/** Registered once by the module definition, for every route, bulk action and job that moves a file. */
export function onDossierTransition(hook: TransitionHook) {
  if (!transitionHooks.includes(hook)) transitionHooks.push(hook);
}

const decided = (state: DossierState) => (decisionStates as readonly string[]).includes(state);

function columnsFor(ctx: Ctx, input: TransitionInput, to: DossierState): Partial<DossierRow> {
  const now = ctx.now();
  const { transition, dossier } = input;
  const columns: Partial<DossierRow> = { ...input.set, state: to, updatedAt: now };
  if (transition === 'submit') {
    columns.correction = null;
    if (!dossier.submittedAt) columns.submittedAt = now;
  }
  if (transition === 'start-review' || transition === 'close') columns.instructionAt = now;
  if (decided(to)) {
    columns.decidedAt = now;
    columns.motivation = input.set?.motivation ?? input.reason ?? null;
  }
  // a new decision writes a new letter; the old one stays among the file's documents
  if (transition === 'reopen') Object.assign(columns, { decidedAt: null, letterText: null, letterDocumentId: null });
  if (transition === 'request-correction') {
    if (!input.correctionReason) throw new AppError('VALIDATION', 'Indiquez le motif de la correction : incorrect, incomplet ou périmé.');
    columns.correction = { reason: input.correctionReason, comment: input.reason ?? '', at: now.toISOString(), byLabel: ctx.actor?.label ?? 'Système' };
  }
  return columns;
}

/**
 * Moves a file, in `tx` (the caller's transaction: a bulk action is all or nothing). Throws 409
 * for a move its state forbids or when its version changed; returns the updated row.
 */
export async function transitionDossier(ctx: Ctx, tx: Db, input: TransitionInput): Promise<DossierRow> {
  const { dossier, transition } = input;
  const to = assertTransition(dossier, transition);
  assertVersion(dossier, input.version);
  if (transition === 'reopen' && !input.reason?.trim()) throw new AppError('VALIDATION', 'Indiquez pourquoi vous rouvrez le dossier.');
  const [updated] = await tx
    .update(dossiers)
    .set({ ...columnsFor(ctx, input, to), version: sql`${dossiers.version} + 1` })
    .where(and(eq(dossiers.tenantId, dossier.tenantId), eq(dossiers.id, dossier.id), eq(dossiers.version, input.version)))
    .returning();
  assertUpdated(updated);
  dossiersChanged(ctx, dossier.tenantId, dossier.campaignId);
  for (const hook of transitionHooks) await hook(ctx, tx, dossier, updated);
  await tx.insert(dossierEvents).values({
    tenantId: dossier.tenantId,
    dossierId: dossier.id,
    at: ctx.now(),
    kind: transition === 'request-correction' ? 'correction' : transition === 'reopen' ? 'reopen' : 'transition',
    fromState: dossier.state,
    toState: to,
    reason: input.reason ?? input.correctionReason ?? null,
    actorUserId: ctx.actor?.kind === 'user' ? ctx.actor.id : null,
    actorLabel: ctx.actor?.label ?? 'Système',
    details: input.correctionReason ? { correctionReason: input.correctionReason } : {},
  });
  if (dossier.state !== to || transition === 'request-correction') {
    await queueWebhookDeliveries(ctx, tx, updated, dossier.state);
    await notifyStateChange(ctx, tx, updated, dossier.state, input.reason ?? null);
  }
  return updated;
}
