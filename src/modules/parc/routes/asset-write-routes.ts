import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../../server/platform/context.js';
import { ctxOf, errorResponses } from '../../../server/platform/http.js';
import { bulkAssetsInput, bulkUpdateAssets } from '../operations/bulk-update-assets.js';
import { createAsset, createAssetInput } from '../operations/create-asset.js';
import { assetIdParams, getAsset } from '../operations/get-asset.js';
import { assetFlags } from '../operations/get-inventory-settings.js';
import { mergeAssets, mergeAssetsInput } from '../operations/merge-assets.js';
import { matchParams, undoAssetMatch } from '../operations/undo-asset-match.js';
import { updateAsset, updateAssetInput } from '../operations/update-asset.js';
import { assetDetailSchema, presentAssetDetail } from '../presenters/assets.js';

/** The device as the detail page shows it, after a change. */
async function detail(ctx: Ctx, id: string) {
  return presentAssetDetail(await getAsset(ctx, { id }), ctx.actor!, await assetFlags(ctx));
}

export async function assetWriteRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['parc'];

  app.post(
    '/assets',
    {
      schema: {
        operationId: 'createAsset',
        tags,
        summary: 'Enregistre un équipement à la main (type, statut, établissement par UAI, salle, données administratives)',
        description: 'Techniciens dans leur périmètre, administrateurs de la collectivité. 409 si le numéro de série ou d’inventaire est déjà porté par un autre équipement.',
        body: createAssetInput,
        response: { 201: assetDetailSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(fastify, request);
      const { id } = await createAsset(ctx, request.body);
      return reply.status(201).send(await detail(ctx, id));
    },
  );

  app.patch(
    '/assets/:id',
    {
      schema: {
        operationId: 'updateAsset',
        tags,
        summary: 'Modifie un équipement (envoyer la version lue : 409 si quelqu’un l’a modifié entre-temps)',
        description:
          'Un champ que l’agent renseigne aussi (nom, numéro de série, fabricant, modèle, système) est verrouillé contre l’agent dès qu’une personne le modifie ; `lockedFields` donne la liste complète des champs verrouillés. Un changement d’établissement ou de salle écrit un déplacement dans l’historique, un changement de statut une ligne de statut.',
        params: assetIdParams,
        body: updateAssetInput,
        response: { 200: assetDetailSchema, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = ctxOf(fastify, request);
      const { id } = await updateAsset(ctx, { id: request.params.id, changes: request.body });
      return detail(ctx, id);
    },
  );

  app.post(
    '/assets/bulk',
    {
      schema: {
        operationId: 'bulkUpdateAssets',
        tags,
        summary: 'Action groupée sur 1 000 équipements au plus : déplacer, changer le statut, prêter, rendre',
        description: 'Tout ou rien : si un seul équipement est introuvable ou hors du périmètre, aucun n’est modifié (404).',
        body: bulkAssetsInput,
        response: { 200: z.object({ changed: z.number(), unchanged: z.number() }), ...errorResponses },
      },
    },
    async (request) => bulkUpdateAssets(ctxOf(fastify, request), request.body),
  );

  app.post(
    '/assets/merge',
    {
      schema: {
        operationId: 'mergeAssets',
        tags,
        summary: 'Fusionne deux fiches d’un même équipement (l’historique, les logiciels et les champs vides passent sur celle qui reste)',
        description: 'La fiche absorbée est conservée dans le rapprochement : POST /api/assets/{id}/matches/{matchId}/undo la rétablit.',
        body: mergeAssetsInput,
        response: { 200: assetDetailSchema.extend({ matchId: z.number() }), ...errorResponses },
      },
    },
    async (request) => {
      const ctx = ctxOf(fastify, request);
      const { id, matchId } = await mergeAssets(ctx, request.body);
      return { ...(await detail(ctx, id)), matchId };
    },
  );

  app.post(
    '/assets/:id/matches/:matchId/undo',
    {
      schema: {
        operationId: 'undoAssetMatch',
        tags,
        summary: 'Annule un rapprochement (détache l’agent) ou une fusion (rétablit la fiche absorbée)',
        params: matchParams,
        response: { 200: assetDetailSchema.extend({ restoredId: z.string().nullable() }), ...errorResponses },
      },
    },
    async (request) => {
      const ctx = ctxOf(fastify, request);
      const { id, restoredId } = await undoAssetMatch(ctx, request.params);
      return { ...(await detail(ctx, id)), restoredId };
    },
  );
}
