import type { DemoSeed } from '../../../../server/platform/module.js';
import { seedMetropoleDemo } from '../../metropole/demo/seed-metropole-demo.js';
import { seedPpiDemo } from '../../demo/seed-ppi-demo.js';
import { seedTargetProfiles } from '../../demo/seed-target-profiles.js';
import { seedGovernanceDemo } from './seed-governance-demo.js';

interface ReferentielPlaces {
  firstLycee: string;
}

/** Hauts-de-France's targets and governance, then Rennes Métropole's catalogue and communes. */
export async function seedPilotageGovernanceDemo(seed: DemoSeed) {
  const places = seed.shared.get('referentiel') as ReferentielPlaces | undefined;
  if (!places) throw new Error('La démo de la gouvernance suit celle du référentiel.');
  await seedTargetProfiles(seed.ctx, seed.tenants.get('hauts-de-france')!);
  await seedPpiDemo(seed.ctx, seed.tenants.get('hauts-de-france')!, 'hauts-de-france');
  await seedGovernanceDemo(seed.ctx, { tenantId: seed.tenants.get('hauts-de-france')!, academyId: seed.tenants.get('ac-lille')!, firstSchoolId: places.firstLycee });
  await seedMetropoleDemo(seed);
}
