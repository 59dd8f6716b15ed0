import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../../server/platform/context.js';
import type { RequestOpinionsInput } from './opinions.input.js';
import type { Db } from '../../../server/platform/db.js';
import { AppError } from '../../../server/platform/errors.js';
import { assertUpdated } from '../../../server/platform/versioned-update.js';
import { usersView } from '../../access/index.js';
import { actorUserId, loadDossier, type CampaignRow } from '../campaign-access.js';
import { dossierEvents, opinions } from '../db/schema.js';
import type { DossierRow } from '../dossier-states.js';
import { notifyOpinionRequested } from '../notify.js';
import { rescore } from '../candidature/scoring.js';

export { requestOpinionsInput, type RequestOpinionsInput } from './opinions.input.js';

export const giveOpinionInput = z.discriminatedUnion('conflict', [
  z.object({ conflict: z.literal(true), comment: z.string().trim().max(2000).optional(), version: z.number().int() }),
  z.object({
    conflict: z.literal(false),
    verdict: z.enum(['favourable', 'unfavourable'], { error: 'Avis favorable ou défavorable.' }),
    scores: z.record(z.string(), z.number().min(0)).default({}),
    comment: z.string().trim().max(10_000).default(''),
    confidential: z.boolean().default(false),
    version: z.number().int(),
  }),
]);
export type GiveOpinionInput = z.infer<typeof giveOpinionInput>;

/** Experts are any account of the tenant; their names come from the people directory's view. */
export async function expertsByIds(db: Db, tenantId: string, ids: string[]) {
  const rows = await db.select({ id: usersView.id, name: usersView.displayName }).from(usersView).where(inArray(usersView.id, ids));
  if (rows.length !== new Set(ids).size) throw new AppError('VALIDATION', 'Expert inconnu : choisissez une personne ayant un compte.', { issues: [{ path: 'expertUserIds', message: 'Personne inconnue.' }] });
  void tenantId;
  return rows;
}

/** Asks experts for their opinion, in `tx` (bulk requests share one transaction). Already asked: unchanged. */
export async function requestOpinionsIn(ctx: Ctx, tx: Db, dossier: DossierRow, experts: { id: string; name: string }[], question: string) {
  for (const expert of experts) {
    const [row] = await tx
      .insert(opinions)
      .values({ tenantId: dossier.tenantId, dossierId: dossier.id, expertUserId: expert.id, expertLabel: expert.name, requestedAt: ctx.now(), requestedByLabel: ctx.actor?.label ?? 'Système', question })
      .onConflictDoNothing()
      .returning();
    if (!row) continue;
    await tx.insert(dossierEvents).values({
      tenantId: dossier.tenantId,
      dossierId: dossier.id,
      at: ctx.now(),
      kind: 'opinion-requested',
      actorUserId: actorUserId(ctx.actor),
      actorLabel: ctx.actor?.label ?? 'Système',
      details: { expert: expert.name },
    });
    await notifyOpinionRequested(ctx, tx, dossier, { userId: expert.id, label: expert.name, contact: null });
  }
}

export async function requestOpinions(ctx: Ctx, input: { dossierId: string; request: RequestOpinionsInput }) {
  const { dossier } = await loadDossier(ctx, input.dossierId, 'instruct');
  const experts = await expertsByIds(ctx.db, dossier.tenantId, input.request.expertUserIds);
  await ctx.db.transaction((tx) => requestOpinionsIn(ctx, tx, dossier, experts, input.request.question));
  return listOpinions(ctx.db, dossier);
}

/**
 * The expert answers: favourable or not, a score per criterion of the grid, a comment,
 * confidential or not; or declares a conflict of interest, which takes them off the file.
 */
export async function giveOpinion(ctx: Ctx, input: { dossierId: string; opinion: GiveOpinionInput }) {
  const { dossier, campaign, ctx: a } = await loadDossier(ctx, input.dossierId, 'review');
  const [mine] = await ctx.db
    .select()
    .from(opinions)
    .where(and(eq(opinions.tenantId, dossier.tenantId), eq(opinions.dossierId, dossier.id), eq(opinions.expertUserId, a.actor.id)));
  const o = input.opinion;
  const changes = o.conflict
    ? { status: 'conflict' as const, conflictDeclared: true, comment: o.comment ?? null, answeredAt: ctx.now() }
    : { status: 'given' as const, verdict: o.verdict, scores: checkedScores(campaign, o.scores), comment: o.comment, confidential: o.confidential, answeredAt: ctx.now() };
  return ctx.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(opinions)
      .set({ ...changes, version: sql`${opinions.version} + 1` })
      .where(and(eq(opinions.tenantId, dossier.tenantId), eq(opinions.id, mine!.id), eq(opinions.version, o.version)))
      .returning();
    assertUpdated(updated);
    await tx.insert(dossierEvents).values({
      tenantId: dossier.tenantId,
      dossierId: dossier.id,
      at: ctx.now(),
      kind: o.conflict ? 'conflict' : 'opinion-given',
      actorUserId: a.actor.id,
      actorLabel: a.actor.label,
      details: o.conflict ? {} : { verdict: o.verdict },
    });
    await rescore(ctx, tx, campaign, dossier);
    return updated!;
  });
}

function checkedScores(campaign: CampaignRow, scores: Record<string, number>): Record<string, number> {
  const reviewed = campaign.grid.filter((c) => c.source === 'reviewer');
  const issues = [];
  for (const [key, value] of Object.entries(scores)) {
    const criterion = reviewed.find((c) => c.key === key);
    if (!criterion) issues.push({ path: `scores.${key}`, message: 'Ce critère n’est pas noté par les experts.' });
    else if (value > criterion.max) issues.push({ path: `scores.${key}`, message: `${criterion.label} : ${criterion.max} au plus.` });
  }
  if (issues.length) throw new AppError('VALIDATION', issues[0]!.message, { issues });
  return scores;
}

export async function listOpinions(db: Db, dossier: Pick<DossierRow, 'tenantId' | 'id'>) {
  return db.select().from(opinions).where(and(eq(opinions.tenantId, dossier.tenantId), eq(opinions.dossierId, dossier.id))).orderBy(asc(opinions.requestedAt));
}
