import type { FastifyInstance } from 'fastify';
import { contractRoutes } from './routes/contract-routes.js';
import { groupRoutes } from './routes/group-routes.js';
import { linkRoutes } from './links/routes.js';
import { orderRoutes } from './orders/routes.js';
import { resourceRoutes } from './resources/routes.js';

export async function marchesRoutes(app: FastifyInstance) {
  await app.register(contractRoutes);
  await app.register(groupRoutes);
  await app.register(linkRoutes);
  await app.register(orderRoutes);
  await app.register(resourceRoutes);
}
