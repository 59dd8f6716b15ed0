import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../../../server/platform/audit.js';
import type { Ctx } from '../../../../server/platform/context.js';
import { AppError, type ErrorIssue } from '../../../../server/platform/errors.js';
import { assertUpdated, assertVersion } from '../../../../server/platform/versioned-update.js';
import { authed, loadDossier } from '../../campaign-access.js';
import { campaigns, dossiers } from '../../db/schema.js';
import { stateLabels } from '../../dossier-states.js';
import { renewalLines, renewalRequests } from '../db/schema.js';
import { grantedCents, requestsOf, type RenewalLine } from '../renewal-store.js';
import { planRenewalDeployments } from './plan-deployments.js';
import { assertRenewalCall, classLabel, euros, renewalSettingsOf } from '../settings.js';

export const renewalGrantInput = z.object({
  lines: z
    .array(
      z.object({
        assetClass: z.string().min(1).max(40),
        granted: z.number({ message: 'Indiquez une quantité.' }).int('Une quantité entière.').min(0, 'Une quantité positive ou nulle.').max(10_000, 'Au plus 10 000.'),
      }),
    )
    .max(20),
  /** The request's version the instructor read: another arbitration in between is a 409. */
  version: z.number().int().min(1),
});
export type RenewalGrantInput = z.infer<typeof renewalGrantInput>;

function checkGrants(input: RenewalGrantInput, lines: RenewalLine[]) {
  const asked = new Map(lines.map((l) => [l.assetClass, l.requested]));
  const issues: ErrorIssue[] = input.lines.flatMap((l, i) => {
    const requested = asked.get(l.assetClass);
    if (requested === undefined) return [{ path: `lines.${i}.assetClass`, message: `L’établissement n’a rien demandé en « ${classLabel(l.assetClass)} ».` }];
    if (l.granted > requested) return [{ path: `lines.${i}.granted`, message: `${l.granted} accordé(s) en « ${classLabel(l.assetClass)} » pour ${requested} demandé(s) : on n’accorde pas plus que la demande.` }];
    return [];
  });
  if (issues.length) throw new AppError('VALIDATION', issues[0].message, { issues });
}

/** What the campaign's other files already take from the envelope, at its prices. */
async function grantedElsewhere(tx: Ctx['db'], tenantId: string, campaignId: string, dossierId: string, costs: Record<string, number>) {
  const rows = await tx
    .select({ assetClass: renewalLines.assetClass, granted: sql<number>`coalesce(sum(${renewalLines.granted}), 0)`.mapWith(Number) })
    .from(renewalLines)
    .innerJoin(renewalRequests, and(eq(renewalRequests.tenantId, renewalLines.tenantId), eq(renewalRequests.dossierId, renewalLines.dossierId)))
    .innerJoin(dossiers, and(eq(dossiers.tenantId, renewalLines.tenantId), eq(dossiers.id, renewalLines.dossierId)))
    .where(and(eq(renewalLines.tenantId, tenantId), eq(renewalRequests.campaignId, campaignId), sql`${renewalLines.dossierId} <> ${dossierId}`, sql`${dossiers.state} not in ('refuse', 'classe_sans_suite')`))
    .groupBy(renewalLines.assetClass);
  return rows.reduce((t, r) => t + r.granted * (costs[r.assetClass] ?? 0), 0);
}

/**
 * The authority's arbitration of one file: granted quantities per class, never above the request,
 * and the campaign's total within its envelope. The campaign row is locked for the check and the
 * write, so two instructors granting the last euros pass one at a time; the file's version guards
 * two arbitrations of the same file (one wins, the other gets 409).
 */
export async function grantRenewal(ctx: Ctx, dossierId: string, input: RenewalGrantInput) {
  authed(ctx, 'dossier.instruct');
  const { ctx: a, dossier, campaign } = await loadDossier(ctx, dossierId, 'instruct');
  assertRenewalCall(campaign);
  if (!['en_instruction', 'accepte'].includes(dossier.state)) {
    throw new AppError('CONFLICT', `Le dossier n° ${dossier.number} est « ${stateLabels[dossier.state]} » : on arbitre un dossier en instruction ou accepté.`);
  }
  return ctx.db.transaction(async (tx) => {
    await tx.select({ id: campaigns.id }).from(campaigns).where(and(eq(campaigns.tenantId, campaign.tenantId), eq(campaigns.id, campaign.id))).for('update');
    const found = (await requestsOf(tx, dossier.tenantId, [dossier.id])).get(dossier.id);
    if (!found) throw new AppError('CONFLICT', `Le dossier n° ${dossier.number} ne demande rien : il n’y a rien à accorder.`);
    assertVersion(found.request, input.version);
    if (found.request.orderId) throw new AppError('CONFLICT', `La commande ${found.request.orderReference} a déjà été préparée pour ce dossier : les quantités accordées ne changent plus.`);
    checkGrants(input, found.lines);
    const { costs } = renewalSettingsOf(campaign);
    const granted = new Map(input.lines.map((l) => [l.assetClass, l.granted]));
    const next = found.lines.map((l) => ({ ...l, granted: granted.get(l.assetClass) ?? 0 }));
    const mine = grantedCents(next, costs);
    const others = await grantedElsewhere(tx, campaign.tenantId, campaign.id, dossier.id, costs);
    if (campaign.budgetCents !== null && others + mine > campaign.budgetCents) {
      const left = Math.max(0, campaign.budgetCents - others);
      throw new AppError('CONFLICT', `L’enveloppe de la campagne serait dépassée : il reste ${euros(left)} pour ce dossier, l’arbitrage en accorde ${euros(mine)}.`, {
        details: { remainingCents: left, grantedCents: mine },
      });
    }
    const now = ctx.now();
    const [updated] = await tx
      .update(renewalRequests)
      .set({ grantedBy: a.actor.label, grantedAt: now, updatedAt: now, version: sql`${renewalRequests.version} + 1` })
      .where(and(eq(renewalRequests.tenantId, dossier.tenantId), eq(renewalRequests.dossierId, dossier.id), eq(renewalRequests.version, input.version)))
      .returning();
    assertUpdated(updated);
    for (const l of next) {
      await tx
        .update(renewalLines)
        .set({ granted: l.granted })
        .where(and(eq(renewalLines.tenantId, dossier.tenantId), eq(renewalLines.dossierId, dossier.id), eq(renewalLines.assetClass, l.assetClass)));
    }
    // an accepted file's new grants are the fleet's new plan for the school
    if (dossier.state === 'accepte') await planRenewalDeployments(ctx, tx, dossier);
    await recordAudit(ctx, tx, [{ tenantId: dossier.tenantId, action: 'update', entityType: 'renewal_request', entityId: dossier.id, before: { lines: found.lines }, after: { lines: next } }]);
    return { version: updated.version, grantedCents: mine, campaignGrantedCents: others + mine };
  });
}
