import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf, errorResponses } from '../../../server/platform/http.js';
import { expertCandidateSchema, findExperts, findExpertsQuery } from '../operations/find-experts.js';
import { campaignParams } from './campaigns.js';

/** Whom an instructor may ask an opinion of. */
export async function expertRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/campaigns/:campaign/expert-candidates',
    {
      schema: {
        operationId: 'findExpertCandidates',
        tags: ['campagnes'],
        summary: 'Les personnes ayant un compte auprès de la collectivité (familles exceptées) à qui demander un avis, par nom ou adresse, 20 au plus',
        params: campaignParams,
        querystring: findExpertsQuery,
        response: { 200: z.object({ items: z.array(expertCandidateSchema) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await findExperts(ctxOf(fastify, request), request.params.campaign, request.query) }),
  );
}
