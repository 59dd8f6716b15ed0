import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf, errorResponses } from '../../../server/platform/http.js';
import { findAssets, findAssetsInput } from '../operations/find-assets.js';
import { assetIdParams, getAsset } from '../operations/get-asset.js';
import { assetFlags } from '../operations/get-inventory-settings.js';
import { assetDetailSchema, assetSummarySchema, presentAssetDetail, presentAssetSummary } from '../presenters/assets.js';

export async function assetRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['parc'];
  app.get(
    '/assets',
    {
      schema: {
        operationId: 'listAssets',
        tags,
        summary: 'Équipements visibles, filtrés (recherche : nom, numéro de série, adresse MAC, numéro d’inventaire) et paginés',
        querystring: findAssetsInput,
        response: { 200: z.object({ items: z.array(assetSummarySchema), total: z.number() }), ...errorResponses },
      },
    },
    async (request) => {
      const ctx = ctxOf(fastify, request);
      const { items, total } = await findAssets(ctx, request.query);
      const flags = await assetFlags(ctx);
      return { items: items.map((row) => presentAssetSummary(row, ctx.actor!, flags)), total };
    },
  );
  app.get(
    '/assets/:id',
    {
      schema: {
        operationId: 'getAsset',
        tags,
        summary: 'Un équipement : matériel, logiciels installés, historique IMAC et rapprochements',
        params: assetIdParams,
        response: { 200: assetDetailSchema, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = ctxOf(fastify, request);
      return presentAssetDetail(await getAsset(ctx, request.params), ctx.actor!, await assetFlags(ctx));
    },
  );
}
