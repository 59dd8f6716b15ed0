import type { ModuleDefinition } from '../../server/platform/module.js';
import { referentielActions } from './actions.js';
import { seedReferentielDemo } from './demo/seed-referentiel-demo.js';
import { referentielRoutes } from './routes.js';

/** Organizations, territorial units, establishments, premises and the audit trail. */
export const referentielModule: ModuleDefinition = {
  name: 'referentiel',
  routes: [{ plugin: referentielRoutes, prefix: '/api' }],
  demo: seedReferentielDemo,
  actions: referentielActions,
};
