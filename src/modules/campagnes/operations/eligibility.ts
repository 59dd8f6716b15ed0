import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { recordAudit } from '../../../server/platform/audit.js';
import type { Ctx } from '../../../server/platform/context.js';
import { AppError, type ErrorIssue } from '../../../server/platform/errors.js';
import { assertUpdated, assertVersion } from '../../../server/platform/versioned-update.js';
import { establishmentsView, territorialUnitsView } from '../../referentiel/index.js';
import { campaignsChanged, loadCampaign } from '../campaign-access.js';
import { campaigns, type Eligibility } from '../db/schema.js';
import type { UpdateEligibilityInput } from './campaign.input.js';

/**
 * The establishments a campaign is open to, named: its natures, its units and its explicit list
 * (each school with its UAI and name), and the campaign's version to edit them with.
 */
export async function getEligibility(ctx: Ctx, campaignId: string) {
  const { campaign } = await loadCampaign(ctx, campaignId);
  return presentEligibility(ctx, campaign.tenantId, campaign.eligibility, campaign.version);
}

async function presentEligibility(ctx: Ctx, tenantId: string, e: Eligibility, version: number) {
  const units = e.unitIds.length
    ? await ctx.db
        .select({ id: territorialUnitsView.id, name: territorialUnitsView.name, kind: territorialUnitsView.kind })
        .from(territorialUnitsView)
        .where(and(eq(territorialUnitsView.tenantId, tenantId), inArray(territorialUnitsView.id, e.unitIds)))
        .orderBy(asc(territorialUnitsView.name))
    : [];
  const establishments = e.establishmentIds.length
    ? await ctx.db
        .select({ id: establishmentsView.id, uai: establishmentsView.uai, name: establishmentsView.name })
        .from(establishmentsView)
        .where(and(eq(establishmentsView.tenantId, tenantId), inArray(establishmentsView.id, e.establishmentIds)))
        .orderBy(asc(establishmentsView.name))
    : [];
  return { natureCodes: e.natureCodes, units, establishments, version };
}

async function checkEligibility(ctx: Ctx, tenantId: string, e: Eligibility) {
  const issues: ErrorIssue[] = [];
  const unitIds = [...new Set(e.unitIds)];
  if (unitIds.length) {
    const found = await ctx.db.select({ id: territorialUnitsView.id }).from(territorialUnitsView).where(and(eq(territorialUnitsView.tenantId, tenantId), inArray(territorialUnitsView.id, unitIds)));
    if (found.length !== unitIds.length) issues.push({ path: 'unitIds', message: 'Unité territoriale inconnue de la collectivité.' });
  }
  const schoolIds = [...new Set(e.establishmentIds)];
  if (schoolIds.length) {
    const [row] = await ctx.db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(establishmentsView)
      .where(and(eq(establishmentsView.tenantId, tenantId), inArray(establishmentsView.id, schoolIds)));
    if (row!.n !== schoolIds.length) issues.push({ path: 'establishmentIds', message: `${schoolIds.length - row!.n} établissement(s) inconnu(s) de la collectivité.` });
  }
  if (issues.length) throw new AppError('VALIDATION', issues[0]!.message, { issues });
  return { natureCodes: [...new Set(e.natureCodes)], unitIds, establishmentIds: schoolIds };
}

/**
 * Replaces who may apply, with the campaign's version read (a colleague's change in between is a
 * 409). Files already started stay: eligibility is checked when a file is started.
 */
export async function updateEligibility(ctx: Ctx, input: { campaignId: string; changes: UpdateEligibilityInput }) {
  const { campaign, ctx: a } = await loadCampaign(ctx, input.campaignId, 'campaign.manage');
  const { version, ...wanted } = input.changes;
  assertVersion(campaign, version);
  const eligibility = await checkEligibility(ctx, campaign.tenantId, wanted);
  try {
    const updated = await ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .update(campaigns)
        .set({ eligibility, version: sql`${campaigns.version} + 1` })
        .where(and(eq(campaigns.tenantId, campaign.tenantId), eq(campaigns.id, campaign.id), eq(campaigns.version, version)))
        .returning();
      assertUpdated(row);
      await recordAudit(a, tx, [{ tenantId: campaign.tenantId, action: 'update', entityType: 'campaign', entityId: campaign.id, before: { eligibility: campaign.eligibility }, after: { eligibility } }]);
      return row;
    });
    return presentEligibility(ctx, campaign.tenantId, updated.eligibility, updated.version);
  } finally {
    campaignsChanged(ctx);
  }
}
