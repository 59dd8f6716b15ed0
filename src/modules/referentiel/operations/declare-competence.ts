import { eq } from 'drizzle-orm';
import { recordAudit } from '../../../server/platform/audit.js';
import { authorize } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { AppError } from '../../../server/platform/errors.js';
import { competenceOf, defaultCompetence, type Competence } from '../competence/competence.js';
import { organizations } from '../db/schema.js';

async function currentOrganization(ctx: Ctx, tenantId: string) {
  const [organization] = await ctx.db.select().from(organizations).where(eq(organizations.tenantId, tenantId));
  if (!organization) throw new AppError('NOT_FOUND', 'Collectivité introuvable.');
  return organization;
}

/** The active authority's competence, whether declared, and what its kind and code give by default. */
export async function getCompetence(ctx: Ctx) {
  authorize(ctx.actor, 'organization.read');
  const organization = await currentOrganization(ctx, ctx.actor.tenantId);
  return { ...competenceOf(organization), defaults: defaultCompetence(organization) };
}

/** Declares what the authority may hold; null goes back to the defaults of its kind and code. */
export async function declareCompetence(ctx: Ctx, competence: Competence | null) {
  authorize(ctx.actor, 'organization.manage');
  const organization = await currentOrganization(ctx, ctx.actor.tenantId);
  const before = competenceOf(organization);
  const settings = { ...(organization.settings as Record<string, unknown>) };
  if (competence) settings.competence = competence;
  else delete settings.competence;
  await ctx.db.transaction(async (tx) => {
    await tx.update(organizations).set({ settings }).where(eq(organizations.tenantId, organization.tenantId));
    await recordAudit(ctx, tx, [
      { tenantId: organization.tenantId, action: 'update', entityType: 'organization-competence', entityId: organization.tenantId, before: before.competence, after: competence },
    ]);
  });
  return getCompetence(ctx);
}
