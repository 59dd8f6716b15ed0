import { and, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { AuthedCtx, Ctx } from '../../../server/platform/context.js';
import { runStatement } from '../../../server/platform/prepared.js';
import { dossierStates, dossiers, type CorrectionRequest, type DossierState } from '../db/schema.js';
import { loadListedCampaign, visibleDossiers, type CampaignStanding } from '../campaign-access.js';
import type { DossierSummaryRow } from '../presenters/dossiers.js';
import { dossierTotal } from './dossier-totals.js';

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

/** A line of the list as PostgreSQL sends it: timestamps are text on PGlite through drizzle. */
type ListedRow = Omit<DossierSummaryRow, 'submittedAt' | 'decidedAt' | 'updatedAt'> & {
  applicantUserId: string | null;
  submittedAt: Date | string | null;
  decidedAt: Date | string | null;
  updatedAt: Date | string;
};

const instant = (at: Date | string) => (at instanceof Date ? at : new Date(at));
const instantOrNull = (at: Date | string | null) => (at === null ? null : instant(at));

/**
 * The page's files. The page is found on an index alone (the files' numbers, in order, after the
 * filters), then only its 50 rows are read, and only the columns a list shows: the rows skipped
 * by the offset and the answers are never read.
 */
function pageStatement(where: SQL, tenantId: string, campaignId: string, limit: number, offset: number): SQL {
  return sql`select d.id, d.number, d.state, d.applicant_label as "applicantLabel", d.applicant_user_id as "applicantUserId", d.establishment_id as "establishmentId",
      d.group_id as "groupId", d.correction, d.score, d.submitted_at as "submittedAt", d.decided_at as "decidedAt", d.updated_at as "updatedAt", d.version
    from (select ${dossiers.number} as number from ${dossiers} where ${where} order by ${dossiers.number} limit ${limit} offset ${offset}) page
    join ${dossiers} d on d.tenant_id = ${tenantId} and d.campaign_id = ${campaignId} and d.number = page.number
    order by d.number`;
}

/** The campaign's files the actor sees, one page, with the total (paginated on the server). */
export async function findDossiers(ctx: Ctx, input: { campaignId: string; query: z.infer<typeof findDossiersQuery> }) {
  const { ctx: a, campaign, standing } = await loadListedCampaign(ctx, input.campaignId, 'dossier.read');
  // a name is searched only by those who may read it: a partner cannot probe a family's identity
  if (campaign.kind === 'family-aid' && !standing.instructor && input.query.q && !/^\d{1,9}$/.test(input.query.q)) return { campaign, standing, total: 0, rows: [] };
  const where = filterWhere(a, standing, campaign.id, input.query);
  const { page, pageSize } = input.query;
  const [total, listed] = await Promise.all([
    dossierTotal(ctx, campaign.tenantId, campaign.id, where, () =>
      runStatement<{ n: number }>(ctx.db, sql`select count(*)::int as n from ${dossiers} where ${where}`, 'campagnes_dossier_total').then(([row]) => row!.n),
    ),
    runStatement<ListedRow>(ctx.db, pageStatement(where, campaign.tenantId, campaign.id, pageSize, (page - 1) * pageSize), 'campagnes_dossier_page'),
  ]);
  const rows = listed.map((r) => ({
    ...r,
    correction: r.correction as CorrectionRequest | null,
    state: r.state as DossierState,
    submittedAt: instantOrNull(r.submittedAt),
    decidedAt: instantOrNull(r.decidedAt),
    updatedAt: instant(r.updatedAt),
  }));
  return { campaign, standing, total, rows };
}
