import type { FastifyInstance } from 'fastify';
import { campaignRoutes } from './routes/campaigns.js';
import { dossierRoutes } from './routes/dossiers.js';
import { expertRoutes } from './routes/experts.js';
import { exportRoutes } from './routes/exports.js';
import { schoolDossierRoutes } from './routes/school-dossiers.js';
import { webhookRoutes } from './webhooks/routes/webhooks.js';

/** The campaigns' HTTP contracts; each file of routes/ is one resource. */
export async function campagnesRoutes(app: FastifyInstance) {
  await app.register(campaignRoutes);
  await app.register(dossierRoutes);
  await app.register(exportRoutes);
  await app.register(schoolDossierRoutes);
  await app.register(webhookRoutes);
  await app.register(expertRoutes);
}
