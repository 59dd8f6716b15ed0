import { z } from 'zod';
import { can } from '../../../../server/platform/authz.js';
import type { Ctx } from '../../../../server/platform/context.js';
import { authed, loadDossier } from '../../campaign-access.js';
import { schoolFacts } from '../../routing.js';
import { assertProjectCall, projectOf } from '../project-store.js';

export const projectFileSchema = z.object({
  dossier: z.object({ id: z.uuid(), number: z.number().int(), state: z.string(), campaignId: z.uuid(), campaignTitle: z.string() }),
  school: z.object({ uai: z.string(), name: z.string() }),
  project: z
    .object({
      title: z.string(),
      assetClass: z.enum(['tablet', 'mobile-cart']),
      quantity: z.number().int(),
      startsOn: z.string(),
      endsOn: z.string(),
      lentAssetCount: z.number().int(),
      lentAt: z.string().nullable(),
      order: z.object({ id: z.uuid(), reference: z.string() }).nullable(),
    })
    .nullable(),
  version: z.number().int(),
  permissions: z.object({ request: z.boolean(), order: z.boolean() }),
});
export type ProjectFile = z.infer<typeof projectFileSchema>;

/** A pedagogical project file: what the school borrows, for which dates, and the loan once accepted. */
export async function getProjectFile(ctx: Ctx, dossierId: string): Promise<ProjectFile> {
  authed(ctx, 'dossier.read');
  const { ctx: a, dossier, campaign, access } = await loadDossier(ctx, dossierId, 'see');
  assertProjectCall(campaign);
  const school = await schoolFacts(ctx.db, dossier.tenantId, dossier.establishmentId!);
  const row = await projectOf(ctx.db, dossier.tenantId, dossier.id);
  return {
    dossier: { id: dossier.id, number: dossier.number, state: dossier.state, campaignId: campaign.id, campaignTitle: campaign.title },
    school: { uai: school.uai, name: school.name },
    project: row
      ? {
          title: row.title,
          assetClass: row.assetClass,
          quantity: row.quantity,
          startsOn: row.startsOn,
          endsOn: row.endsOn,
          lentAssetCount: row.assetIds.length,
          lentAt: row.lentAt?.toISOString() ?? null,
          order: row.orderId ? { id: row.orderId, reference: row.orderReference ?? '' } : null,
        }
      : null,
    version: row?.version ?? 0,
    permissions: {
      request: access.applicant && can(a.actor, 'dossier.apply') && ['brouillon', 'en_construction'].includes(dossier.state),
      order: access.instructor && can(a.actor, 'dossier.instruct') && can(a.actor, 'order.place') && dossier.state === 'accepte' && !!row && !row.orderId,
    },
  };
}
