import type { FastifyInstance } from 'fastify';
import { renewalFileRoutes } from './routes/renewal-files.js';

/** The renewal call's HTTP contracts, registered under /api by the campaigns module. */
export async function renewalRoutes(app: FastifyInstance) {
  await app.register(renewalFileRoutes);
}
