import { z } from 'zod';
import { can } from '../../../../server/platform/authz.js';
import type { Ctx } from '../../../../server/platform/context.js';
import { schoolFleetSummary, type SchoolFleetLine } from '../../../parc/index.js';
import { authed, loadDossier } from '../../campaign-access.js';
import { schoolFacts } from '../../routing.js';
import { requestsOf, type RenewalLine } from '../renewal-store.js';
import { assertRenewalCall, classLabel, pricedClasses, renewalSettingsOf } from '../settings.js';

export const fleetLineSchema = z.object({
  assetClass: z.string(),
  label: z.string(),
  count: z.number().int(),
  averageAgeYears: z.number().nullable(),
  underWarranty: z.number().int(),
  warrantyExpired: z.number().int(),
  renewalDueNow: z.number().int(),
  renewalDueNextYear: z.number().int(),
  expectedLifeYears: z.number(),
});

export const renewalLineSchema = z.object({
  assetClass: z.string(),
  label: z.string(),
  costCents: z.number().int(),
  requested: z.number().int(),
  granted: z.number().int().nullable(),
  /** The school's devices of the class, and those past their expected life: what the request is read beside. */
  fleetCount: z.number().int(),
  renewalDueNow: z.number().int(),
  /** Asked more than the devices already due for renewal. */
  overAsked: z.boolean(),
});

export const renewalFileSchema = z.object({
  dossier: z.object({ id: z.uuid(), number: z.number().int(), state: z.string(), campaignId: z.uuid(), campaignTitle: z.string() }),
  school: z.object({ id: z.uuid(), uai: z.string(), name: z.string() }),
  fleet: z.array(fleetLineSchema),
  lines: z.array(renewalLineSchema),
  justification: z.string(),
  /** The request's version (0 before the school first saves it). */
  version: z.number().int(),
  order: z.object({ id: z.uuid(), reference: z.string() }).nullable(),
  permissions: z.object({ request: z.boolean(), grant: z.boolean(), order: z.boolean() }),
});
export type RenewalFile = z.infer<typeof renewalFileSchema>;

export const presentFleet = (fleet: SchoolFleetLine[]) => fleet.map((f) => ({ ...f, label: classLabel(f.assetClass) }));

/** The request's lines over every priced class, each beside the school's fleet of that class. */
export function linesBesideFleet(classes: string[], costs: Record<string, number>, lines: RenewalLine[], fleet: SchoolFleetLine[]) {
  const asked = new Map(lines.map((l) => [l.assetClass, l]));
  const owned = new Map(fleet.map((f) => [f.assetClass, f]));
  const all = [...new Set([...classes, ...lines.map((l) => l.assetClass)])];
  return all.map((assetClass) => {
    const line = asked.get(assetClass);
    const f = owned.get(assetClass);
    const requested = line?.requested ?? 0;
    return {
      assetClass,
      label: classLabel(assetClass),
      costCents: costs[assetClass] ?? 0,
      requested,
      granted: line?.granted ?? null,
      fleetCount: f?.count ?? 0,
      renewalDueNow: f?.renewalDueNow ?? 0,
      overAsked: requested > (f?.renewalDueNow ?? 0),
    };
  });
}

/** A renewal file as the school fills it and the instructors arbitrate it: its fleet from the Parc beside the request. */
export async function getRenewalFile(ctx: Ctx, dossierId: string): Promise<RenewalFile> {
  authed(ctx, 'dossier.read');
  const { ctx: a, dossier, campaign, access } = await loadDossier(ctx, dossierId, 'see');
  assertRenewalCall(campaign);
  const school = await schoolFacts(ctx.db, dossier.tenantId, dossier.establishmentId!);
  const today = ctx.now().toISOString().slice(0, 10);
  const fleet = await schoolFleetSummary(ctx.db, { tenantId: dossier.tenantId, establishmentId: school.id, today });
  const found = (await requestsOf(ctx.db, dossier.tenantId, [dossier.id])).get(dossier.id);
  const { costs } = renewalSettingsOf(campaign);
  const editable = ['brouillon', 'en_construction'].includes(dossier.state);
  const instructs = access.instructor && can(a.actor, 'dossier.instruct');
  return {
    dossier: { id: dossier.id, number: dossier.number, state: dossier.state, campaignId: campaign.id, campaignTitle: campaign.title },
    school: { id: school.id, uai: school.uai, name: school.name },
    fleet: presentFleet(fleet),
    lines: linesBesideFleet(pricedClasses(campaign), costs, found?.lines ?? [], fleet),
    justification: found?.request.justification ?? '',
    version: found?.request.version ?? 0,
    order: found?.request.orderId ? { id: found.request.orderId, reference: found.request.orderReference ?? '' } : null,
    permissions: {
      request: access.applicant && can(a.actor, 'dossier.apply') && editable,
      grant: instructs && ['en_instruction', 'accepte'].includes(dossier.state) && !found?.request.orderId,
      order: instructs && can(a.actor, 'order.place') && dossier.state === 'accepte' && !found?.request.orderId && (found?.lines ?? []).some((l) => (l.granted ?? 0) > 0),
    },
  };
}
