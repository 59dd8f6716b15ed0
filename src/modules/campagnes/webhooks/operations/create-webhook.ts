import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { recordAudit } from '../../../../server/platform/audit.js';
import type { Ctx } from '../../../../server/platform/context.js';
import { loadCampaign } from '../../campaign-access.js';
import { webhooks } from '../../db/schema.js';

const local = /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?\//;

export const createWebhookInput = z.object({
  url: z
    .string()
    .trim()
    .max(2000)
    .url('Adresse du webhook : une URL complète (https://…).')
    .refine((u) => u.startsWith('https://') || local.test(u), 'Adresse du webhook : https:// obligatoire (http:// pour localhost seulement).'),
});
export type CreateWebhookInput = z.infer<typeof createWebhookInput>;

export const createdWebhookSchema = z.object({
  id: z.uuid(),
  url: z.string(),
  active: z.boolean(),
  /** The HMAC key the partner checks each call's `x-coherence-signature` with: shown this once. */
  secret: z.string(),
});

/**
 * A partner's endpoint called on each state change of the campaign's files, signed with its own
 * secret (HMAC-SHA256), which is shown once here and never again.
 */
export async function createWebhook(ctx: Ctx, campaignIdOrCode: string, input: CreateWebhookInput) {
  const { campaign } = await loadCampaign(ctx, campaignIdOrCode, 'campaign.manage');
  const secret = randomBytes(32).toString('base64url');
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.insert(webhooks).values({ tenantId: campaign.tenantId, campaignId: campaign.id, url: input.url, secret, createdAt: ctx.now() }).returning();
    await recordAudit(ctx, tx, [{ tenantId: campaign.tenantId, action: 'create', entityType: 'campaign_webhook', entityId: row!.id, after: { campaignId: campaign.id, url: input.url } }]);
    return { id: row!.id, url: row!.url, active: row!.active, secret };
  });
}
