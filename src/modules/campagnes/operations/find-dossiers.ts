import { and, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { AuthedCtx, Ctx } from '../../../server/platform/context.js';
import { preparedShape, runPrepared } from '../../../server/platform/prepared.js';
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

/** A line of the list as PostgreSQL sends it: its instants are PostgreSQL's text, which the presenter writes as ISO 8601 (platform/instants.ts). */
type ListedRow = Omit<DossierSummaryRow, 'correction' | 'state' | 'submittedAt' | 'decidedAt' | 'updatedAt'> & {
  applicantUserId: string | null;
  correction: CorrectionRequest | null;
  state: DossierState;
  submittedAt: string | null;
  decidedAt: string | null;
  updatedAt: string;
};

const dialect = new PgDialect();
const dossiersTable = dialect.sqlToQuery(sql`${dossiers}`).sql;

/**
 * The page's files. The page is found on an index alone (the files' numbers, in order, after the
 * filters), then only its 50 rows are read, and only the columns a list shows: the rows skipped
 * by the offset and the answers are never read. The filter's text is written once per request
 * and both statements are built around it as text (drizzle built and rendered it three times a
 * page); each shape of filter is one prepared statement.
 */
function pageStatement(whereText: string, filterValues: number) {
  const [limit, offset, tenantId, campaignId] = [1, 2, 3, 4].map((i) => `$${filterValues + i}`);
  return preparedShape(
    'campagnes_dossier_page',
    `select d.id, d.number, d.state, d.applicant_label as "applicantLabel", d.applicant_user_id as "applicantUserId", d.establishment_id as "establishmentId",
      d.group_id as "groupId", d.correction, d.score, d.submitted_at as "submittedAt", d.decided_at as "decidedAt", d.updated_at as "updatedAt", d.version
    from (select "dossiers"."number" as number from ${dossiersTable} where ${whereText} order by "dossiers"."number" limit ${limit} offset ${offset}) page
    join ${dossiersTable} d on d.tenant_id = ${tenantId} and d.campaign_id = ${campaignId} and d.number = page.number
    order by d.number`,
  );
}

/** The campaign's files the actor sees, one page, with the total (paginated on the server). */
export async function findDossiers(ctx: Ctx, input: { campaignId: string; query: z.infer<typeof findDossiersQuery> }) {
  const { ctx: a, campaign, standing } = await loadListedCampaign(ctx, input.campaignId, 'dossier.read');
  // a name is searched only by those who may read it: a partner cannot probe a family's identity
  if (campaign.kind === 'family-aid' && !standing.instructor && input.query.q && !/^\d{1,9}$/.test(input.query.q)) return { campaign, standing, total: 0, rows: [] };
  const where = dialect.sqlToQuery(filterWhere(a, standing, campaign.id, input.query));
  const { page, pageSize } = input.query;
  const [total, rows] = await Promise.all([
    dossierTotal(ctx, campaign.tenantId, campaign.id, where, () =>
      runPrepared<{ n: number }>(ctx.db, preparedShape('campagnes_dossier_total', `select count(*)::int as n from ${dossiersTable} where ${where.sql}`), where.params).then(
        ([row]) => row!.n,
      ),
    ),
    runPrepared<ListedRow>(ctx.db, pageStatement(where.sql, where.params.length), [...where.params, pageSize, (page - 1) * pageSize, campaign.tenantId, campaign.id], {
      instants: 'text',
    }),
  ]);
  return { campaign, standing, total, rows };
}
