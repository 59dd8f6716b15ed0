import { and, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../../server/platform/context.js';
import { AppError, forbidden } from '../../../server/platform/errors.js';
import { establishmentIdsOf, loadCampaign } from '../campaign-access.js';
import { campaigns, dossierEvents, dossiers } from '../db/schema.js';
import { parisText } from '../paris-time.js';
import { eligible, schoolFacts, unitAncestors } from '../routing.js';
import type { CampaignRow } from '../campaign-access.js';
import type { StartDossierInput } from './dossier-input.js';
import { dossiersChanged } from './dossier-totals.js';
import { currentFormVersion } from './form-versions.js';

/** A call takes files between its opening and its closing (instants in Paris time), once published. */
export function assertOpen(campaign: CampaignRow, now: Date) {
  if (campaign.status !== 'published') throw new AppError('CONFLICT', 'Cette campagne n’est pas publiée.');
  if (now < campaign.opensAt) throw new AppError('CONFLICT', `La campagne ouvre le ${parisText(campaign.opensAt)}.`);
  if (now > campaign.closesAt) throw new AppError('CONFLICT', `La campagne est close depuis le ${parisText(campaign.closesAt)} : les dossiers ne sont plus acceptés.`);
}

/**
 * Starts a draft on the campaign's current form version, for the actor's school (or for the
 * actor alone in a family aid call, `establishmentId` null). The file keeps that version.
 */
export async function startDossier(ctx: Ctx, input: { campaignId: string; body: StartDossierInput; forFamily?: boolean }) {
  const { ctx: a, campaign } = await loadCampaign(ctx, input.campaignId, 'campaign.read');
  assertOpen(campaign, ctx.now());
  const form = await currentFormVersion(ctx.db, campaign.tenantId, campaign.id);
  if (!form) throw new AppError('CONFLICT', 'Le formulaire de cette campagne n’est pas encore publié.');
  let establishmentId: string | null = null;
  if (!input.forFamily) {
    if (!a.actor.assignments.some((x) => x.role === 'establishment-staff')) throw forbidden('Seul le personnel d’un établissement dépose un dossier pour lui.');
    const own = establishmentIdsOf(a.actor);
    establishmentId = input.body.establishmentId ?? own[0] ?? null;
    if (!establishmentId || !own.includes(establishmentId)) throw forbidden('Vous ne pouvez déposer que pour votre établissement.');
    const school = await schoolFacts(ctx.db, campaign.tenantId, establishmentId);
    const ancestors = campaign.eligibility.unitIds.length ? await unitAncestors(ctx.db, campaign.tenantId, school.unitId) : [];
    if (!eligible(campaign.eligibility, school, ancestors)) throw new AppError('CONFLICT', `${school.name} n’est pas éligible à cette campagne.`);
  }
  const now = ctx.now();
  const started = await ctx.db.transaction(async (tx) => {
    const [numbered] = await tx
      .update(campaigns)
      .set({ nextDossierNumber: sql`${campaigns.nextDossierNumber} + 1` })
      .where(and(eq(campaigns.tenantId, campaign.tenantId), eq(campaigns.id, campaign.id)))
      .returning({ number: sql<number>`${campaigns.nextDossierNumber} - 1` });
    const [dossier] = await tx
      .insert(dossiers)
      .values({
        tenantId: campaign.tenantId,
        campaignId: campaign.id,
        number: Number(numbered!.number),
        formVersionId: form.id,
        establishmentId,
        applicantUserId: a.actor.kind === 'user' ? a.actor.id : null,
        applicantLabel: a.actor.label,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await tx.insert(dossierEvents).values({
      tenantId: campaign.tenantId,
      dossierId: dossier!.id,
      at: now,
      kind: 'transition',
      toState: 'brouillon',
      actorUserId: a.actor.kind === 'user' ? a.actor.id : null,
      actorLabel: a.actor.label,
    });
    return dossier!;
  });
  dossiersChanged(ctx, campaign.tenantId, campaign.id);
  return started;
}
