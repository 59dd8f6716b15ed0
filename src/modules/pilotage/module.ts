import type { ModuleDefinition } from '../../server/platform/module.js';
import { pilotageActions } from './actions.js';
import { seedPilotageGovernanceDemo } from './governance/demo/seed-pilotage-governance.js';
import { pilotageRoutes } from './routes.js';
import { pilotageJobs } from './snapshots/take-snapshots.js';

/** Steering (module 6): targets, the live gap of every school, snapshots, the PPI, dashboards. */
export const pilotageModule: ModuleDefinition = {
  name: 'pilotage',
  routes: [{ plugin: pilotageRoutes, prefix: '/api' }],
  demo: seedPilotageGovernanceDemo,
  actions: pilotageActions,
  jobs: pilotageJobs,
};
