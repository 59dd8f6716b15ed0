import type { FastifyInstance } from 'fastify';
import { governanceRoutes } from './governance/routes/governance-routes.js';
import { metropoleRoutes } from './metropole/routes/metropole-routes.js';

/** The steering's routes: assessments, target profiles, PPI, dashboards. */
export async function pilotageRoutes(app: FastifyInstance) {
  await app.register(governanceRoutes);
  await app.register(metropoleRoutes);
}
