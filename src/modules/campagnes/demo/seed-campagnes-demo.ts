import type { DemoSeed } from '../../../server/platform/module.js';
import { seedLycee40Vague2 } from '../candidature/demo/seed-lycee40-vague2.js';
import { seedProjectDemo } from '../project-loan/demo/seed-project-demo.js';
import { seedRenewalDemo } from '../renewal/demo/seed-renewal-demo.js';

/** The campaigns' demo: Grand Est's Lycée 4.0 candidature call, Hauts-de-France's calls. */
export async function seedCampagnesDemo(seed: DemoSeed): Promise<void> {
  await seedLycee40Vague2(seed);
  const hdf = seed.tenants.get('hauts-de-france');
  if (hdf) {
    await seedRenewalDemo(seed, hdf);
    await seedProjectDemo(seed, hdf);
  }
}
