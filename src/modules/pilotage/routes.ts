import type { FastifyInstance } from 'fastify';
import { assessmentRoutes } from './routes/assessment-routes.js';
import { dashboardRoutes } from './routes/dashboard-routes.js';
import { ppiRoutes } from './routes/ppi-routes.js';
import { targetProfileRoutes } from './routes/target-profile-routes.js';

/** The steering's routes: assessments, target profiles, PPI, dashboards. */
export async function pilotageRoutes(app: FastifyInstance) {
  await app.register(assessmentRoutes);
  await app.register(targetProfileRoutes);
  await app.register(ppiRoutes);
  await app.register(dashboardRoutes);
}
