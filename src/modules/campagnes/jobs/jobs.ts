import { createHmac } from 'node:crypto';
import { and, asc, eq, gt, isNull, lte, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../../server/platform/context.js';
import { appSystemCtx } from '../../../server/platform/http.js';
import type { JobDefinition } from '../../../server/platform/jobs.js';
import { campaigns, dossiers, webhookDeliveries, webhooks } from '../db/schema.js';
import { transitionDossier } from '../dossier-states.js';
import { notifyDraftReminder } from '../notify.js';
import { parisText } from '../paris-time.js';

/**
 * At closing, files still being completed (en construction, no correction pending) move on to
 * review; each campaign is closed once (`closed_at`, set in the same transaction).
 */
export async function closeCampaigns(ctx: Ctx): Promise<number> {
  const now = ctx.now();
  const due = await ctx.db.select().from(campaigns).where(and(eq(campaigns.status, 'published'), lte(campaigns.closesAt, now), isNull(campaigns.closedAt)));
  let moved = 0;
  for (const campaign of due) {
    await ctx.db.transaction(async (tx) => {
      const [claimed] = await tx
        .update(campaigns)
        .set({ closedAt: now })
        .where(and(eq(campaigns.tenantId, campaign.tenantId), eq(campaigns.id, campaign.id), isNull(campaigns.closedAt)))
        .returning({ id: campaigns.id });
      if (!claimed) return;
      const files = await tx
        .select()
        .from(dossiers)
        .where(and(eq(dossiers.tenantId, campaign.tenantId), eq(dossiers.campaignId, campaign.id), eq(dossiers.state, 'en_construction'), sql`${dossiers.correction} is null`));
      for (const dossier of files) await transitionDossier(ctx, tx, { dossier, transition: 'close', version: dossier.version, reason: 'Clôture de la campagne' });
      moved += files.length;
    });
  }
  return moved;
}

const twoDays = 2 * 24 * 3600_000;

/** Two days before closing, each draft's applicant is reminded once per campaign (`reminded_at`). */
export async function remindDrafts(ctx: Ctx): Promise<number> {
  const now = ctx.now();
  const due = await ctx.db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.status, 'published'), gt(campaigns.closesAt, now), lte(campaigns.closesAt, new Date(now.getTime() + twoDays)), isNull(campaigns.remindedAt)));
  let told = 0;
  for (const campaign of due) {
    await ctx.db.transaction(async (tx) => {
      const [claimed] = await tx
        .update(campaigns)
        .set({ remindedAt: now })
        .where(and(eq(campaigns.tenantId, campaign.tenantId), eq(campaigns.id, campaign.id), isNull(campaigns.remindedAt)))
        .returning({ id: campaigns.id });
      if (!claimed) return;
      const drafts = await tx.select().from(dossiers).where(and(eq(dossiers.tenantId, campaign.tenantId), eq(dossiers.campaignId, campaign.id), eq(dossiers.state, 'brouillon')));
      for (const d of drafts) await notifyDraftReminder(ctx, tx, d, parisText(campaign.closesAt));
      told += drafts.length;
    });
  }
  return told;
}

export const webhookSignatureHeader = 'x-coherence-signature';

/** `sha256=<hex>` of the body with the webhook's secret. */
export function signPayload(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** Backoff after the n-th failure: 1, 2, 4… minutes, up to a day; given up after 10 attempts. */
export const maxWebhookAttempts = 10;
export const backoffMs = (attempts: number) => Math.min(60_000 * 2 ** (attempts - 1), 24 * 3600_000);

/** Sends the due deliveries (signed, 10 s timeout), recording each attempt in the delivery log. */
export async function deliverWebhooks(ctx: Ctx, fetcher: typeof fetch = fetch): Promise<number> {
  const now = ctx.now();
  const due = await ctx.db
    .select({ delivery: webhookDeliveries, url: webhooks.url, secret: webhooks.secret })
    .from(webhookDeliveries)
    .innerJoin(webhooks, and(eq(webhooks.tenantId, webhookDeliveries.tenantId), eq(webhooks.id, webhookDeliveries.webhookId)))
    .where(and(eq(webhookDeliveries.status, 'pending'), lte(webhookDeliveries.nextAttemptAt, now)))
    .orderBy(asc(webhookDeliveries.nextAttemptAt))
    .limit(100);
  let delivered = 0;
  for (const { delivery, url, secret } of due) {
    const body = JSON.stringify(delivery.payload);
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetcher(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [webhookSignatureHeader]: signPayload(secret, body), 'x-coherence-delivery': delivery.id },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      statusCode = response.status;
      if (!response.ok) error = `Réponse HTTP ${response.status}`;
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    const attempts = delivery.attempts + 1;
    const ok = error === null;
    if (ok) delivered++;
    await ctx.db
      .update(webhookDeliveries)
      .set({
        attempts,
        lastStatusCode: statusCode,
        lastError: error,
        status: ok ? 'delivered' : attempts >= maxWebhookAttempts ? 'failed' : 'pending',
        deliveredAt: ok ? ctx.now() : null,
        nextAttemptAt: ok ? delivery.nextAttemptAt : new Date(ctx.now().getTime() + backoffMs(attempts)),
      })
      .where(and(eq(webhookDeliveries.tenantId, delivery.tenantId), eq(webhookDeliveries.id, delivery.id), eq(webhookDeliveries.attempts, delivery.attempts)));
  }
  return delivered;
}

export const campagnesJobNames = { close: 'campagnes-close', remind: 'campagnes-remind', webhooks: 'campagnes-webhooks' } as const;

/** The campaigns' background jobs on the platform's pg-boss registry, each guarded in SQL. */
export function campagnesJobs(app: FastifyInstance): JobDefinition[] {
  const ctx = () => appSystemCtx(app);
  return [
    { name: campagnesJobNames.close, schedule: '* * * * *', policy: 'singleton', handler: () => closeCampaigns(ctx()) },
    { name: campagnesJobNames.remind, schedule: '*/15 * * * *', policy: 'singleton', handler: () => remindDrafts(ctx()) },
    { name: campagnesJobNames.webhooks, schedule: '* * * * *', policy: 'singleton', handler: () => deliverWebhooks(ctx()) },
  ];
}
