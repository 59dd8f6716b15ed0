import { and, count, desc, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../../server/platform/context.js';
import { readPage } from '../../../server/platform/page.js';
import { notFound } from '../../../server/platform/errors.js';
import { establishmentsView } from '../../referentiel/index.js';
import { authed, dossiersInScope, managesCampaigns, readsAll } from '../campaign-access.js';
import { campaigns, dossiers } from '../db/schema.js';

export const schoolDossiersQuery = z.object({
  uai: z.string().trim().toUpperCase().regex(/^\d{7}[A-Z]$/, 'UAI : 7 chiffres et une lettre.'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
export type SchoolDossiersQuery = z.infer<typeof schoolDossiersQuery>;

export const schoolDossierSchema = z.object({
  id: z.uuid(),
  number: z.number().int(),
  state: z.string(),
  campaign: z.object({ id: z.uuid(), code: z.string(), title: z.string(), kind: z.string() }),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  updatedAt: z.string(),
});

/**
 * A school's own files (renewal, project, candidature) across every campaign, latest change
 * first, limited to those the actor sees. The pupils' family aid files are the families' and
 * stay out. An unknown UAI, or one of another authority, is « not found ».
 */
export async function findSchoolDossiers(ctx: Ctx, query: SchoolDossiersQuery) {
  const a = authed(ctx, 'dossier.read');
  const tenantId = a.actor.tenantId;
  const [school] = await ctx.db
    .select({ id: establishmentsView.id })
    .from(establishmentsView)
    .where(and(eq(establishmentsView.tenantId, tenantId), eq(establishmentsView.uai, query.uai)));
  if (!school) throw notFound('Établissement');
  const draftsHidden = !managesCampaigns(a.actor) && !readsAll(a.actor);
  const where = and(eq(dossiers.tenantId, tenantId), eq(dossiers.establishmentId, school.id), dossiersInScope(a), draftsHidden ? ne(campaigns.status, 'draft') : undefined);
  const onCampaign = and(eq(campaigns.tenantId, dossiers.tenantId), eq(campaigns.id, dossiers.campaignId));
  return readPage(
    query,
    {
      total: async () => (await ctx.db.select({ n: count() }).from(dossiers).innerJoin(campaigns, onCampaign).where(where))[0]!.n,
      rows: (limit, offset) =>
        ctx.db.select({ d: dossiers, c: campaigns }).from(dossiers).innerJoin(campaigns, onCampaign).where(where).orderBy(desc(dossiers.updatedAt), desc(dossiers.number)).limit(limit).offset(offset),
    },
    ({ d, c }) => ({
      id: d.id,
      number: d.number,
      state: d.state,
      campaign: { id: c.id, code: c.code, title: c.title, kind: c.kind },
      submittedAt: d.submittedAt?.toISOString() ?? null,
      decidedAt: d.decidedAt?.toISOString() ?? null,
      updatedAt: d.updatedAt.toISOString(),
    }),
  );
}
