import type { Ctx } from '../../../server/platform/context.js';
import type { ProfileIndicator } from '../db/schema.js';
import { targetProfiles, targetProfileVersions } from '../db/schema.js';
import { steeringTargetsChanged } from '../indicators/steering-caches.js';

/**
 * The demo's targets, so the steering pages show gaps on first start: the Région's « Lycée 4.0 »
 * target of the Grand Est seed (100 Mbit/s symmetric, Wi-Fi in every teaching room) applied to
 * Hauts-de-France's lycées, and a lighter one for the collèges of its Départements' schools.
 */
const profiles: { name: string; establishmentKind: 'lycee' | 'college'; indicators: ProfileIndicator[] }[] = [
  {
    name: 'Lycée numérique (cible régionale)',
    establishmentKind: 'lycee',
    indicators: [
      { code: 'internet_down_mbps', target: 100 },
      { code: 'internet_symmetric', target: 100 },
      { code: 'wifi_teaching_rooms_share', target: 1 },
      { code: 'pupils_per_device', target: 3 },
      { code: 'devices_per_100_pupils', target: 33 },
      { code: 'fleet_under_5_years_share', target: 0.8 },
      { code: 'warranty_share', target: 0.6 },
      { code: 'desk_within_agreement_share', target: 0.9 },
    ],
  },
  {
    name: 'Collège connecté',
    establishmentKind: 'college',
    indicators: [
      { code: 'internet_down_mbps', target: 30 },
      { code: 'wifi_teaching_rooms_share', target: 0.8 },
      { code: 'pupils_per_device', target: 4 },
      { code: 'devices_per_100_pupils', target: 25 },
      { code: 'fleet_under_5_years_share', target: 0.7 },
    ],
  },
];

export async function seedTargetProfiles(ctx: Ctx, tenantId: string): Promise<void> {
  for (const profile of profiles) {
    const [row] = await ctx.db
      .insert(targetProfiles)
      .values({ tenantId, name: profile.name, establishmentKind: profile.establishmentKind })
      .onConflictDoNothing()
      .returning({ id: targetProfiles.id });
    if (row) await ctx.db.insert(targetProfileVersions).values({ tenantId, profileId: row.id, number: 1, indicators: profile.indicators });
  }
  steeringTargetsChanged(ctx, tenantId);
}
