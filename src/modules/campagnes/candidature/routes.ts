import type { FastifyInstance } from 'fastify';
import { committeeRoutes } from './routes/committee.js';
import { rankingRoutes } from './routes/ranking.js';

/** The candidature calls' HTTP contracts (ranking, committee), registered under /api by the campaigns module. */
export async function candidatureRoutes(app: FastifyInstance) {
  await app.register(rankingRoutes);
  await app.register(committeeRoutes);
}
