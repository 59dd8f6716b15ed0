import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../../../server/platform/audit.js';
import type { Ctx } from '../../../../server/platform/context.js';
import { AppError } from '../../../../server/platform/errors.js';
import { assertUpdated, assertVersion } from '../../../../server/platform/versioned-update.js';
import { loadCampaign } from '../../campaign-access.js';
import { campaigns } from '../../db/schema.js';
import { assertRenewalCall, renewableClass } from '../settings.js';

export const renewalCostsInput = z.object({
  costs: z
    .array(
      z.object({
        assetClass: renewableClass,
        costCents: z.number({ message: 'Indiquez un coût.' }).int('Un montant en centimes.').min(1, 'Un coût positif.').max(10_000_000, 'Au plus 100 000 €.'),
      }),
    )
    .min(1, 'Au moins une classe d’équipement.')
    .max(20),
  version: z.number().int().min(1),
});
export type RenewalCostsInput = z.infer<typeof renewalCostsInput>;

/** The cost of one device per class, which prices the requests and the grants against the envelope. */
export async function setRenewalCosts(ctx: Ctx, campaignId: string, input: RenewalCostsInput) {
  const { campaign } = await loadCampaign(ctx, campaignId, 'campaign.manage');
  assertRenewalCall(campaign);
  assertVersion(campaign, input.version);
  const classes = input.costs.map((c) => c.assetClass);
  if (new Set(classes).size !== classes.length) throw new AppError('VALIDATION', 'Une classe d’équipement figure deux fois.', { issues: [{ path: 'costs', message: 'Classe en double.' }] });
  const costs = Object.fromEntries(input.costs.map((c) => [c.assetClass, c.costCents]));
  const settings = { ...campaign.settings, costs };
  return ctx.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(campaigns)
      .set({ settings, version: sql`${campaigns.version} + 1` })
      .where(and(eq(campaigns.tenantId, campaign.tenantId), eq(campaigns.id, campaign.id), eq(campaigns.version, input.version)))
      .returning();
    assertUpdated(updated);
    await recordAudit(ctx, tx, [{ tenantId: campaign.tenantId, action: 'update', entityType: 'campaign', entityId: campaign.id, before: { costs: campaign.settings.costs ?? {} }, after: { costs } }]);
    return { version: updated.version };
  });
}
