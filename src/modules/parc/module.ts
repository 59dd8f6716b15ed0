import type { ModuleDefinition } from '../../server/platform/module.js';
import { parcActions } from './actions.js';
import { seedParcDemo } from './demo/seed-parc-demo.js';
import { intakeSettingsFromEnv } from './jobs/agent-intake.js';
import { installParcBackground, parcJobs } from './jobs/background.js';
import { parcAgentRoutes, parcRoutes } from './routes.js';

/** The fleet: devices fed by the inventory agents, their whole life, software and deployments. */
export const parcModule: ModuleDefinition = {
  name: 'parc',
  // agents post at the root (/ocsinventory, /front/inventory.php) and under /api (/api/v1/inventory)
  routes: [
    { plugin: parcRoutes, prefix: '/api' },
    { plugin: parcAgentRoutes, prefix: '' },
  ],
  install: installParcBackground,
  jobs: parcJobs,
  demo: async (seed) => {
    for (const [code, funder] of [['hauts-de-france', 'Région Hauts-de-France'], ['grand-est', 'Région Grand Est']]) {
      await seedParcDemo(seed.ctx, { tenantId: seed.tenants.get(code)!, tenantCode: code, password: seed.password, funder });
    }
  },
  settings: (env) => ({ inventory: intakeSettingsFromEnv(env) }),
  actions: parcActions,
};
