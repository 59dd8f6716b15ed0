import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../../../server/platform/context.js';
import { AppError, forbidden } from '../../../../server/platform/errors.js';
import { assertUpdated, assertVersion } from '../../../../server/platform/versioned-update.js';
import { loadCampaign, loadDossier } from '../../campaign-access.js';
import { dossierEvents, dossiers, letterTemplates } from '../../db/schema.js';
import { assertKnownFields, defaultTemplates, letterText, mergeFields, type DecisionKind } from '../decision-letter.js';

export const decisionKinds = ['accepte', 'refuse', 'classe_sans_suite'] as const;
export const decisionParam = z.enum(decisionKinds, { error: 'Décision : accepte, refuse ou classe_sans_suite.' });

export const saveTemplateInput = z.object({
  body: z.string().trim().min(10, 'Un modèle de 10 caractères au moins.').max(20_000),
  /** The version read (0 while the campaign still uses the default text). */
  version: z.number().int().min(0),
});
export const fileLetterInput = z.object({
  /** The letter of this file, with merge fields; null goes back to the campaign's template. */
  text: z.string().trim().min(10, 'Une lettre de 10 caractères au moins.').max(20_000).nullable(),
  version: z.number().int(),
});
export const previewQuery = z.object({ decision: decisionParam });

/** The campaign's three templates (its own text, else the default one) and the merge fields. */
export async function listTemplates(ctx: Ctx, campaignId: string) {
  const { ctx: a, campaign, standing } = await loadCampaign(ctx, campaignId, 'dossier.read');
  if (!standing.instructor && !standing.partner && !standing.readsAll) throw forbidden('Les modèles de lettres sont réservés aux instructeurs de la campagne.');
  const rows = await a.db.select().from(letterTemplates).where(and(eq(letterTemplates.tenantId, campaign.tenantId), eq(letterTemplates.campaignId, campaign.id)));
  return {
    mergeFields: [...mergeFields],
    items: decisionKinds.map((decision) => {
      const own = rows.find((r) => r.decision === decision);
      return { decision, body: own?.body ?? defaultTemplates[decision], custom: !!own, version: own?.version ?? 0 };
    }),
  };
}

export async function saveTemplate(ctx: Ctx, input: { campaignId: string; decision: DecisionKind; body: z.infer<typeof saveTemplateInput> }) {
  const { ctx: a, campaign } = await loadCampaign(ctx, input.campaignId, 'campaign.manage');
  const { body, version } = input.body;
  assertKnownFields(body, 'body');
  const key = and(eq(letterTemplates.tenantId, campaign.tenantId), eq(letterTemplates.campaignId, campaign.id), eq(letterTemplates.decision, input.decision));
  return a.db.transaction(async (tx) => {
    if (version === 0) {
      const [row] = await tx.insert(letterTemplates).values({ tenantId: campaign.tenantId, campaignId: campaign.id, decision: input.decision, body }).onConflictDoNothing().returning();
      if (!row) throw new AppError('CONFLICT', 'Ce modèle vient d’être modifié par quelqu’un d’autre : rechargez-le.');
      return row;
    }
    const [row] = await tx
      .update(letterTemplates)
      .set({ body, version: sql`${letterTemplates.version} + 1` })
      .where(and(key, eq(letterTemplates.version, version)))
      .returning();
    assertUpdated(row);
    return row!;
  });
}

/** The letter the file would receive for a decision, merged, before anything is sent. */
export async function previewLetter(ctx: Ctx, input: { dossierId: string; decision: DecisionKind }) {
  const { ctx: a, campaign, dossier } = await loadDossier(ctx, input.dossierId, 'instruct');
  return { decision: input.decision, edited: dossier.letterText !== null && !dossier.decidedAt, template: dossier.letterText ?? null, text: await letterText(a.db, campaign, dossier, input.decision, ctx.now()) };
}

/** Edits the file's letter before the decision (merge fields kept), or goes back to the template. */
export async function editFileLetter(ctx: Ctx, input: { dossierId: string; body: z.infer<typeof fileLetterInput> }) {
  const { ctx: a, dossier } = await loadDossier(ctx, input.dossierId, 'instruct');
  if (dossier.decidedAt) throw new AppError('CONFLICT', `Le dossier n° ${dossier.number} est déjà décidé : sa lettre est envoyée et conservée. Rouvrez-le pour en écrire une autre.`);
  if (input.body.text !== null) assertKnownFields(input.body.text, 'text');
  assertVersion(dossier, input.body.version);
  return a.db.transaction(async (tx) => {
    const [row] = await tx
      .update(dossiers)
      .set({ letterText: input.body.text, updatedAt: ctx.now(), version: sql`${dossiers.version} + 1` })
      .where(and(eq(dossiers.tenantId, dossier.tenantId), eq(dossiers.id, dossier.id), eq(dossiers.version, input.body.version)))
      .returning();
    assertUpdated(row);
    await tx.insert(dossierEvents).values({ tenantId: dossier.tenantId, dossierId: dossier.id, at: ctx.now(), kind: 'letter-edited', actorUserId: a.actor.id, actorLabel: a.actor.label, details: {} });
    return row!;
  });
}
