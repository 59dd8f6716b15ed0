import { z } from 'zod';
import { settingsOf } from './campaign-settings.js';
import type { AidFile } from './file-store.js';
import { paymentSchedule } from './rules/aid.js';
import { missingItems } from './rules/missing.js';

export const documentSchema = z.object({ id: z.uuid(), filename: z.string(), contentType: z.string(), sizeBytes: z.number() });

/** What the family reads back: all it gave, what the aid is, what is still missing. */
export const familyFileSchema = z.object({
  id: z.uuid(),
  number: z.number(),
  version: z.number(),
  state: z.string(),
  campaign: z.object({ code: z.string(), title: z.string(), closesAt: z.string() }),
  correction: z.object({ reason: z.string(), comment: z.string() }).nullable(),
  pupilFirstName: z.string().nullable(),
  pupilLastName: z.string().nullable(),
  pupilClass: z.string().nullable(),
  uai: z.string().nullable(),
  schoolName: z.string().nullable(),
  device: z.string().nullable(),
  devices: z.array(z.object({ code: z.string(), label: z.string(), priceCents: z.number() })),
  householdIncomeCents: z.number().nullable(),
  priceCents: z.number().nullable(),
  aidCents: z.number(),
  socialFundCents: z.number(),
  familyCents: z.number(),
  insuranceCents: z.number(),
  instalments: z.number(),
  schedule: z.array(z.object({ dueDate: z.string(), amountCents: z.number() })),
  taxNotice: documentSchema.nullable(),
  missing: z.array(z.object({ path: z.string(), message: z.string() })),
  deliveredAt: z.string().nullable(),
  purged: z.boolean(),
});

export function presentFamilyFile(file: AidFile, taxNotice: z.infer<typeof documentSchema> | null): z.infer<typeof familyFileSchema> {
  const { aid, dossier, campaign } = file;
  const insuranceCents = aid.insurance ? 5_600 : 0;
  const due = aid.familyCents + insuranceCents;
  return {
    id: dossier.id,
    number: dossier.number,
    version: dossier.version,
    state: dossier.state,
    campaign: { code: campaign.code, title: campaign.title, closesAt: campaign.closesAt.toISOString() },
    correction: dossier.correction ? { reason: dossier.correction.reason, comment: dossier.correction.comment } : null,
    pupilFirstName: aid.pupilFirstName,
    pupilLastName: aid.pupilLastName,
    pupilClass: aid.pupilClass,
    uai: file.uai,
    schoolName: file.schoolName,
    device: aid.deviceCode,
    devices: settingsOf(campaign.settings).devices,
    householdIncomeCents: aid.householdIncomeCents,
    priceCents: aid.priceCents,
    aidCents: aid.aidCents,
    socialFundCents: aid.socialFundCents,
    familyCents: aid.familyCents,
    insuranceCents,
    instalments: aid.instalments,
    schedule: aid.firstDueDate && aid.priceCents !== null ? paymentSchedule(due, aid.instalments, aid.firstDueDate) : [],
    taxNotice,
    missing: missingItems(aid),
    deliveredAt: aid.deliveredAt?.toISOString() ?? null,
    purged: aid.purgedAt !== null,
  };
}
