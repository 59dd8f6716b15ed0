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
  demo: (seed) => seedParcDemo(seed.ctx, seed.database, { tenantId: seed.tenants.get('hauts-de-france')!, tenantCode: 'hauts-de-france', password: seed.password }),
  settings: (env) => ({ inventory: intakeSettingsFromEnv(env) }),
  actions: parcActions,
};
