import type { FastifyInstance } from 'fastify';
import { agentRoutes } from './routes/agent-routes.js';
import { assetFileRoutes } from './routes/asset-file-routes.js';
import { assetProposalRoutes } from './routes/asset-proposal-routes.js';
import { assetRoutes } from './routes/asset-routes.js';
import { assetWriteRoutes } from './routes/asset-write-routes.js';
import { inventoryRoutes } from './routes/inventory-routes.js';
import { deploymentRoutes } from './routes/deployment-routes.js';
import { fleetRoutes } from './routes/fleet-routes.js';
import { softwareRoutes } from './routes/software-routes.js';

/** Agents post at the root (/ocsinventory, /front/inventory.php) and under /api (/api/v1/inventory). */
export async function parcAgentRoutes(app: FastifyInstance) {
  await app.register(agentRoutes);
}

export async function parcRoutes(app: FastifyInstance) {
  await app.register(assetRoutes);
  await app.register(assetWriteRoutes);
  await app.register(assetProposalRoutes);
  await app.register(assetFileRoutes);
  await app.register(inventoryRoutes);
  await app.register(fleetRoutes);
  await app.register(softwareRoutes);
  await app.register(deploymentRoutes);
}
