import { z } from 'zod';
import { assetClasses } from '../../../shared/fleet.js';

/** PUT /api/inventory/settings; schema-only (zod and src/shared): the web's settings form validates with it. */
export const inventorySettingsInput = z.object({
  version: z.number().int().min(1),
  /** Only agents with credentials are attached (tags and networks ignored); kept as it was when absent. */
  requireCredentials: z.boolean().optional(),
  /** A tag is honoured only from one of the declared networks; kept as it was when absent. */
  tagsOnlyFromNetworks: z.boolean().optional(),
  /** Reports whose agent tag is one of the authority's UAIs are attached to it without credentials. */
  acceptTaggedAgents: z.boolean(),
  /** The schools' networks (CIDR): a report from one of them is attached to the authority. */
  networks: z.array(z.string().trim().min(1).max(60)).max(2000),
  /** Keep the last logged-in user of each device (personal data, often a pupil's login). */
  storeLastUser: z.boolean(),
  staleAfterDays: z.number('Indiquez un nombre de jours.').int('Un nombre entier de jours.').min(1, 'Au moins 1 jour.').max(3650, 'Au plus 3 650 jours.'),
  /** Expected life in years by class; classes not listed keep the default. */
  expectedLifeYears: z.partialRecord(z.enum(assetClasses), z.number().int('Un nombre entier d’années.').min(1, 'Au moins 1 an.').max(30, 'Au plus 30 ans.')),
});
export type InventorySettingsInput = z.infer<typeof inventorySettingsInput>;
