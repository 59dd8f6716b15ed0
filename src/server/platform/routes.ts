import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { databaseVersion } from './db.js';

export async function platformRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/health',
    {
      schema: {
        operationId: 'getHealth',
        tags: ['platform'],
        summary: 'État du service et de sa base de données',
        security: [],
        response: {
          200: z.object({
            status: z.literal('ok'),
            database: z.object({ kind: z.enum(['pglite', 'postgresql']), version: z.string() }),
          }),
        },
      },
    },
    async () => ({
      status: 'ok' as const,
      database: { kind: fastify.database.kind, version: await databaseVersion(fastify.database.db) },
    }),
  );
  app.get(
    '/openapi.json',
    { schema: { operationId: 'getOpenApi', tags: ['platform'], summary: 'Description OpenAPI 3.1 de toutes les routes', security: [] } },
    async () => fastify.swagger(),
  );
}
