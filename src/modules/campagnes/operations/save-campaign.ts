import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../../server/platform/context.js';
import { recordAudit } from '../../../server/platform/audit.js';
import { AppError } from '../../../server/platform/errors.js';
import { isDatabaseError } from '../../../server/platform/database-errors.js';
import { assertUpdated, assertVersion } from '../../../server/platform/versioned-update.js';
import { organizationsView } from '../../referentiel/index.js';
import { authed, campaignsChanged, loadCampaign } from '../campaign-access.js';
import { campaignPartners, campaigns, formVersions } from '../db/schema.js';
import { parisDay, parisEndOf, parisStartOf, parisText } from '../paris-time.js';
import type { CreateCampaignInput, ReopenCampaignInput, UpdateCampaignInput } from './campaign.input.js';
import type { Db } from '../../../server/platform/db.js';

async function checkPartners(db: Db, tenantId: string, partnerIds: string[]) {
  if (!partnerIds.length) return;
  const found = await db.select({ id: organizationsView.tenantId }).from(organizationsView).where(inArray(organizationsView.tenantId, partnerIds));
  if (found.length !== new Set(partnerIds).size) throw new AppError('VALIDATION', 'Organisation partenaire inconnue.', { issues: [{ path: 'partnerIds', message: 'Organisation inconnue.' }] });
  void tenantId;
}

async function writePartners(db: Db, tenantId: string, campaignId: string, partnerIds: string[]) {
  await db.delete(campaignPartners).where(and(eq(campaignPartners.tenantId, tenantId), eq(campaignPartners.campaignId, campaignId)));
  if (partnerIds.length) await db.insert(campaignPartners).values([...new Set(partnerIds)].map((organizationId) => ({ tenantId, campaignId, organizationId })));
}

/** Creates a campaign (draft) with its first form version, empty, to build. */
export async function createCampaign(ctx: Ctx, input: CreateCampaignInput) {
  const a = authed(ctx, 'campaign.manage');
  const tenantId = a.actor.tenantId;
  await checkPartners(ctx.db, tenantId, input.partnerIds);
  try {
    return await afterCommit(ctx, ctx.db.transaction(async (tx) => {
      const [campaign] = await tx
        .insert(campaigns)
        .values({
          tenantId,
          code: input.code,
          kind: input.kind,
          title: input.title,
          description: input.description,
          opensAt: parisStartOf(input.opensOn),
          closesAt: parisEndOf(input.closesOn),
          budgetCents: input.budgetCents,
          retentionMonths: input.retentionMonths,
          eligibility: input.eligibility,
          grid: input.grid,
          createdBy: a.actor.label,
        })
        .returning();
      await tx.insert(formVersions).values({ tenantId, campaignId: campaign!.id, number: 1 });
      await writePartners(tx, tenantId, campaign!.id, input.partnerIds);
      await recordAudit(ctx, tx, [{ tenantId, action: 'create', entityType: 'campaign', entityId: campaign!.id, after: { code: input.code, kind: input.kind } }]);
      return campaign!;
    }));
  } catch (error) {
    if (isDatabaseError(error, '23505')) throw new AppError('CONFLICT', `Le code « ${input.code} » est déjà pris par une autre campagne.`, { issues: [{ path: 'code', message: 'Code déjà pris.' }] });
    throw error;
  }
}

export async function updateCampaign(ctx: Ctx, input: { id: string; changes: UpdateCampaignInput }) {
  const { campaign, ctx: a } = await loadCampaign(ctx, input.id, 'campaign.manage');
  const c = input.changes;
  assertVersion(campaign, c.version);
  await checkPartners(ctx.db, campaign.tenantId, c.partnerIds);
  return afterCommit(ctx, ctx.db.transaction(async (tx) => {
    const closesAt = parisEndOf(c.closesOn);
    const [updated] = await tx
      .update(campaigns)
      .set({
        title: c.title,
        description: c.description,
        status: c.status,
        opensAt: parisStartOf(c.opensOn),
        closesAt,
        // moving the closing date later lets the closing job run again
        closedAt: closesAt > ctx.now() ? null : campaign.closedAt,
        budgetCents: c.budgetCents,
        retentionMonths: c.retentionMonths,
        eligibility: c.eligibility,
        grid: c.grid,
        version: sql`${campaigns.version} + 1`,
      })
      .where(and(eq(campaigns.tenantId, campaign.tenantId), eq(campaigns.id, campaign.id), eq(campaigns.version, c.version)))
      .returning();
    assertUpdated(updated);
    await writePartners(tx, campaign.tenantId, campaign.id, c.partnerIds);
    await recordAudit(a, tx, [{ tenantId: campaign.tenantId, action: 'update', entityType: 'campaign', entityId: campaign.id, after: { status: c.status, closesOn: c.closesOn } }]);
    return updated;
  }));
}

/** Lists read the campaign again once the change is committed (status, partners). */
async function afterCommit<T>(ctx: Ctx, write: Promise<T>): Promise<T> {
  try {
    return await write;
  } finally {
    campaignsChanged(ctx);
  }
}

/** Reopens a campaign until a new last day, with the reason kept in its reopenings. */
export async function reopenCampaign(ctx: Ctx, input: { id: string; changes: ReopenCampaignInput }) {
  const { campaign, ctx: a } = await loadCampaign(ctx, input.id, 'campaign.manage');
  assertVersion(campaign, input.changes.version);
  const now = ctx.now();
  const closesAt = parisEndOf(input.changes.closesOn);
  if (campaign.closesAt > now) throw new AppError('CONFLICT', `La campagne est encore ouverte, jusqu’au ${parisText(campaign.closesAt)}.`);
  if (closesAt <= now) throw new AppError('VALIDATION', `La nouvelle clôture doit être après aujourd’hui (${parisDay(now)}).`, { issues: [{ path: 'closesOn', message: 'Date passée.' }] });
  const reopening = {
    at: now.toISOString(),
    byUserId: a.actor.kind === 'user' ? a.actor.id : null,
    byLabel: a.actor.label,
    reason: input.changes.reason,
    previousClosesAt: campaign.closesAt.toISOString(),
    closesAt: closesAt.toISOString(),
  };
  return afterCommit(ctx, ctx.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(campaigns)
      .set({ closesAt, closedAt: null, remindedAt: null, status: 'published', reopenings: [...campaign.reopenings, reopening], version: sql`${campaigns.version} + 1` })
      .where(and(eq(campaigns.tenantId, campaign.tenantId), eq(campaigns.id, campaign.id), eq(campaigns.version, input.changes.version)))
      .returning();
    assertUpdated(updated);
    await recordAudit(a, tx, [{ tenantId: campaign.tenantId, action: 'update', entityType: 'campaign', entityId: campaign.id, after: { reopened: reopening } }]);
    return updated;
  }));
}
