import type { FastifyInstance } from 'fastify';

export async function marchesRoutes(app: FastifyInstance) {
  void app;
}
