import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../../../server/platform/context.js';
import { AppError } from '../../../../server/platform/errors.js';
import { establishmentsView } from '../../../referentiel/index.js';
import { campaigns, dossiers } from '../../db/schema.js';
import { familyAidFiles } from '../db/schema.js';
import { authed } from '../instructors.js';

export const campaignIdParams = z.object({ campaignId: z.uuid() });

export const aidDashboardSchema = z.object({
  byState: z.array(z.object({ state: z.string(), files: z.number() })),
  equippedBySchool: z.array(z.object({ uai: z.string().nullable(), name: z.string().nullable(), pupils: z.number() })),
  deviceSplit: z.array(z.object({ device: z.string(), files: z.number(), percent: z.number() })),
  totals: z.object({ acceptedFiles: z.number(), aidCents: z.number(), socialFundCents: z.number(), familyCents: z.number() }),
});

/** Anonymous figures only (counts and sums, never a family): what steering and auditors may read too. */
export async function getAidDashboard(ctx: Ctx, campaignId: string): Promise<z.infer<typeof aidDashboardSchema>> {
  const actx = authed(ctx, 'family-aid.dashboard');
  const tenantId = actx.actor.tenantId;
  const [campaign] = await ctx.db.select({ id: campaigns.id }).from(campaigns).where(and(eq(campaigns.tenantId, tenantId), eq(campaigns.id, campaignId), eq(campaigns.kind, 'family-aid')));
  if (!campaign) throw new AppError('NOT_FOUND', 'Campagne introuvable.');
  const files = and(eq(familyAidFiles.tenantId, tenantId), eq(familyAidFiles.campaignId, campaignId));
  const join = and(eq(dossiers.tenantId, familyAidFiles.tenantId), eq(dossiers.id, familyAidFiles.dossierId));
  const [byState, bySchool, byDevice, [totals]] = await Promise.all([
    ctx.db.select({ state: dossiers.state, files: sql<number>`count(*)`.mapWith(Number) }).from(familyAidFiles).innerJoin(dossiers, join).where(files).groupBy(dossiers.state).orderBy(dossiers.state),
    ctx.db
      .select({ uai: establishmentsView.uai, name: establishmentsView.name, pupils: sql<number>`count(*)`.mapWith(Number) })
      .from(familyAidFiles)
      .leftJoin(establishmentsView, and(eq(establishmentsView.tenantId, familyAidFiles.tenantId), eq(establishmentsView.id, familyAidFiles.establishmentId)))
      .where(and(files, sql`${familyAidFiles.deliveredAt} is not null`))
      .groupBy(establishmentsView.uai, establishmentsView.name)
      .orderBy(sql`count(*) desc`, establishmentsView.uai),
    ctx.db
      .select({ device: familyAidFiles.deviceCode, files: sql<number>`count(*)`.mapWith(Number) })
      .from(familyAidFiles)
      .innerJoin(dossiers, join)
      .where(and(files, sql`${familyAidFiles.deviceCode} is not null`, sql`${dossiers.state} <> 'brouillon'`))
      .groupBy(familyAidFiles.deviceCode)
      .orderBy(familyAidFiles.deviceCode),
    ctx.db
      .select({
        acceptedFiles: sql<number>`count(*)`.mapWith(Number),
        aidCents: sql<number>`coalesce(sum(${familyAidFiles.aidCents}), 0)`.mapWith(Number),
        socialFundCents: sql<number>`coalesce(sum(${familyAidFiles.socialFundCents}), 0)`.mapWith(Number),
        familyCents: sql<number>`coalesce(sum(${familyAidFiles.familyCents}), 0)`.mapWith(Number),
      })
      .from(familyAidFiles)
      .innerJoin(dossiers, join)
      .where(and(files, eq(dossiers.state, 'accepte'))),
  ]);
  const devices = byDevice.reduce((a, d) => a + d.files, 0);
  return {
    byState,
    equippedBySchool: bySchool,
    deviceSplit: byDevice.map((d) => ({ device: d.device!, files: d.files, percent: devices ? Math.round((d.files / devices) * 1000) / 10 : 0 })),
    totals,
  };
}
