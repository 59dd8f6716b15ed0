import type { ModuleDefinition } from '../../server/platform/module.js';
import { marchesActions } from './actions.js';
import { seedGrandEstMarches, seedHautsDeFranceMarches } from './demo/seed-marches-demo.js';
import { seedGrandEstOrders, seedHautsDeFranceOrders } from './orders/demo/seed-orders-demo.js';
import { marchesJobs } from './jobs/background.js';
import { seedHautsDeFranceLinks } from './links/demo/seed-links-demo.js';
import { seedGrandEstResources, seedHautsDeFranceEnt } from './resources/demo/seed-resources-demo.js';
import { marchesRoutes } from './routes.js';

/** Public procurement: framework contracts, lots, price lists, amendments and purchasing groups. */
export const marchesModule: ModuleDefinition = {
  name: 'marches',
  routes: [{ plugin: marchesRoutes, prefix: '/api' }],
  jobs: marchesJobs,
  async demo(seed) {
    await seedHautsDeFranceMarches(seed.ctx, seed.tenants);
    await seedGrandEstMarches(seed.ctx, seed.tenants);
    await seedHautsDeFranceOrders(seed.ctx, seed.tenants);
    await seedGrandEstOrders(seed.ctx, seed.tenants);
    await seedHautsDeFranceLinks(seed.ctx, seed.tenants);
    await seedHautsDeFranceEnt(seed.ctx, seed.tenants);
    await seedGrandEstResources(seed.ctx, seed.tenants);
  },
  actions: marchesActions,
  settings: (env) => ({ marches: { consumptionCache: env.COHERENCE_MARCHES_CONSUMPTION_CACHE !== 'off' } }),
};
