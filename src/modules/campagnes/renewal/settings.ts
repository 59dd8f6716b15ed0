import { z } from 'zod';
import { assetClassLabels, assetClasses, type AssetClass } from '../../../shared/fleet.js';
import { AppError } from '../../../server/platform/errors.js';
import type { CampaignRow } from '../campaign-access.js';

/** What a school may ask to renew: every fleet class but the families' own devices. */
export const renewableClasses = assetClasses.filter((c) => c !== 'byod') as Exclude<AssetClass, 'byod'>[];
export const renewableClass = z.enum(renewableClasses as [Exclude<AssetClass, 'byod'>, ...Exclude<AssetClass, 'byod'>[]], { message: 'Classe d’équipement inconnue.' });

/** The renewal call's settings, in the campaign's kind-specific settings: the cost of one device per class (euro cents, TTC). */
export const renewalSettings = z.object({ costs: z.record(z.string(), z.number().int().min(0).max(10_000_000)).default({}) });
export type RenewalSettings = z.infer<typeof renewalSettings>;

export function renewalSettingsOf(campaign: Pick<CampaignRow, 'settings'>): RenewalSettings {
  const parsed = renewalSettings.safeParse(campaign.settings ?? {});
  return parsed.success ? parsed.data : { costs: {} };
}

/** The classes the call prices, in the fleet's order: the only ones a school may ask for. */
export function pricedClasses(campaign: Pick<CampaignRow, 'settings'>): string[] {
  const { costs } = renewalSettingsOf(campaign);
  return renewableClasses.filter((c) => costs[c] !== undefined);
}

export const classLabel = (c: string) => assetClassLabels[c as AssetClass] ?? c;

export function assertRenewalCall(campaign: Pick<CampaignRow, 'kind'>) {
  if (campaign.kind !== 'renewal') throw new AppError('NOT_FOUND', 'Ce dossier n’appartient pas à un appel au renouvellement.');
}

export const euros = (cents: number) => `${(cents / 100).toLocaleString('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} €`;
