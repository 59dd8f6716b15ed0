import type { DemoSeed } from '../../../server/platform/module.js';
import { seedProjectDemo } from '../project-loan/demo/seed-project-demo.js';
import { seedRenewalDemo } from '../renewal/demo/seed-renewal-demo.js';

/** The campaigns' demo: Grand Est's Lycée 4.0 candidature call, Hauts-de-France's calls. */
export async function seedCampagnesDemo(seed: DemoSeed): Promise<void> {
  const hdf = seed.tenants.get('hauts-de-france');
  if (hdf) {
    await seedRenewalDemo(seed, hdf);
    await seedProjectDemo(seed, hdf);
  }
}
