import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { dossiersChanged } from '../operations/dossier-totals.js';
import type { Ctx } from '../../../server/platform/context.js';
import { campaigns, documentContents, documents, dossiers, messages } from '../db/schema.js';
import { familyAidFiles, familyAidPurges } from '../family-aid/db/schema.js';

/** What a purged file still says where a name or an address stood. */
export const purgedLabel = 'Famille (données effacées)';

/**
 * The end of a campaign's retention: `retention_months` after its closing (the instant it was
 * closed, else its closing date), counted in Paris calendar months.
 */
export function retentionEnds(campaign: { closedAt: Date | null; closesAt: Date; retentionMonths: number }): Date {
  const closed = campaign.closedAt ?? campaign.closesAt;
  return DateTime.fromJSDate(closed, { zone: 'Europe/Paris' }).plus({ months: campaign.retentionMonths }).toJSDate();
}

export interface PurgeOutcome {
  campaignId: string;
  files: number;
  documents: number;
}

/**
 * Purges the family files of every family aid campaign whose retention has ended: documents
 * (their bytes deleted from storage, the row kept as a count), personal fields (pupil, income,
 * tax notice, the applicant's name, answers, messages). What the dashboard counts stays: state,
 * school, device, amounts, delivery. One transaction per campaign, recorded in family_aid_purges.
 */
export async function purgeExpiredFamilyFiles(ctx: Ctx): Promise<PurgeOutcome[]> {
  const now = ctx.now();
  const closed = await ctx.db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.kind, 'family-aid'), sql`coalesce(${campaigns.closedAt}, ${campaigns.closesAt}) <= ${now}`));
  const outcomes: PurgeOutcome[] = [];
  for (const campaign of closed) {
    if (retentionEnds(campaign) > now) continue;
    const outcome = await purgeCampaign(ctx, campaign.tenantId, campaign.id, now);
    // the purged names no longer match a search by name
    if (outcome.files > 0) dossiersChanged(ctx, campaign.tenantId, campaign.id);
    if (outcome.files > 0) outcomes.push(outcome);
  }
  return outcomes;
}

async function purgeCampaign(ctx: Ctx, tenantId: string, campaignId: string, now: Date): Promise<PurgeOutcome> {
  return ctx.db.transaction(async (tx) => {
    // claimed by the update itself: two runs at once purge each file once
    const claimed = await tx
      .update(familyAidFiles)
      .set({ pupilFirstName: null, pupilLastName: null, pupilClass: null, householdIncomeCents: null, taxNoticeDocumentId: null, purgedAt: now })
      .where(and(eq(familyAidFiles.tenantId, tenantId), eq(familyAidFiles.campaignId, campaignId), isNull(familyAidFiles.purgedAt)))
      .returning({ dossierId: familyAidFiles.dossierId });
    if (!claimed.length) return { campaignId, files: 0, documents: 0 };
    const ids = claimed.map((c) => c.dossierId);
    let purgedDocuments = 0;
    // in slices: a campaign of 20,000 files stays within PostgreSQL's parameter limit
    for (let i = 0; i < ids.length; i += 1000) {
      const slice = ids.slice(i, i + 1000);
      const docs = await tx
        .update(documents)
        .set({ purgedAt: now, filename: 'document-efface' })
        .where(and(eq(documents.tenantId, tenantId), inArray(documents.dossierId, slice), isNull(documents.purgedAt)))
        .returning({ id: documents.id });
      purgedDocuments += docs.length;
      if (docs.length) await tx.delete(documentContents).where(and(eq(documentContents.tenantId, tenantId), inArray(documentContents.documentId, docs.map((d) => d.id))));
      await tx.update(dossiers).set({ applicantLabel: purgedLabel, answers: {}, annotations: {} }).where(and(eq(dossiers.tenantId, tenantId), inArray(dossiers.id, slice)));
      await tx.update(messages).set({ body: '(message effacé à la fin de la durée de conservation)', authorLabel: purgedLabel }).where(and(eq(messages.tenantId, tenantId), inArray(messages.dossierId, slice), eq(messages.side, 'applicant')));
    }
    await tx.insert(familyAidPurges).values({ tenantId, campaignId, purgedAt: now, files: ids.length, documents: purgedDocuments });
    return { campaignId, files: ids.length, documents: purgedDocuments };
  });
}

/** The purges recorded for a campaign, newest first: what an auditor checks. */
export async function purgesOf(ctx: Ctx, tenantId: string, campaignId: string) {
  return ctx.db
    .select()
    .from(familyAidPurges)
    .where(and(eq(familyAidPurges.tenantId, tenantId), eq(familyAidPurges.campaignId, campaignId)))
    .orderBy(sql`${familyAidPurges.purgedAt} desc`);
}
