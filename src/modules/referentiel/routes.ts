import type { FastifyInstance } from 'fastify';
import { auditRoutes } from './routes/audit.js';
import { establishmentRoutes } from './routes/establishments.js';
import { importRoutes } from './routes/imports.js';
import { premisesRoutes } from './routes/premises.js';
import { unitAndOrganizationRoutes } from './routes/units-and-organizations.js';

export async function referentielRoutes(app: FastifyInstance) {
  await app.register(establishmentRoutes);
  await app.register(premisesRoutes);
  await app.register(unitAndOrganizationRoutes);
  await app.register(importRoutes);
  await app.register(auditRoutes);
}
