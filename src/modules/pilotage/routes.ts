import type { FastifyInstance } from 'fastify';

/** The steering's routes: assessments, target profiles, PPI, dashboards. */
export async function pilotageRoutes(app: FastifyInstance) {
  void app;
}
