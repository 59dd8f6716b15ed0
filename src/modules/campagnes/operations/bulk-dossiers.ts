import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../../server/platform/context.js';
import { AppError, forbidden } from '../../../server/platform/errors.js';
import { can } from '../../../server/platform/authz.js';
import { loadCampaign } from '../campaign-access.js';
import { dossiers, messages } from '../db/schema.js';
import { transitionDossier, type DossierTransition } from '../dossier-states.js';
import { letterForDecision } from '../letters/decision-letter.js';
import { applicantOf, notifyMessage } from '../notify.js';
import { dossierFilter, filterWhere } from './find-dossiers.js';
import { expertsByIds, requestOpinionsIn } from './opinions.js';

export const maxBulk = 500;

export const bulkInput = z
  .object({
    action: z.enum(['accept', 'refuse', 'classify', 'start-review', 'message', 'request-opinions']),
    /** The files chosen one by one… */
    ids: z.array(z.string().uuid()).optional(),
    /** …or every file matching a filter, beyond the page shown. */
    filter: dossierFilter.optional(),
    motivation: z.string().trim().max(5000).optional(),
    message: z.string().trim().max(10_000).optional(),
    expertUserIds: z.array(z.string().uuid()).max(20).optional(),
    question: z.string().trim().max(2000).optional(),
  })
  .refine((b) => (b.ids ? 1 : 0) + (b.filter ? 1 : 0) === 1, { message: 'Choisissez des dossiers (ids) ou un filtre, pas les deux.', path: ['ids'] })
  .refine((b) => b.action !== 'message' || !!b.message, { message: 'Écrivez le message.', path: ['message'] })
  .refine((b) => b.action !== 'request-opinions' || !!b.expertUserIds?.length, { message: 'Choisissez au moins un expert.', path: ['expertUserIds'] });
export type BulkInput = z.infer<typeof bulkInput>;

const transitions: Partial<Record<BulkInput['action'], DossierTransition>> = { accept: 'accept', refuse: 'refuse', classify: 'classify', 'start-review': 'start-review' };

/**
 * One action on up to 500 files, all or nothing: a file in the wrong state, out of the actor's
 * reach or changed meanwhile aborts the whole batch with a French message naming it.
 */
export async function bulkDossiers(ctx: Ctx, input: { campaignId: string; body: BulkInput }) {
  const { ctx: a, campaign, standing } = await loadCampaign(ctx, input.campaignId, 'dossier.instruct');
  if (!standing.instructor || !can(a.actor, 'dossier.instruct')) throw forbidden('Seuls les instructeurs de la campagne agissent sur ses dossiers.');
  const { body } = input;
  const scope = filterWhere(a, standing, campaign.id, body.filter ?? {});
  if (body.ids && body.ids.length > maxBulk) throw tooMany(body.ids.length);
  const where = body.ids ? and(scope, inArray(dossiers.id, body.ids)) : scope;
  const selected = await ctx.db.select().from(dossiers).where(where).orderBy(asc(dossiers.number)).limit(maxBulk + 1);
  if (selected.length > maxBulk) throw tooMany(selected.length);
  if (body.ids && selected.length !== new Set(body.ids).size) throw new AppError('NOT_FOUND', 'Certains dossiers choisis sont introuvables ou hors de votre périmètre : rien n’a été fait.');
  // instructors act on the files of their groups only (administrators on all)
  const outside = selected.find((d) => !standing.manager && !(d.groupId && standing.groupIds.includes(d.groupId)));
  if (outside) throw forbidden(`Le dossier n° ${outside.number} n’est pas dans vos groupes d’instruction : rien n’a été fait.`);
  const experts = body.action === 'request-opinions' ? await expertsByIds(ctx.db, campaign.tenantId, body.expertUserIds!) : [];
  await ctx.db.transaction(async (tx) => {
    for (const dossier of selected) {
      const transition = transitions[body.action];
      if (transition) {
        const moved = await transitionDossier(ctx, tx, { dossier, transition, version: dossier.version, reason: body.motivation ?? null, set: transition === 'start-review' ? {} : { motivation: body.motivation ?? null } });
        await letterForDecision(ctx, tx, campaign, moved);
      } else if (body.action === 'message') {
        await tx.insert(messages).values({ tenantId: dossier.tenantId, dossierId: dossier.id, at: ctx.now(), side: 'instructor', authorUserId: a.actor.kind === 'user' ? a.actor.id : null, authorLabel: a.actor.label, body: body.message! });
        await notifyMessage(ctx, tx, dossier, applicantOf(dossier), body.message!);
      } else await requestOpinionsIn(ctx, tx, dossier, experts, body.question ?? '');
    }
  });
  return { count: selected.length, ids: selected.map((d) => d.id) };
}

function tooMany(n: number) {
  return new AppError('VALIDATION', `${n > maxBulk ? 'Plus de ' + maxBulk : n} dossiers choisis : une action groupée porte sur ${maxBulk} dossiers au plus. Affinez la sélection.`, {
    issues: [{ path: 'ids', message: `${maxBulk} au plus.` }],
  });
}
