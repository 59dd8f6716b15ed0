import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf, errorResponses } from '../../../server/platform/http.js';
import { assessmentParams } from '../operations/get-assessment.js';
import { getSchoolTrend, getScopeTrend, trendQuery } from './read-trends.js';

const snapshotIndicator = z.object({ code: z.string(), value: z.number().nullable(), target: z.number().nullable(), met: z.boolean().nullable() });
const schoolTrendSchema = z.object({
  uai: z.string(),
  name: z.string(),
  points: z.array(z.object({ month: z.string(), metCount: z.number(), knownCount: z.number(), targetedCount: z.number(), indicators: z.array(snapshotIndicator) })),
});
const scopeTrendSchema = z.object({
  points: z.array(
    z.object({
      month: z.string(),
      schools: z.number(),
      atTarget: z.number(),
      metShare: z.number().nullable(),
      indicators: z.array(z.object({ code: z.string(), met: z.number(), notMet: z.number(), unknown: z.number() })),
    }),
  ),
});

/** The monthly snapshots read back as trends: one school's, and the whole of the actor's schools. */
export async function trendRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['pilotage'];
  app.get(
    '/establishments/:uai/assessment/trend',
    {
      schema: {
        operationId: 'getEstablishmentAssessmentTrend',
        tags,
        summary: 'Évolution mensuelle de l’évaluation d’un établissement (instantanés du 1er de chaque mois)',
        params: assessmentParams,
        querystring: trendQuery,
        response: { 200: schoolTrendSchema, ...errorResponses },
      },
    },
    async (request) => getSchoolTrend(ctxOf(fastify, request), request.params.uai, request.query.months),
  );
  app.get(
    '/pilotage/trend',
    {
      schema: {
        operationId: 'getSteeringTrend',
        tags,
        summary: 'Évolution mensuelle des établissements du périmètre : établissements à la cible, part des indicateurs atteints',
        querystring: trendQuery,
        response: { 200: scopeTrendSchema, ...errorResponses },
      },
    },
    async (request) => getScopeTrend(ctxOf(fastify, request), request.query.months),
  );
}
