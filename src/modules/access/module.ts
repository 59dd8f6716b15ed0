import type { ModuleDefinition } from '../../server/platform/module.js';
import { accessActions } from './actions.js';
import { seedAccessDemo } from './demo/seed-access-demo.js';
import { accessRoutes } from './routes.js';

/** People, sessions, roles and API tokens (who is calling is resolved by resolveRequestActor, given to the platform by app.ts). */
export const accessModule: ModuleDefinition = {
  name: 'access',
  routes: [{ plugin: accessRoutes, prefix: '/api' }],
  demo: seedAccessDemo,
  actions: accessActions,
};
