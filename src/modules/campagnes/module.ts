import type { ModuleDefinition } from '../../server/platform/module.js';
import { campagnesActions } from './actions.js';
import { seedCampagnesDemo } from './demo/seed-campagnes-demo.js';
import { campagnesJobs } from './jobs/jobs.js';
import { campagnesRoutes } from './routes.js';
import { candidatureRoutes } from './candidature/routes.js';
import { lettersRoutes } from './letters/routes.js';
import { retentionJobs } from './retention/jobs.js';
import { familyAidActions } from './family-aid/actions.js';
import { installFamilyMailer } from './family-aid/mailer.js';
import { familyAidRoutes } from './family-aid/routes.js';
import { familyOidcFromEnv } from './family-aid/family-oidc-settings.js';
import { seedFamilyAidDemo } from './family-aid/demo/seed-family-aid-demo.js';
import { combineActions } from './kind-actions.js';
import { onDossierTransition } from './dossier-states.js';
import { renewalRoutes } from './renewal/routes.js';
import { projectLoanRoutes } from './project-loan/routes.js';
import { lendOnAcceptance } from './project-loan/operations/lend-on-acceptance.js';
import { returnOnReopening } from './project-loan/operations/return-on-reopening.js';
import { planOnDecision } from './renewal/operations/plan-deployments.js';

onDossierTransition(lendOnAcceptance);
onDossierTransition(returnOnReopening);
onDossierTransition(planOnDecision);

/** Calls for projects and family aid: campaigns, forms, files from application to decision. */
export const campagnesModule: ModuleDefinition = {
  name: 'campagnes',
  routes: [
    { plugin: campagnesRoutes, prefix: '/api' },
    { plugin: familyAidRoutes, prefix: '/api' },
    { plugin: renewalRoutes, prefix: '/api' },
    { plugin: projectLoanRoutes, prefix: '/api' },
    { plugin: candidatureRoutes, prefix: '/api' },
    { plugin: lettersRoutes, prefix: '/api' },
  ],
  jobs: (app) => [...campagnesJobs(app), ...retentionJobs(app)],
  async demo(seed) {
    await seedCampagnesDemo(seed);
    await seedFamilyAidDemo(seed);
  },
  install: installFamilyMailer,
  settings: (env) => ({ campagnes: { clamd: env.COHERENCE_CLAMD || undefined, familyOidc: familyOidcFromEnv(env) } }),
  actions: combineActions(campagnesActions, familyAidActions),
};
