import { and, count, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../../../server/platform/context.js';
import { loadCampaign } from '../../campaign-access.js';
import { webhookDeliveries, webhooks } from '../../db/schema.js';

export const webhookSchema = z.object({
  id: z.uuid(),
  url: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
  deliveries: z.object({ pending: z.number().int(), delivered: z.number().int(), failed: z.number().int() }),
});

/** The campaign's webhooks (never their secret), each with how many calls wait, went through or failed for good. */
export async function listWebhooks(ctx: Ctx, campaignIdOrCode: string) {
  const { campaign } = await loadCampaign(ctx, campaignIdOrCode, 'campaign.manage');
  const rows = await ctx.db
    .select({ id: webhooks.id, url: webhooks.url, active: webhooks.active, createdAt: webhooks.createdAt })
    .from(webhooks)
    .where(and(eq(webhooks.tenantId, campaign.tenantId), eq(webhooks.campaignId, campaign.id)))
    .orderBy(desc(webhooks.createdAt));
  const counts = rows.length
    ? await ctx.db
        .select({ webhookId: webhookDeliveries.webhookId, status: webhookDeliveries.status, n: count() })
        .from(webhookDeliveries)
        .innerJoin(webhooks, and(eq(webhooks.tenantId, webhookDeliveries.tenantId), eq(webhooks.id, webhookDeliveries.webhookId)))
        .where(and(eq(webhooks.tenantId, campaign.tenantId), eq(webhooks.campaignId, campaign.id)))
        .groupBy(webhookDeliveries.webhookId, webhookDeliveries.status)
    : [];
  return rows.map((w) => {
    const of = (status: string) => counts.find((c) => c.webhookId === w.id && c.status === status)?.n ?? 0;
    return { id: w.id, url: w.url, active: w.active, createdAt: w.createdAt.toISOString(), deliveries: { pending: of('pending'), delivered: of('delivered'), failed: of('failed') } };
  });
}
