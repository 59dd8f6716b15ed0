import type { AuthedCtx } from '../../../../server/platform/context.js';
import type { DemoSeed } from '../../../../server/platform/module.js';
import { findUserByEmail } from '../../../access/index.js';
import { lendForProject, receiveStockDevices } from '../../../parc/index.js';
import type { DossierState } from '../../db/schema.js';
import { demoCall } from '../../renewal/demo/demo-call.js';
import { demoLycees } from '../../renewal/demo/seed-renewal-demo.js';
import { projectLoans } from '../db/schema.js';

const projects: { state: DossierState; title: string; assetClass: 'tablet' | 'mobile-cart'; quantity: number }[] = [
  { state: 'accepte', title: 'Cartographie numérique en histoire-géographie', assetClass: 'tablet', quantity: 16 },
  { state: 'en_instruction', title: 'Laboratoire mobile de sciences', assetClass: 'mobile-cart', quantity: 1 },
  { state: 'en_instruction', title: 'Lecture augmentée en seconde', assetClass: 'tablet', quantity: 12 },
  { state: 'en_construction', title: 'Atelier vidéo en lycée professionnel', assetClass: 'tablet', quantity: 8 },
];

/**
 * Hauts-de-France's pedagogical tablet project call: a few files, one accepted whose tablets
 * were lent from the Région's stock in the Parc for its term (the stock is received here first).
 */
export async function seedProjectDemo(seed: DemoSeed, tenantId: string): Promise<void> {
  const schools = await demoLycees(seed, tenantId, projects.length + 12);
  const { campaign, dossiers } = await demoCall(
    seed,
    tenantId,
    {
      code: 'projets-tablettes-2027',
      kind: 'project',
      title: 'Projets pédagogiques — prêt de tablettes et classes mobiles',
      description: 'Des tablettes ou une classe mobile prêtées au lycée pour un projet pédagogique d’au moins un trimestre.',
      budgetCents: null,
      settings: {},
    },
    // other lycées than the renewal call's first ones, so both calls show different schools
    projects.map((p, i) => ({ establishmentId: schools[schools.length - 1 - i], state: p.state })),
  );
  const admin = await findUserByEmail(seed.ctx, 'authority-admin.hauts-de-france@demo.coherence.fr');
  const ctx: AuthedCtx = { ...seed.ctx, actor: { kind: 'user', id: admin?.id ?? tenantId, label: 'Direction du numérique (démo)', tenantId, tenantCode: 'hauts-de-france', assignments: [] } };
  const year = seed.ctx.now().getUTCFullYear();
  const term = { startsOn: `${year + 1}-01-04`, endsOn: `${year + 1}-06-30` };
  await seed.ctx.db.transaction(async (tx) => {
    await receiveStockDevices(ctx, tx, { tenantId, assetClass: 'tablet', count: 40, model: 'iPad (10e génération)', reference: `STOCK-TAB-${year}`, receivedOn: `${year}-09-01` });
    for (const [i, d] of dossiers.entries()) {
      const p = projects[i];
      let assetIds: string[] = [];
      if (p.state === 'accepte') {
        assetIds = (
          await lendForProject(ctx, tx, { tenantId, establishmentId: d.establishmentId, assetClass: p.assetClass, quantity: p.quantity, borrower: `${p.title} (dossier n° ${d.number})`, from: term.startsOn, until: term.endsOn })
        ).assetIds;
      }
      await tx.insert(projectLoans).values({
        tenantId,
        dossierId: d.id,
        campaignId: campaign.id,
        title: p.title,
        assetClass: p.assetClass,
        quantity: p.quantity,
        ...term,
        assetIds,
        lentAt: assetIds.length ? seed.ctx.now() : null,
        updatedAt: seed.ctx.now(),
      });
    }
  });
}
