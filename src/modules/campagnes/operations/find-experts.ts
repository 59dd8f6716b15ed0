import { and, asc, eq, ilike, ne, or } from 'drizzle-orm';
import { z } from 'zod';
import { can } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { forbidden } from '../../../server/platform/errors.js';
import { roleAssignmentsView, usersView } from '../../access/index.js';
import { loadCampaign } from '../campaign-access.js';

export const findExpertsQuery = z.object({ search: z.string().trim().min(2, 'Tapez au moins 2 lettres du nom ou de l’adresse.').max(100) });

export const expertCandidateSchema = z.object({ id: z.uuid(), displayName: z.string(), email: z.string() });

const like = (text: string) => `%${text.replace(/[%_\\]/g, '\\$&')}%`;

/**
 * The people an instructor may ask an opinion of: anyone with an active account and a role in
 * the authority (an académie inspector, a DRAAF officer, a colleague), families aside; 20 at most.
 */
export async function findExperts(ctx: Ctx, campaignIdOrCode: string, query: z.infer<typeof findExpertsQuery>) {
  const { ctx: a, campaign, standing } = await loadCampaign(ctx, campaignIdOrCode, 'dossier.instruct');
  if (!standing.instructor || !can(a.actor, 'dossier.instruct')) throw forbidden('Seuls les instructeurs de la campagne demandent des avis.');
  return ctx.db
    .selectDistinct({ id: usersView.id, displayName: usersView.displayName, email: usersView.email })
    .from(usersView)
    .innerJoin(roleAssignmentsView, eq(roleAssignmentsView.userId, usersView.id))
    .where(
      and(
        eq(roleAssignmentsView.tenantId, campaign.tenantId),
        ne(roleAssignmentsView.role, 'family'),
        eq(usersView.active, true),
        or(ilike(usersView.displayName, like(query.search)), ilike(usersView.email, like(query.search))),
      ),
    )
    .orderBy(asc(usersView.displayName), asc(usersView.id))
    .limit(20);
}
