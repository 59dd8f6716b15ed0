import type { FastifyInstance } from 'fastify';
import { simulationRoutes } from './routes/simulation.js';

/** The family aid's HTTP contracts, registered under /api by the campaigns module. */
export async function familyAidRoutes(app: FastifyInstance) {
  await app.register(simulationRoutes);
}
