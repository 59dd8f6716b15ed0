import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf, errorResponses } from '../../../server/platform/http.js';
import { refreshContextInput, refreshEstablishmentContext } from './refresh-context.js';

const summarySchema = z.object({
  schools: z.number(),
  withGeneralIps: z.number(),
  vocationalOnly: z.number(),
  withoutIps: z.number(),
  pupilsEstimated: z.number(),
  rural: z.number().nullable(),
});

/** The equity context of the schools (IPS, rurality, pupil estimates), refreshed from the open data. */
export async function contextRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/pilotage/establishment-context/refresh',
    {
      schema: {
        operationId: 'refreshEstablishmentContext',
        tags: ['pilotage'],
        summary: 'Met à jour le contexte des établissements depuis les données ouvertes des lycées : IPS par voie, effectifs estimés, ruralité',
        body: refreshContextInput,
        response: { 200: summarySchema, ...errorResponses },
      },
    },
    async (request) => refreshEstablishmentContext(ctxOf(fastify, request), request.body),
  );
}
