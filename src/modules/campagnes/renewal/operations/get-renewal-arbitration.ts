import { and, asc, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import { can } from '../../../../server/platform/authz.js';
import type { Ctx } from '../../../../server/platform/context.js';
import { forbidden } from '../../../../server/platform/errors.js';
import { schoolFleetSummary } from '../../../parc/index.js';
import { establishmentsView } from '../../../referentiel/index.js';
import { loadCampaign, visibleDossiers } from '../../campaign-access.js';
import { dossiers } from '../../db/schema.js';
import { requestsOf } from '../renewal-store.js';
import { grantedCents, requestedCents } from '../renewal-store.js';
import { assertRenewalCall, classLabel, pricedClasses, renewalSettingsOf } from '../settings.js';
import { linesBesideFleet, renewalLineSchema } from './get-renewal-file.js';

export const renewalArbitrationSchema = z.object({
  campaign: z.object({ id: z.uuid(), code: z.string(), title: z.string(), version: z.number().int() }),
  budgetCents: z.number().int().nullable(),
  costs: z.array(z.object({ assetClass: z.string(), label: z.string(), costCents: z.number().int() })),
  /** Every file's granted quantities at the campaign's prices, refused and closed files aside. */
  grantedCents: z.number().int(),
  requestedCents: z.number().int(),
  remainingCents: z.number().int().nullable(),
  files: z.array(
    z.object({
      id: z.uuid(),
      number: z.number().int(),
      state: z.string(),
      school: z.object({ uai: z.string(), name: z.string() }),
      justification: z.string(),
      lines: z.array(renewalLineSchema),
      requestedCents: z.number().int(),
      grantedCents: z.number().int(),
      overAsked: z.boolean(),
      version: z.number().int(),
      ordered: z.boolean(),
    }),
  ),
  canGrant: z.boolean(),
});
export type RenewalArbitration = z.infer<typeof renewalArbitrationSchema>;

/**
 * The arbitration page: the submitted files the actor reads, each request beside the school's
 * fleet, with the running total of what is granted against the envelope.
 */
export async function getRenewalArbitration(ctx: Ctx, campaignIdOrCode: string): Promise<RenewalArbitration> {
  const { ctx: a, campaign, standing } = await loadCampaign(ctx, campaignIdOrCode, 'dossier.read');
  assertRenewalCall(campaign);
  if (!standing.instructor && !standing.readsAll && !standing.partner) throw forbidden('Seuls les instructeurs de la campagne arbitrent ses dossiers.');
  const rows = await ctx.db
    .select({ id: dossiers.id, number: dossiers.number, state: dossiers.state, establishmentId: dossiers.establishmentId, uai: establishmentsView.uai, name: establishmentsView.name })
    .from(dossiers)
    .innerJoin(establishmentsView, and(eq(establishmentsView.tenantId, dossiers.tenantId), eq(establishmentsView.id, dossiers.establishmentId)))
    .where(and(eq(dossiers.tenantId, campaign.tenantId), eq(dossiers.campaignId, campaign.id), ne(dossiers.state, 'brouillon'), visibleDossiers(a, standing)))
    .orderBy(asc(dossiers.number))
    .limit(1000);
  const { costs } = renewalSettingsOf(campaign);
  const classes = pricedClasses(campaign);
  const requests = await requestsOf(ctx.db, campaign.tenantId, rows.map((r) => r.id));
  const today = ctx.now().toISOString().slice(0, 10);
  const files = [];
  for (const row of rows) {
    const found = requests.get(row.id);
    const fleet = await schoolFleetSummary(ctx.db, { tenantId: campaign.tenantId, establishmentId: row.establishmentId!, today });
    const lines = linesBesideFleet(classes, costs, found?.lines ?? [], fleet);
    const counted = !['refuse', 'classe_sans_suite'].includes(row.state);
    files.push({
      id: row.id,
      number: row.number,
      state: row.state,
      school: { uai: row.uai, name: row.name },
      justification: found?.request.justification ?? '',
      lines,
      requestedCents: requestedCents(found?.lines ?? [], costs),
      grantedCents: counted ? grantedCents(found?.lines ?? [], costs) : 0,
      overAsked: lines.some((l) => l.overAsked),
      version: found?.request.version ?? 0,
      ordered: !!found?.request.orderId,
    });
  }
  const granted = files.reduce((t, f) => t + f.grantedCents, 0);
  return {
    campaign: { id: campaign.id, code: campaign.code, title: campaign.title, version: campaign.version },
    budgetCents: campaign.budgetCents,
    costs: classes.map((c) => ({ assetClass: c, label: classLabel(c), costCents: costs[c] })),
    grantedCents: granted,
    requestedCents: files.reduce((t, f) => t + f.requestedCents, 0),
    remainingCents: campaign.budgetCents === null ? null : campaign.budgetCents - granted,
    files,
    canGrant: standing.instructor && can(a.actor, 'dossier.instruct'),
  };
}
