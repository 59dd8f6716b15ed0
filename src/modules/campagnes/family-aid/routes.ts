import type { FastifyInstance } from 'fastify';
import { familyFileRoutes } from './routes/family-files.js';
import { instructionRoutes } from './routes/instruction.js';
import { familyOidcRoutes } from './routes/family-oidc.js';
import { signInRoutes } from './routes/sign-in.js';
import { simulationRoutes } from './routes/simulation.js';

/** The family aid's HTTP contracts, registered under /api by the campaigns module. */
export async function familyAidRoutes(app: FastifyInstance) {
  await app.register(simulationRoutes);
  await app.register(signInRoutes);
  await app.register(familyOidcRoutes);
  await app.register(familyFileRoutes);
  await app.register(instructionRoutes);
}
