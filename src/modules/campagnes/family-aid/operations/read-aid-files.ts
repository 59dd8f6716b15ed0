import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { establishmentScope } from '../../../../server/platform/authz.js';
import type { Ctx } from '../../../../server/platform/context.js';
import { AppError } from '../../../../server/platform/errors.js';
import { campaigns, documentContents, documents, dossiers } from '../../db/schema.js';
import { settingsOf } from '../campaign-settings.js';
import { familyAidFiles } from '../db/schema.js';
import { loadAidFile, type AidFile } from '../file-store.js';
import { authed, isCampaignInstructor } from '../instructors.js';
import { documentSchema } from '../presenters.js';

const notFound = () => new AppError('NOT_FOUND', 'Dossier introuvable.');

/** What the campaign's instructors read: the person, the income and the notice, beside the aid. */
export const instructorAidFileSchema = z.object({
  id: z.uuid(),
  number: z.number(),
  version: z.number(),
  state: z.string(),
  applicantLabel: z.string(),
  pupilFirstName: z.string().nullable(),
  pupilLastName: z.string().nullable(),
  pupilClass: z.string().nullable(),
  uai: z.string().nullable(),
  schoolName: z.string().nullable(),
  device: z.string().nullable(),
  householdIncomeCents: z.number().nullable(),
  priceCents: z.number().nullable(),
  aidCents: z.number(),
  socialFundCents: z.number(),
  familyCents: z.number(),
  instalments: z.number(),
  insurance: z.boolean(),
  taxNotice: documentSchema.nullable(),
  purged: z.boolean(),
});

async function instructedFile(ctx: Ctx, id: string): Promise<AidFile> {
  const actx = authed(ctx, 'family-aid.instruct');
  const file = await loadAidFile(ctx.db, actx.actor.tenantId, id);
  // another campaign's technician holds the action but is no instructor here: the file does not exist for them
  if (!file || !(await isCampaignInstructor(actx, ctx.db, file.campaign.id))) throw notFound();
  return file;
}

export async function getInstructedAidFile(ctx: Ctx, id: string): Promise<z.infer<typeof instructorAidFileSchema>> {
  const file = await instructedFile(ctx, id);
  const { aid, dossier } = file;
  const [notice] = aid.taxNoticeDocumentId
    ? await ctx.db
        .select({ id: documents.id, filename: documents.filename, contentType: documents.contentType, sizeBytes: documents.sizeBytes })
        .from(documents)
        .where(and(eq(documents.tenantId, aid.tenantId), eq(documents.id, aid.taxNoticeDocumentId), isNull(documents.purgedAt)))
    : [];
  return {
    id: dossier.id,
    number: dossier.number,
    version: dossier.version,
    state: dossier.state,
    applicantLabel: dossier.applicantLabel,
    pupilFirstName: aid.pupilFirstName,
    pupilLastName: aid.pupilLastName,
    pupilClass: aid.pupilClass,
    uai: file.uai,
    schoolName: file.schoolName,
    device: aid.deviceCode,
    householdIncomeCents: aid.householdIncomeCents,
    priceCents: aid.priceCents,
    aidCents: aid.aidCents,
    socialFundCents: aid.socialFundCents,
    familyCents: aid.familyCents,
    instalments: aid.instalments,
    insurance: aid.insurance,
    taxNotice: notice ?? null,
    purged: aid.purgedAt !== null,
  };
}

/** The tax notice itself, for the campaign's instructors only. */
export async function readTaxNotice(ctx: Ctx, id: string) {
  const file = await instructedFile(ctx, id);
  if (!file.aid.taxNoticeDocumentId) throw new AppError('NOT_FOUND', 'Aucun avis d’imposition n’est joint à ce dossier.');
  const [doc] = await ctx.db
    .select({ filename: documents.filename, contentType: documents.contentType, bytes: documentContents.bytes })
    .from(documents)
    .innerJoin(documentContents, and(eq(documentContents.tenantId, documents.tenantId), eq(documentContents.documentId, documents.id)))
    .where(and(eq(documents.tenantId, file.aid.tenantId), eq(documents.id, file.aid.taxNoticeDocumentId), eq(documents.scanStatus, 'clean'), isNull(documents.purgedAt)));
  if (!doc) throw new AppError('NOT_FOUND', 'Aucun avis d’imposition n’est joint à ce dossier.');
  return doc;
}

/** The school's handover list: the pupil's name and the device, nothing of the household. */
export const deliveryRowSchema = z.object({
  id: z.uuid(),
  number: z.number(),
  version: z.number(),
  pupilFirstName: z.string().nullable(),
  pupilLastName: z.string().nullable(),
  device: z.string().nullable(),
  deliveredAt: z.string().nullable(),
});

/** The accepted files of the actor's schools in a campaign, to hand the devices over. */
export async function listSchoolDeliveries(ctx: Ctx, campaignId: string): Promise<z.infer<typeof deliveryRowSchema>[]> {
  const actx = authed(ctx, 'family-aid.deliver');
  const tenantId = actx.actor.tenantId;
  const [campaign] = await ctx.db.select().from(campaigns).where(and(eq(campaigns.tenantId, tenantId), eq(campaigns.id, campaignId), eq(campaigns.kind, 'family-aid')));
  if (!campaign) throw new AppError('NOT_FOUND', 'Campagne introuvable.');
  const scope = establishmentScope(actx.actor, 'family-aid.deliver');
  if (!scope.all && !scope.establishmentIds.length) return [];
  const labels = new Map(settingsOf(campaign.settings).devices.map((d) => [d.code, d.label]));
  const rows = await ctx.db
    .select({ id: dossiers.id, number: dossiers.number, version: dossiers.version, first: familyAidFiles.pupilFirstName, last: familyAidFiles.pupilLastName, device: familyAidFiles.deviceCode, deliveredAt: familyAidFiles.deliveredAt })
    .from(familyAidFiles)
    .innerJoin(dossiers, and(eq(dossiers.tenantId, familyAidFiles.tenantId), eq(dossiers.id, familyAidFiles.dossierId)))
    .where(
      and(
        eq(familyAidFiles.tenantId, tenantId),
        eq(familyAidFiles.campaignId, campaignId),
        eq(dossiers.state, 'accepte'),
        scope.all ? undefined : inArray(familyAidFiles.establishmentId, scope.establishmentIds),
      ),
    )
    .orderBy(asc(familyAidFiles.pupilLastName), asc(familyAidFiles.pupilFirstName), asc(dossiers.number))
    .limit(2000);
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    version: r.version,
    pupilFirstName: r.first,
    pupilLastName: r.last,
    device: r.device ? (labels.get(r.device) ?? r.device) : null,
    deliveredAt: r.deliveredAt?.toISOString() ?? null,
  }));
}
