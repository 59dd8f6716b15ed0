import { and, asc, count, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { AuthedCtx, Ctx } from '../../../server/platform/context.js';
import { dossierStates, dossiers } from '../db/schema.js';
import { loadCampaign, visibleDossiers, type CampaignStanding } from '../campaign-access.js';

export const dossierFilter = z.object({
  state: z.enum(dossierStates).optional(),
  groupId: z.string().uuid().optional(),
  establishmentId: z.string().uuid().optional(),
  /** A file number, or part of the applicant's name. */
  q: z.string().trim().max(100).optional(),
  correction: z.enum(['pending']).optional(),
});
export type DossierFilter = z.infer<typeof dossierFilter>;

export const findDossiersQuery = dossierFilter.extend({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export function filterWhere(ctx: AuthedCtx, standing: CampaignStanding, campaignId: string, filter: DossierFilter): SQL {
  const parts: (SQL | undefined)[] = [eq(dossiers.tenantId, ctx.actor.tenantId), eq(dossiers.campaignId, campaignId), visibleDossiers(ctx, standing)];
  if (filter.state) parts.push(eq(dossiers.state, filter.state));
  if (filter.groupId) parts.push(eq(dossiers.groupId, filter.groupId));
  if (filter.establishmentId) parts.push(eq(dossiers.establishmentId, filter.establishmentId));
  if (filter.correction) parts.push(sql`${dossiers.correction} is not null`);
  if (filter.q) {
    const n = /^\d{1,9}$/.test(filter.q) ? Number(filter.q) : null;
    parts.push(or(n !== null ? eq(dossiers.number, n) : undefined, ilike(dossiers.applicantLabel, `%${filter.q.replace(/[%_\\]/g, '\\$&')}%`)));
  }
  return and(...parts)!;
}

/** The campaign's files the actor sees, one page, with the total (paginated on the server). */
export async function findDossiers(ctx: Ctx, input: { campaignId: string; query: z.infer<typeof findDossiersQuery> }) {
  const { ctx: a, campaign, standing } = await loadCampaign(ctx, input.campaignId, 'dossier.read');
  // a name is searched only by those who may read it: a partner cannot probe a family's identity
  if (campaign.kind === 'family-aid' && !standing.instructor && input.query.q && !/^\d{1,9}$/.test(input.query.q)) return { campaign, standing, total: 0, rows: [] };
  const where = filterWhere(a, standing, campaign.id, input.query);
  const [total] = await ctx.db.select({ n: count() }).from(dossiers).where(where);
  const rows = await ctx.db
    .select()
    .from(dossiers)
    .where(where)
    .orderBy(asc(dossiers.number))
    .limit(input.query.pageSize)
    .offset((input.query.page - 1) * input.query.pageSize);
  return { campaign, standing, total: total!.n, rows };
}
