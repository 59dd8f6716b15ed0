import type { FastifyInstance } from 'fastify';
import { projectFileRoutes } from './routes/project-files.js';

/** The pedagogical project call's HTTP contracts, registered under /api by the campaigns module. */
export async function projectLoanRoutes(app: FastifyInstance) {
  await app.register(projectFileRoutes);
}
