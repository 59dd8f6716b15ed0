import type { ModuleDefinition } from '../../server/platform/module.js';
import { guichetActions } from './actions.js';
import { seedGuichetDemo } from './demo/seed-guichet-demo.js';
import { guichetJobs, installGuichetBackground, mailConfigFromEnv } from './jobs/background.js';
import { setDemoInboundAddress } from './mail/mail-settings.js';
import { guichetRoutes } from './routes.js';

/** The service desk: tickets, routing, service levels, notifications and mail. */
export const guichetModule: ModuleDefinition = {
  name: 'guichet',
  routes: [{ plugin: guichetRoutes, prefix: '/api' }],
  install: installGuichetBackground,
  jobs: guichetJobs,
  async demo(seed) {
    const tenantId = seed.tenants.get('hauts-de-france')!;
    await seedGuichetDemo(seed.ctx, tenantId);
    await setDemoInboundAddress(seed.ctx, tenantId);
  },
  settings: (env) => ({ mail: mailConfigFromEnv(env) }),
  actions: guichetActions,
};
