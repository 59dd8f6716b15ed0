import type { ModuleDefinition } from '../../server/platform/module.js';
import { referentielActions } from './actions.js';
import { rebuildSearchIndex } from './db/search-index.js';
import { seedReferentielDemo } from './demo/seed-referentiel-demo.js';
import { referentielRoutes } from './routes.js';

/** Organizations, territorial units, establishments, premises and the audit trail. */
export const referentielModule: ModuleDefinition = {
  name: 'referentiel',
  routes: [{ plugin: referentielRoutes, prefix: '/api' }],
  demo: seedReferentielDemo,
  // at night, when few search: the trigram index fragmented by the day's writes rebuilt (db/search-index.ts)
  jobs: (app) => [{ name: 'referentiel-search-index', schedule: '30 3 * * *', policy: 'singleton', handler: () => rebuildSearchIndex(app.database) }],
  actions: referentielActions,
};
