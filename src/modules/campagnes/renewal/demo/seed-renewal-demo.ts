import { planRenewalDeployments } from '../operations/plan-deployments.js';
import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import type { DemoSeed } from '../../../../server/platform/module.js';
import { schoolFleetSummary } from '../../../parc/index.js';
import { establishmentsView } from '../../../referentiel/index.js';
import type { DossierState } from '../../db/schema.js';
import { renewalLines, renewalRequests } from '../db/schema.js';
import { demoCall, lyceeNatureCodes } from './demo-call.js';

/** One device's cost per class (TTC, euro cents): what prices the requests against the envelope. */
export const demoRenewalCosts = { desktop: 80_000, laptop: 95_000, tablet: 42_000, projector: 65_000, 'interactive-display': 290_000 };

/** The dozen files' states: the referent's own school first, as a draft still to complete. */
const states: DossierState[] = ['brouillon', 'brouillon', 'en_construction', 'en_construction', 'en_construction', 'en_instruction', 'en_instruction', 'en_instruction', 'en_instruction', 'accepte', 'accepte', 'refuse'];

/**
 * The lycées of the demo calls, chosen by codes: the referent's lycée, then the others of lycée
 * nature codes by UAI.
 */
export async function demoLycees(seed: DemoSeed, tenantId: string, count: number): Promise<string[]> {
  const first = (seed.shared.get('referentiel') as { firstLycee?: string } | undefined)?.firstLycee;
  const others = await seed.ctx.db
    .select({ id: establishmentsView.id })
    .from(establishmentsView)
    .where(and(eq(establishmentsView.tenantId, tenantId), inArray(establishmentsView.natureCode, lyceeNatureCodes), first ? ne(establishmentsView.id, first) : undefined))
    .orderBy(asc(establishmentsView.uai))
    .limit(count);
  return [...(first ? [first] : []), ...others.map((o) => o.id)].slice(0, count);
}

/**
 * Hauts-de-France's open renewal call for its lycées: a dozen files in several states, each
 * request read from the school's real demo fleet (some asking more than is due, so the
 * arbitration page shows it), grants on the files in review and accepted.
 */
export async function seedRenewalDemo(seed: DemoSeed, tenantId: string): Promise<void> {
  const schools = await demoLycees(seed, tenantId, states.length);
  const { campaign, dossiers } = await demoCall(
    seed,
    tenantId,
    {
      code: 'renouvellement-2027',
      kind: 'renewal',
      title: 'Renouvellement des équipements des lycées — 2027',
      description: 'Chaque lycée demande, classe par classe, le renouvellement de ses équipements en voyant son parc réel ; la Région arbitre dans l’enveloppe.',
      budgetCents: 45_000_000,
      settings: { costs: demoRenewalCosts },
    },
    schools.map((establishmentId, i) => ({ establishmentId, state: states[i] })),
  );
  const today = seed.ctx.now().toISOString().slice(0, 10);
  const now = seed.ctx.now();
  for (const [i, d] of dossiers.entries()) {
    const fleet = await schoolFleetSummary(seed.ctx.db, { tenantId, establishmentId: d.establishmentId, today });
    // every third school asks two more than is due: the over-asking the arbitration shows
    const lines = fleet
      .filter((f) => f.assetClass in demoRenewalCosts && f.renewalDueNow > 0)
      .map((f) => ({ assetClass: f.assetClass, requested: f.renewalDueNow + (i % 3 === 1 ? 2 : 0) }));
    if (i === 0 && lines.length > 1) lines.splice(1);
    const arbitrated = ['en_instruction', 'accepte', 'refuse'].includes(d.state) && i % 2 === 1;
    const decided = d.state === 'accepte';
    const grantOf = (requested: number) => (decided || arbitrated ? Math.max(0, requested - (i % 2)) : null);
    await seed.ctx.db.insert(renewalRequests).values({
      tenantId,
      dossierId: d.id,
      campaignId: campaign.id,
      justification: 'Postes de plus de sept ans en salle de technologie, hors garantie ; pannes répétées signalées au guichet.',
      grantedBy: decided || arbitrated ? 'Direction du numérique (démo)' : null,
      grantedAt: decided || arbitrated ? now : null,
      updatedAt: now,
    });
    if (lines.length) await seed.ctx.db.insert(renewalLines).values(lines.map((l) => ({ tenantId, dossierId: d.id, assetClass: l.assetClass, requested: l.requested, granted: grantOf(l.requested) })));
    // what an accepted file grants is planned in the fleet's deployments, as the acceptance does
    if (decided) await planRenewalDeployments(seed.ctx, seed.ctx.db, d);
  }
}
