import type { TestApp } from '../../../test/app.js';
import { campaigns, dossiers, formVersions, type DossierState } from '../db/schema.js';
import { familyAidFiles } from './db/schema.js';
import type { OfferedDevice } from './campaign-settings.js';

/** Test support: a published family aid campaign of tenant A with the seed's three devices. */

export const lycee40Devices: OfferedDevice[] = [
  { code: 'tablette', label: 'Tablette 9,6"', priceCents: 37_900 },
  { code: 'portable', label: 'Ordinateur portable 11,6"', priceCents: 44_900 },
  { code: 'cao', label: 'Ordinateur portable CAO 15,6"', priceCents: 89_900 },
];

export async function insertFamilyAidCampaign(
  t: TestApp,
  options: { code?: string; opensAt?: Date; closesAt?: Date; status?: 'draft' | 'published'; retentionMonths?: number; tenantId?: string } = {},
) {
  const tenantId = options.tenantId ?? t.ids.a.tenantId;
  const [campaign] = await t.ctx.db
    .insert(campaigns)
    .values({
      tenantId,
      code: options.code ?? 'lycee40-equipement',
      kind: 'family-aid',
      title: 'Lycée 4.0 — aide à l’équipement individuel',
      status: options.status ?? 'published',
      opensAt: options.opensAt ?? new Date('2026-06-01T00:00:00Z'),
      closesAt: options.closesAt ?? new Date('2027-06-30T21:59:59Z'),
      retentionMonths: options.retentionMonths ?? 12,
      settings: { devices: lycee40Devices },
      createdBy: 'test',
    })
    .returning();
  const [form] = await t.ctx.db.insert(formVersions).values({ tenantId, campaignId: campaign.id, number: 1, publishedAt: new Date('2026-06-01T00:00:00Z') }).returning();
  return { campaign, form };
}

let fileCounter = 1000;

/** A family file written straight into the tables, in the state asked, complete (device, income, school). */
export async function insertAidFile(
  t: TestApp,
  campaign: { campaign: typeof campaigns.$inferSelect; form: typeof formVersions.$inferSelect },
  options: { state?: DossierState; establishmentId?: string; familyUserId?: string } = {},
) {
  const tenantId = campaign.campaign.tenantId;
  const now = t.ctx.now();
  const [dossier] = await t.ctx.db
    .insert(dossiers)
    .values({ tenantId, campaignId: campaign.campaign.id, number: ++fileCounter, formVersionId: campaign.form.id, state: options.state ?? 'en_construction', applicantLabel: 'Famille essai', createdAt: now, updatedAt: now })
    .returning();
  await t.ctx.db.insert(familyAidFiles).values({
    tenantId,
    dossierId: dossier.id,
    campaignId: campaign.campaign.id,
    familyUserId: options.familyUserId ?? t.ids.users.auditor.id,
    establishmentId: options.establishmentId ?? t.ids.staffSchool.id,
    pupilFirstName: 'Inès',
    pupilLastName: 'Essai',
    deviceCode: 'portable',
    priceCents: 44_900,
    householdIncomeCents: 2_000_000,
    aidCents: 22_450,
    familyCents: 22_450,
    touchedAt: now,
  });
  return dossier;
}
