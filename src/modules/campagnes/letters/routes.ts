import type { FastifyInstance } from 'fastify';
import { letterRoutes } from './routes/letters.js';

/** The decision letters' HTTP contracts (templates, preview and edit per file), under /api. */
export async function lettersRoutes(app: FastifyInstance) {
  await app.register(letterRoutes);
}
