import type { FastifyInstance } from 'fastify';
import { campaignRoutes } from './routes/campaigns.js';
import { dossierRoutes } from './routes/dossiers.js';

/** The campaigns' HTTP contracts; each file of routes/ is one resource. */
export async function campagnesRoutes(app: FastifyInstance) {
  await app.register(campaignRoutes);
  await app.register(dossierRoutes);
}
