import { and, asc, eq, gt, lte } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../../../server/platform/context.js';
import { AppError } from '../../../../server/platform/errors.js';
import { findOrganizationByCode } from '../../../referentiel/index.js';
import { campaigns } from '../../db/schema.js';
import { offeredDevice, settingsOf } from '../campaign-settings.js';

export const openFamilyAidCampaign = z.object({ code: z.string(), title: z.string(), closesAt: z.string(), devices: z.array(offeredDevice) });

/**
 * The family aid campaigns an authority has open now: where a family starts, before any account
 * (public, like the simulator). An unknown authority is a 404, never an empty list that hides a typo.
 */
export async function listOpenFamilyAidCampaigns(ctx: Ctx, params: { authority: string }): Promise<z.infer<typeof openFamilyAidCampaign>[]> {
  const authority = await findOrganizationByCode(ctx.db, params.authority);
  if (!authority) throw new AppError('NOT_FOUND', `Aucune collectivité ne porte le code « ${params.authority} ».`);
  const now = ctx.now();
  const open = await ctx.db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.tenantId, authority.tenantId), eq(campaigns.kind, 'family-aid'), eq(campaigns.status, 'published'), lte(campaigns.opensAt, now), gt(campaigns.closesAt, now)))
    .orderBy(asc(campaigns.closesAt));
  return open.map((c) => ({ code: c.code, title: c.title, closesAt: c.closesAt.toISOString(), devices: settingsOf(c.settings).devices }));
}
