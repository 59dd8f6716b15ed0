import type { FastifyInstance } from 'fastify';
import { agentRoutes } from './routes/agent-routes.js';
import { assetRoutes } from './routes/asset-routes.js';

/** Agents post at the root (/ocsinventory, /front/inventory.php) and under /api (/api/v1/inventory). */
export async function parcAgentRoutes(app: FastifyInstance) {
  await app.register(agentRoutes);
}

export async function parcRoutes(app: FastifyInstance) {
  await app.register(assetRoutes);
}
