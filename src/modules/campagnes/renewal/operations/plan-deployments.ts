import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../../../server/platform/context.js';
import type { Db } from '../../../../server/platform/db.js';
import { planDeployments } from '../../../parc/index.js';
import { campaigns } from '../../db/schema.js';
import type { DossierRow, TransitionHook } from '../../dossier-states.js';
import { requestsOf } from '../renewal-store.js';

/**
 * The quantities granted on an accepted renewal file become the fleet's planned deployments for
 * its school (the Parc's deployments page shows them, and a delivery is recorded against them);
 * a file no longer accepted withdraws them. Runs in the caller's transaction.
 */
export async function planRenewalDeployments(ctx: Pick<Ctx, 'now'>, tx: Db, dossier: Pick<DossierRow, 'tenantId' | 'id' | 'number' | 'campaignId' | 'establishmentId' | 'state'>) {
  if (!dossier.establishmentId) return;
  const found = (await requestsOf(tx, dossier.tenantId, [dossier.id])).get(dossier.id);
  if (!found) return;
  const [campaign] = await tx.select({ title: campaigns.title }).from(campaigns).where(and(eq(campaigns.tenantId, dossier.tenantId), eq(campaigns.id, dossier.campaignId)));
  const accepted = dossier.state === 'accepte';
  await planDeployments(ctx, tx, {
    tenantId: dossier.tenantId,
    sourceKey: `campagnes:renewal:${dossier.id}`,
    sourceLabel: `${campaign?.title ?? 'Renouvellement'} — dossier n° ${dossier.number}`,
    sourceLink: `/campagnes/renouvellement/${dossier.id}`,
    establishmentId: dossier.establishmentId,
    lines: accepted ? found.lines.map((l) => ({ assetClass: l.assetClass, quantity: l.granted ?? 0 })) : [],
  });
}

/** Accepting a renewal file plans its deployments; reopening it (or any move out of « accepté ») withdraws them. */
export const planOnDecision: TransitionHook = async (ctx, tx, before, after) => {
  if ((before.state === 'accepte') === (after.state === 'accepte')) return;
  await planRenewalDeployments(ctx, tx, after);
};
