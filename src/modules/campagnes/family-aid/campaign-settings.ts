import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../server/platform/db.js';
import { AppError } from '../../../server/platform/errors.js';
import { findOrganizationByCode } from '../../referentiel/index.js';
import { campaigns } from '../db/schema.js';

/** A device a family may choose, with its price: kept in the campaign's kind-specific settings. */
export const offeredDevice = z.object({
  code: z.string().trim().regex(/^[a-z0-9-]{1,40}$/, 'Code en minuscules, chiffres et tirets.'),
  label: z.string().trim().min(1).max(200),
  priceCents: z.number().int().positive().max(1_000_000),
});
export type OfferedDevice = z.infer<typeof offeredDevice>;

export const familyAidSettings = z.object({ devices: z.array(offeredDevice).max(20).default([]) });
export type FamilyAidSettings = z.infer<typeof familyAidSettings>;

export function settingsOf(raw: unknown): FamilyAidSettings {
  const parsed = familyAidSettings.safeParse(raw ?? {});
  return parsed.success ? parsed.data : { devices: [] };
}

export type CampaignRow = typeof campaigns.$inferSelect;

const notFound = () => new AppError('NOT_FOUND', 'Aucune campagne d’aide aux familles ouverte ne porte ce code chez cette collectivité.');

/**
 * A published family aid campaign by the authority's code and its own (codes are unique within
 * an authority): what the public simulator and the family's sign-in start from.
 */
export async function publicFamilyAidCampaign(db: Db, authorityCode: string, campaignCode: string): Promise<CampaignRow> {
  const authority = await findOrganizationByCode(db, authorityCode);
  if (!authority) throw notFound();
  const [campaign] = await db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.tenantId, authority.tenantId), eq(campaigns.code, campaignCode), eq(campaigns.kind, 'family-aid'), eq(campaigns.status, 'published')));
  if (!campaign) throw notFound();
  return campaign;
}

export function deviceOf(campaign: CampaignRow, code: string): OfferedDevice {
  const device = settingsOf(campaign.settings).devices.find((d) => d.code === code);
  if (!device) {
    const known = settingsOf(campaign.settings).devices.map((d) => d.code).join(', ');
    throw new AppError('VALIDATION', `L’équipement « ${code} » n’est pas proposé par cette campagne (proposés : ${known || 'aucun'}).`, {
      issues: [{ path: 'device', message: 'Équipement inconnu.' }],
    });
  }
  return device;
}
