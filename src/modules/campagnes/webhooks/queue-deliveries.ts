import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../../server/platform/context.js';
import type { Db } from '../../../server/platform/db.js';
import { webhookDeliveries, webhooks, type DossierState, type dossiers } from '../db/schema.js';

type DossierRow = typeof dossiers.$inferSelect;

/** One delivery per active webhook of the file's campaign, sent by the webhook job after the commit. */
export async function queueWebhookDeliveries(ctx: Ctx, tx: Db, dossier: DossierRow, from: DossierState) {
  const targets = await tx
    .select({ id: webhooks.id })
    .from(webhooks)
    .where(and(eq(webhooks.tenantId, dossier.tenantId), eq(webhooks.campaignId, dossier.campaignId), eq(webhooks.active, true)));
  if (!targets.length) return;
  const now = ctx.now();
  const payload = {
    event: 'dossier.state_changed',
    at: now.toISOString(),
    dossier: { id: dossier.id, number: dossier.number, campaignId: dossier.campaignId, from, to: dossier.state, version: dossier.version },
  };
  await tx.insert(webhookDeliveries).values(
    targets.map((t) => ({ tenantId: dossier.tenantId, webhookId: t.id, dossierId: dossier.id, event: payload.event, payload, createdAt: now, nextAttemptAt: now })),
  );
}
