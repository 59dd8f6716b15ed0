import type { FastifyInstance } from 'fastify';
import { linkRoutes } from './links/routes.js';
import { orderRoutes } from './orders/routes.js';

export async function marchesRoutes(app: FastifyInstance) {
  await app.register(linkRoutes);
  await app.register(orderRoutes);
}
