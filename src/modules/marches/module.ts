import type { ModuleDefinition } from '../../server/platform/module.js';
import { marchesActions } from './actions.js';
import { marchesRoutes } from './routes.js';

/** Public procurement: framework contracts, lots, price lists, amendments and purchasing groups. */
export const marchesModule: ModuleDefinition = {
  name: 'marches',
  routes: [{ plugin: marchesRoutes, prefix: '/api' }],
  actions: marchesActions,
};
