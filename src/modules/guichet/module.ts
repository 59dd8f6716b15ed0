import type { ModuleDefinition } from '../../server/platform/module.js';
import { guichetActions } from './actions.js';
import { seedDemoTickets } from './demo/seed-demo-tickets.js';
import { seedGuichetDemo } from './demo/seed-guichet-demo.js';
import { findUserByEmail } from '../access/index.js';
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
    const technician = await findUserByEmail(seed.ctx, 'technician.hauts-de-france@demo.coherence.fr');
    const referent = await findUserByEmail(seed.ctx, 'establishment-staff.hauts-de-france@demo.coherence.fr');
    const firstLycee = (seed.shared.get('referentiel') as { firstLycee?: string } | undefined)?.firstLycee;
    // four months of tickets: the dashboard's weekly trend and delays have something to draw
    const history = { now: seed.ctx.now(), days: 120, perSchool: 4 };
    await seedGuichetDemo(seed.ctx, tenantId);
    await setDemoInboundAddress(seed.ctx, tenantId);
    await seedDemoTickets(seed.ctx, tenantId, {
      ...history,
      technicianId: technician?.id,
      referent: referent && firstLycee ? { userId: referent.id, establishmentId: firstLycee } : null,
    });
    const grandEst = seed.tenants.get('grand-est');
    if (grandEst) {
      await seedGuichetDemo(seed.ctx, grandEst);
      await seedDemoTickets(seed.ctx, grandEst, history);
    }
  },
  settings: (env) => ({ mail: mailConfigFromEnv(env) }),
  actions: guichetActions,
};
