import type { FastifyInstance } from 'fastify';

/** The campaigns' HTTP contracts; each file of routes/ is one resource. */
export async function campagnesRoutes(app: FastifyInstance) {
  void app;
}
