import type { ModuleDefinition } from '../../server/platform/module.js';
import { campagnesActions } from './actions.js';
import { seedCampagnesDemo } from './demo/seed-campagnes-demo.js';
import { campagnesJobs } from './jobs/jobs.js';
import { campagnesRoutes } from './routes.js';
import { familyAidRoutes } from './family-aid/routes.js';

/** Calls for projects and family aid: campaigns, forms, files from application to decision. */
export const campagnesModule: ModuleDefinition = {
  name: 'campagnes',
  routes: [
    { plugin: campagnesRoutes, prefix: '/api' },
    { plugin: familyAidRoutes, prefix: '/api' },
  ],
  jobs: campagnesJobs,
  demo: seedCampagnesDemo,
  actions: campagnesActions,
};
