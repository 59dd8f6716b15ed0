import type { FastifyInstance } from 'fastify';
import { governanceRoutes } from './governance/routes/governance-routes.js';
import { metropoleRoutes } from './metropole/routes/metropole-routes.js';
import { assessmentRoutes } from './routes/assessment-routes.js';
import { dashboardRoutes } from './dashboards/routes.js';
import { ppiRoutes } from './routes/ppi-routes.js';
import { targetProfileRoutes } from './routes/target-profile-routes.js';
import { trendRoutes } from './snapshots/trend-routes.js';
import { contextRoutes } from './context/context-routes.js';

/** The steering's routes: assessments, target profiles, PPI, dashboards, governance and a Métropole's catalogue. */
export async function pilotageRoutes(app: FastifyInstance) {
  await app.register(assessmentRoutes);
  await app.register(targetProfileRoutes);
  await app.register(ppiRoutes);
  await app.register(dashboardRoutes);
  await app.register(governanceRoutes);
  await app.register(metropoleRoutes);
  await app.register(trendRoutes);
  await app.register(contextRoutes);
}
