import { and, desc, eq, isNotNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { authorize } from '../../../../server/platform/authz.js';
import type { Ctx } from '../../../../server/platform/context.js';
import { AppError } from '../../../../server/platform/errors.js';
import { campaigns, dossierEvents, dossiers, formVersions } from '../../db/schema.js';
import { familyAidFiles } from '../db/schema.js';
import { dossiersChanged } from '../../operations/dossier-totals.js';
import { assertCampaignOpen } from '../file-store.js';

export const startAidFileParams = z.object({ code: z.string().trim().min(1).max(100) });

/** A family opens a draft on an open family aid campaign of its authority. */
export async function startAidFile(ctx: Ctx, params: z.infer<typeof startAidFileParams>): Promise<{ id: string }> {
  authorize(ctx.actor, 'family-aid.apply');
  const actor = ctx.actor;
  const tenantId = actor.tenantId;
  const started = await ctx.db.transaction(async (tx) => {
    const [campaign] = await tx
      .select()
      .from(campaigns)
      .where(and(eq(campaigns.tenantId, tenantId), eq(campaigns.code, params.code), eq(campaigns.kind, 'family-aid')))
      .for('update');
    if (!campaign) throw new AppError('NOT_FOUND', 'Campagne introuvable.');
    assertCampaignOpen(campaign, ctx.now());
    const [form] = await tx
      .select({ id: formVersions.id })
      .from(formVersions)
      .where(and(eq(formVersions.tenantId, tenantId), eq(formVersions.campaignId, campaign.id), isNotNull(formVersions.publishedAt)))
      .orderBy(desc(formVersions.number))
      .limit(1);
    if (!form) throw new AppError('CONFLICT', 'Le formulaire de cette campagne n’est pas encore publié.');
    await tx.update(campaigns).set({ nextDossierNumber: sql`${campaigns.nextDossierNumber} + 1` }).where(and(eq(campaigns.tenantId, tenantId), eq(campaigns.id, campaign.id)));
    const now = ctx.now();
    const [dossier] = await tx
      .insert(dossiers)
      .values({ tenantId, campaignId: campaign.id, number: campaign.nextDossierNumber, formVersionId: form.id, applicantUserId: actor.id, applicantLabel: actor.label, createdAt: now, updatedAt: now })
      .returning({ id: dossiers.id });
    await tx.insert(familyAidFiles).values({ tenantId, dossierId: dossier.id, campaignId: campaign.id, familyUserId: actor.id, touchedAt: now });
    await tx.insert(dossierEvents).values({ tenantId, dossierId: dossier.id, at: now, kind: 'created', toState: 'brouillon', actorUserId: actor.id, actorLabel: actor.label });
    return { ...dossier, campaignId: campaign.id };
  });
  dossiersChanged(ctx, tenantId, started.campaignId);
  return { id: started.id };
}
