import type { FastifyInstance } from 'fastify';
import { linkRoutes } from './links/routes.js';
import { orderRoutes } from './orders/routes.js';
import { contractRoutes } from './routes/contract-routes.js';
import { groupRoutes } from './routes/group-routes.js';

export async function marchesRoutes(app: FastifyInstance) {
  await app.register(contractRoutes);
  await app.register(groupRoutes);
  await app.register(linkRoutes);
  await app.register(orderRoutes);
}
