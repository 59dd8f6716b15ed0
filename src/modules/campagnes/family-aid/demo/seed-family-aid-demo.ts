import { and, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { DemoSeed } from '../../../../server/platform/module.js';
import { findUserByEmail } from '../../../access/index.js';
import { establishmentsView } from '../../../referentiel/index.js';
import { campaigns, dossiers, formVersions, type DossierState } from '../../db/schema.js';
import type { OfferedDevice } from '../campaign-settings.js';
import { familyAidFiles } from '../db/schema.js';
import { computeAid, firstDueDateAfter } from '../rules/aid.js';

/** The seed's three devices and prices (Grand Est, Lycée 4.0 individual equipment). */
export const lycee40Offer: OfferedDevice[] = [
  { code: 'tablette', label: 'Tablette 9,6"', priceCents: 37_900 },
  { code: 'portable', label: 'Ordinateur portable 11,6"', priceCents: 44_900 },
  { code: 'cao', label: 'Ordinateur portable CAO 15,6"', priceCents: 89_900 },
];

const fileCount = 300;
/** The seed's split: 20.1 % tablets, 73.4 % laptops, 6.5 % CAD laptops. */
const deviceAt = (i: number) => (i % 1000 < 201 ? 'tablette' : i % 1000 < 935 ? 'portable' : 'cao');
const states: DossierState[] = ['brouillon', 'en_construction', 'en_instruction', 'accepte', 'accepte', 'accepte', 'refuse', 'classe_sans_suite'];
const firstNames = ['Léa', 'Lucas', 'Emma', 'Hugo', 'Chloé', 'Nathan', 'Inès', 'Louis', 'Jade', 'Adam'];
const lastNames = ['Muller', 'Schmitt', 'Meyer', 'Weber', 'Klein', 'Fischer', 'Martin', 'Bernard', 'Hoffmann', 'Roth'];

/** A deterministic spread (no Math.random: the demo is the same on every machine). */
const spread = (i: number, modulo: number) => (i * 7919 + 13) % modulo;

/** Grand Est's open « Lycée 4.0 — aide à l'équipement individuel » campaign with a few hundred files in every state. */
export async function seedFamilyAidDemo(seed: DemoSeed): Promise<void> {
  const tenantId = seed.tenants.get('grand-est');
  if (!tenantId) return;
  const db = seed.ctx.db;
  const now = seed.ctx.now();
  const paris = DateTime.fromJSDate(now, { zone: 'Europe/Paris' });
  const [campaign] = await db
    .insert(campaigns)
    .values({
      tenantId,
      code: 'lycee40-equipement',
      kind: 'family-aid',
      title: 'Lycée 4.0 — aide à l’équipement individuel',
      description: 'Aide de la Région aux familles des lycéens pour l’achat de leur équipement : 50 % du prix, plafonnée à 225 €, sous condition de revenu.',
      status: 'published',
      opensAt: paris.minus({ months: 2 }).startOf('day').toJSDate(),
      closesAt: paris.plus({ months: 4 }).endOf('day').toJSDate(),
      retentionMonths: 12,
      settings: { devices: lycee40Offer },
      nextDossierNumber: fileCount + 1,
      createdBy: 'Démo',
    })
    .returning();
  const [form] = await db.insert(formVersions).values({ tenantId, campaignId: campaign.id, number: 1, publishedAt: campaign.opensAt }).returning();
  const schools = await db.select({ id: establishmentsView.id }).from(establishmentsView).where(eq(establishmentsView.tenantId, tenantId)).orderBy(establishmentsView.uai).limit(50);
  const family = await findUserByEmail(seed.ctx, 'family.grand-est@demo.coherence.fr');
  const dossierRows: (typeof dossiers.$inferInsert)[] = [];
  const aidRows: (typeof familyAidFiles.$inferInsert)[] = [];
  for (let i = 0; i < fileCount; i++) {
    const state = states[i % states.length];
    const device = lycee40Offer.find((d) => d.code === deviceAt(spread(i, 1000)))!;
    const income = 900_000 + spread(i, 9_000_000);
    const socialFund = state === 'accepte' && i % 17 === 0 ? 5_000 : 0;
    const aid = computeAid({ priceCents: device.priceCents, householdIncomeCents: income, socialFundCents: Math.min(socialFund, device.priceCents - 22_500), insurance: i % 3 === 0 });
    const at = new Date(now.getTime() - (fileCount - i) * 3 * 3600_000);
    const id = crypto.randomUUID();
    const mine = i === 0 && family;
    dossierRows.push({
      tenantId,
      id,
      campaignId: campaign.id,
      number: i + 1,
      formVersionId: form.id,
      state,
      applicantUserId: mine ? family.id : null,
      applicantLabel: mine ? family.displayName : `Famille ${lastNames[i % lastNames.length]}`,
      answers: state === 'brouillon' ? {} : { device: device.code, instalments: 1 + (i % 12), insurance: i % 3 === 0 },
      createdAt: at,
      updatedAt: at,
      submittedAt: state === 'brouillon' ? null : at,
      instructionAt: ['brouillon', 'en_construction'].includes(state) ? null : at,
      decidedAt: ['accepte', 'refuse', 'classe_sans_suite'].includes(state) ? at : null,
    });
    aidRows.push({
      tenantId,
      dossierId: id,
      campaignId: campaign.id,
      familyUserId: mine ? family.id : crypto.randomUUID(),
      establishmentId: schools.length ? schools[spread(i, schools.length)].id : null,
      pupilFirstName: firstNames[i % firstNames.length],
      pupilLastName: lastNames[spread(i, lastNames.length)],
      pupilClass: ['2nde', '1re', 'Tle'][i % 3],
      deviceCode: device.code,
      priceCents: device.priceCents,
      householdIncomeCents: income,
      aidCents: aid.aidCents,
      socialFundCents: aid.socialFundCents,
      familyCents: aid.familyCents,
      insurance: i % 3 === 0,
      instalments: 1 + (i % 12),
      firstDueDate: firstDueDateAfter(at),
      touchedAt: at,
      // two accepted files in three are handed over already (their fleet device is not seeded)
      deliveredAt: state === 'accepte' && i % 3 !== 0 ? at : null,
    });
  }
  await db.insert(dossiers).values(dossierRows);
  await db.insert(familyAidFiles).values(aidRows);
  await db.update(campaigns).set({ nextDossierNumber: fileCount + 1 }).where(and(eq(campaigns.tenantId, tenantId), eq(campaigns.id, campaign.id)));
}
