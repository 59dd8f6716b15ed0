import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { exportFormat, sendExport } from '../../../../server/platform/export.js';
import { ctxOf, errorResponses } from '../../../../server/platform/http.js';
import { campaignParams } from '../../routes/campaigns.js';
import { balanceInput, exportRanking, rankFiles, rankingQuery, rescoreCampaign, selectionBalance } from '../operations/ranking.js';

const rankedFile = z.object({
  rank: z.number(),
  id: z.string(),
  number: z.number(),
  state: z.string(),
  applicantLabel: z.string(),
  uai: z.string().nullable(),
  establishmentName: z.string().nullable(),
  academy: z.string().nullable(),
  sector: z.string(),
  territory: z.string(),
  teaching: z.string(),
  score: z.number().nullable(),
  version: z.number(),
});
const tally = z.array(z.object({ label: z.string(), count: z.number() }));
const criterion = z.object({ key: z.string(), label: z.string(), weight: z.number(), source: z.string(), max: z.number(), points: z.record(z.string(), z.number()).optional() });

export async function rankingRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['campagnes'];

  app.get(
    '/campaigns/:campaign/ranking',
    {
      schema: {
        operationId: 'rankCandidatures',
        tags,
        summary: 'Le classement d’un appel à candidatures : dossiers par note décroissante (grille pondérée), une page',
        params: campaignParams,
        querystring: rankingQuery,
        response: { 200: z.object({ total: z.number(), page: z.number(), pageSize: z.number(), grid: z.array(criterion), items: z.array(rankedFile) }), ...errorResponses },
      },
    },
    async (request) => rankFiles(ctxOf(fastify, request), { campaignId: request.params.campaign, query: request.query }),
  );

  app.get(
    '/campaigns/:campaign/ranking/balance',
    {
      schema: {
        operationId: 'rankingSelectionBalance',
        tags,
        summary: 'L’équilibre d’une sélection de dossiers : public/privé, académie, rural/urbain/REP, type d’enseignement',
        params: campaignParams,
        querystring: balanceInput,
        response: { 200: z.object({ count: z.number(), averageScore: z.number().nullable(), sector: tally, academy: tally, territory: tally, teaching: tally }), ...errorResponses },
      },
    },
    async (request) => selectionBalance(ctxOf(fastify, request), { campaignId: request.params.campaign, body: request.query }),
  );

  app.get(
    '/campaigns/:campaign/ranking/export',
    { schema: { operationId: 'exportRanking', tags, summary: 'Le classement en CSV (UTF-8, ;) ou XLSX', params: campaignParams, querystring: z.object({ format: exportFormat.default('csv') }), response: { 200: z.any(), ...errorResponses } } },
    async (request, reply) => {
      const ctx = ctxOf(fastify, request);
      return sendExport(reply, request.query.format, await exportRanking(ctx, request.params.campaign), ctx.now());
    },
  );

  app.post(
    '/campaigns/:campaign/ranking/rescoring',
    { schema: { operationId: 'rescoreCandidatures', tags, summary: 'Recalcule la note de chaque dossier (après un changement de grille)', params: campaignParams, response: { 200: z.object({ files: z.number(), scored: z.number() }), ...errorResponses } } },
    async (request) => rescoreCampaign(ctxOf(fastify, request), request.params.campaign),
  );
}
