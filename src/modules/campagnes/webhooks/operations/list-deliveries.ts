import { and, count, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../../../server/platform/context.js';
import { readPage } from '../../../../server/platform/page.js';
import { loadCampaign } from '../../campaign-access.js';
import { dossiers, webhookDeliveries, webhooks } from '../../db/schema.js';

export const deliveriesQuery = z.object({
  status: z.enum(['pending', 'delivered', 'failed'], { message: 'État : pending, delivered ou failed.' }).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});

export const deliverySchema = z.object({
  id: z.uuid(),
  webhookId: z.uuid(),
  url: z.string(),
  /** The file whose change was sent (its number gone once the file is purged). */
  dossier: z.object({ id: z.uuid(), number: z.number().int().nullable() }),
  event: z.string(),
  payload: z.record(z.string(), z.unknown()),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  nextAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
});

/** The delivery log of the campaign's webhooks, newest first: each call, its attempts, the last answer and the next try. */
export async function listDeliveries(ctx: Ctx, campaignIdOrCode: string, query: z.infer<typeof deliveriesQuery>) {
  const { campaign } = await loadCampaign(ctx, campaignIdOrCode, 'campaign.manage');
  const where = and(eq(webhooks.tenantId, campaign.tenantId), eq(webhooks.campaignId, campaign.id), query.status ? eq(webhookDeliveries.status, query.status) : undefined);
  const ofWebhook = and(eq(webhooks.tenantId, webhookDeliveries.tenantId), eq(webhooks.id, webhookDeliveries.webhookId));
  return readPage(
    query,
    {
      total: async () => (await ctx.db.select({ n: count() }).from(webhookDeliveries).innerJoin(webhooks, ofWebhook).where(where))[0]!.n,
      rows: (limit, offset) =>
        ctx.db
          .select({ d: webhookDeliveries, url: webhooks.url, number: dossiers.number })
          .from(webhookDeliveries)
          .innerJoin(webhooks, ofWebhook)
          .leftJoin(dossiers, and(eq(dossiers.tenantId, webhookDeliveries.tenantId), eq(dossiers.id, webhookDeliveries.dossierId)))
          .where(where)
          .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
          .limit(limit)
          .offset(offset),
    },
    ({ d, url, number }) => ({
      id: d.id,
      webhookId: d.webhookId,
      url,
      dossier: { id: d.dossierId, number },
      event: d.event,
      payload: d.payload,
      status: d.status,
      attempts: d.attempts,
      lastStatusCode: d.lastStatusCode,
      lastError: d.lastError,
      createdAt: d.createdAt.toISOString(),
      nextAttemptAt: d.status === 'pending' ? d.nextAttemptAt.toISOString() : null,
      deliveredAt: d.deliveredAt?.toISOString() ?? null,
    }),
  );
}
