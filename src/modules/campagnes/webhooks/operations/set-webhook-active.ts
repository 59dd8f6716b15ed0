import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../../../server/platform/audit.js';
import type { Ctx } from '../../../../server/platform/context.js';
import { notFound } from '../../../../server/platform/errors.js';
import { authed, loadCampaign } from '../../campaign-access.js';
import { webhooks } from '../../db/schema.js';

export const setWebhookActiveInput = z.object({ active: z.boolean({ message: 'active : true ou false.' }) });

/** Pauses or resumes a webhook: paused, no new call is queued (those queued still go). */
export async function setWebhookActive(ctx: Ctx, webhookId: string, input: z.infer<typeof setWebhookActiveInput>) {
  const a = authed(ctx, 'campaign.manage');
  const [hook] = await ctx.db.select().from(webhooks).where(and(eq(webhooks.tenantId, a.actor.tenantId), eq(webhooks.id, webhookId)));
  if (!hook) throw notFound('Webhook');
  await loadCampaign(ctx, hook.campaignId, 'campaign.manage');
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.update(webhooks).set({ active: input.active }).where(and(eq(webhooks.tenantId, hook.tenantId), eq(webhooks.id, hook.id))).returning();
    await recordAudit(ctx, tx, [{ tenantId: hook.tenantId, action: 'update', entityType: 'campaign_webhook', entityId: hook.id, before: { active: hook.active }, after: { active: input.active } }]);
    return { id: row!.id, active: row!.active };
  });
}
