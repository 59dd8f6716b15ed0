import type { DemoSeed } from '../../../server/platform/module.js';

/** The campaigns' demo: Grand Est's Lycée 4.0 candidature call, Hauts-de-France's calls. */
export async function seedCampagnesDemo(seed: DemoSeed): Promise<void> {
  void seed;
}
