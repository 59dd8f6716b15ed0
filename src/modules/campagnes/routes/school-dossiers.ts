import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf, errorResponses } from '../../../server/platform/http.js';
import { findSchoolDossiers, schoolDossierSchema, schoolDossiersQuery } from '../operations/find-school-dossiers.js';

/** A school's files across campaigns: what its page in the référentiel shows. */
export async function schoolDossierRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/dossiers',
    {
      schema: {
        operationId: 'listSchoolDossiers',
        tags: ['campagnes'],
        summary: 'Les dossiers d’un établissement (UAI) dans toutes les campagnes, ceux que l’on voit, une page, le plus récent d’abord',
        querystring: schoolDossiersQuery,
        response: { 200: z.object({ total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), items: z.array(schoolDossierSchema) }), ...errorResponses },
      },
    },
    async (request) => findSchoolDossiers(ctxOf(fastify, request), request.query),
  );
}
