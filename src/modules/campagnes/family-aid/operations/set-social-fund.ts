import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../../../server/platform/audit.js';
import type { Ctx } from '../../../../server/platform/context.js';
import { AppError } from '../../../../server/platform/errors.js';
import { dossierEvents } from '../../db/schema.js';
import { familyAidFiles } from '../db/schema.js';
import { loadAidFile, touchDossier } from '../file-store.js';
import { authed, isCampaignInstructor } from '../instructors.js';
import { AidRuleError, computeAid } from '../rules/aid.js';

export const socialFundInput = z.object({
  version: z.number().int(),
  socialFundCents: z.number().int().min(0, 'Le fonds social est un montant positif.'),
  reason: z.string().trim().min(1, 'Indiquez pourquoi le fonds social est accordé.').max(1000),
});

/** An instructor adds a social fund top-up for a family in difficulty, while the file is under review. */
export async function setSocialFund(ctx: Ctx, id: string, input: z.infer<typeof socialFundInput>) {
  const actx = authed(ctx, 'family-aid.instruct');
  await ctx.db.transaction(async (tx) => {
    const file = await loadAidFile(tx, actx.actor.tenantId, id);
    if (!file || !(await isCampaignInstructor(actx, tx, file.campaign.id))) throw new AppError('NOT_FOUND', 'Dossier introuvable.');
    if (!['en_construction', 'en_instruction'].includes(file.dossier.state)) {
      throw new AppError('CONFLICT', `Le dossier n° ${file.dossier.number} est décidé : le fonds social ne se change plus (rouvrez-le d’abord).`);
    }
    if (file.aid.priceCents === null || file.aid.householdIncomeCents === null) throw new AppError('CONFLICT', 'Le dossier n’a pas encore d’équipement ni de revenu.');
    let amounts;
    try {
      amounts = computeAid({ priceCents: file.aid.priceCents, householdIncomeCents: file.aid.householdIncomeCents, socialFundCents: input.socialFundCents, insurance: file.aid.insurance });
    } catch (error) {
      if (error instanceof AidRuleError) throw new AppError('VALIDATION', error.message, { issues: [{ path: 'socialFundCents', message: error.message }] });
      throw error;
    }
    await touchDossier(actx, tx, file, input.version);
    await tx
      .update(familyAidFiles)
      .set({ socialFundCents: amounts.socialFundCents, familyCents: amounts.familyCents })
      .where(and(eq(familyAidFiles.tenantId, file.aid.tenantId), eq(familyAidFiles.dossierId, id)));
    const details = { before: file.aid.socialFundCents, after: amounts.socialFundCents };
    await tx.insert(dossierEvents).values({ tenantId: file.aid.tenantId, dossierId: id, at: ctx.now(), kind: 'social-fund', reason: input.reason, actorUserId: actx.actor.id, actorLabel: actx.actor.label, details });
    await recordAudit(ctx, tx, [{ tenantId: file.aid.tenantId, action: 'social-fund', entityType: 'dossier', entityId: id, before: { socialFundCents: details.before }, after: { socialFundCents: details.after } }]);
  });
}
