import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../../../server/platform/context.js';
import { AppError, type ErrorIssue } from '../../../../server/platform/errors.js';
import { assertUpdated, assertVersion } from '../../../../server/platform/versioned-update.js';
import { authed, loadDossier } from '../../campaign-access.js';
import { stateLabels } from '../../dossier-states.js';
import { renewalLines, renewalRequests } from '../db/schema.js';
import { requestsOf } from '../renewal-store.js';
import { assertRenewalCall, classLabel, pricedClasses, renewableClass } from '../settings.js';

export const renewalRequestInput = z.object({
  lines: z
    .array(
      z.object({
        assetClass: renewableClass,
        requested: z.number({ message: 'Indiquez une quantité.' }).int('Une quantité entière.').min(0, 'Une quantité positive ou nulle.').max(10_000, 'Au plus 10 000.'),
      }),
    )
    .max(20),
  justification: z.string().trim().max(5000, 'Au plus 5 000 caractères.'),
  /** The request's version the school read (0 before its first save). */
  version: z.number().int().min(0),
});
export type RenewalRequestInput = z.infer<typeof renewalRequestInput>;

function checkRequest(input: RenewalRequestInput, priced: string[]) {
  const issues: ErrorIssue[] = [];
  const seen = new Set<string>();
  input.lines.forEach((l, i) => {
    if (!priced.includes(l.assetClass)) issues.push({ path: `lines.${i}.assetClass`, message: `« ${classLabel(l.assetClass)} » n’est pas proposé par cet appel.` });
    if (seen.has(l.assetClass)) issues.push({ path: `lines.${i}.assetClass`, message: `« ${classLabel(l.assetClass)} » est demandé deux fois.` });
    seen.add(l.assetClass);
  });
  const asked = input.lines.some((l) => l.requested > 0);
  if (asked && input.justification.length < 20) issues.push({ path: 'justification', message: 'Justifiez la demande en quelques phrases (20 caractères au moins).' });
  if (issues.length) throw new AppError('VALIDATION', issues[0].message, { issues });
}

/** The school asks quantities per class with its justification, while its file is still its own to edit. */
export async function saveRenewalRequest(ctx: Ctx, dossierId: string, input: RenewalRequestInput) {
  authed(ctx, 'dossier.apply');
  const { dossier, campaign } = await loadDossier(ctx, dossierId, 'apply');
  assertRenewalCall(campaign);
  if (!['brouillon', 'en_construction'].includes(dossier.state)) {
    throw new AppError('CONFLICT', `Le dossier n° ${dossier.number} est « ${stateLabels[dossier.state]} » : la demande ne se modifie plus.`);
  }
  checkRequest(input, pricedClasses(campaign));
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const current = (await requestsOf(tx, dossier.tenantId, [dossier.id])).get(dossier.id);
    assertVersion({ version: current?.request.version ?? 0 }, input.version);
    if (!current) {
      const inserted = await tx
        .insert(renewalRequests)
        .values({ tenantId: dossier.tenantId, dossierId: dossier.id, campaignId: campaign.id, justification: input.justification, updatedAt: now })
        .onConflictDoNothing()
        .returning();
      assertUpdated(inserted[0]);
    } else {
      const [updated] = await tx
        .update(renewalRequests)
        .set({ justification: input.justification, updatedAt: now, version: sql`${renewalRequests.version} + 1` })
        .where(and(eq(renewalRequests.tenantId, dossier.tenantId), eq(renewalRequests.dossierId, dossier.id), eq(renewalRequests.version, input.version)))
        .returning();
      assertUpdated(updated);
    }
    await tx.delete(renewalLines).where(and(eq(renewalLines.tenantId, dossier.tenantId), eq(renewalLines.dossierId, dossier.id)));
    const lines = input.lines.filter((l) => l.requested > 0);
    if (lines.length) await tx.insert(renewalLines).values(lines.map((l) => ({ tenantId: dossier.tenantId, dossierId: dossier.id, assetClass: l.assetClass, requested: l.requested })));
  });
}
