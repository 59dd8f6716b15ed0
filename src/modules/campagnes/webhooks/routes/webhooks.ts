import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf, errorResponses } from '../../../../server/platform/http.js';
import { createdWebhookSchema, createWebhook, createWebhookInput } from '../operations/create-webhook.js';
import { deliveriesQuery, deliverySchema, listDeliveries } from '../operations/list-deliveries.js';
import { listWebhooks, webhookSchema } from '../operations/list-webhooks.js';
import { setWebhookActive, setWebhookActiveInput } from '../operations/set-webhook-active.js';

const campaignParams = z.object({ campaign: z.string().min(1).max(100) });

/** The partners' webhooks of a campaign: declared by its managers, signed, retried, logged. */
export async function webhookRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['campagnes'];

  app.get(
    '/campaigns/:campaign/webhooks',
    {
      schema: {
        operationId: 'listCampaignWebhooks',
        tags,
        summary: 'Les webhooks de la campagne (sans leur secret), avec leurs appels en attente, remis et abandonnés',
        params: campaignParams,
        response: { 200: z.object({ items: z.array(webhookSchema) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await listWebhooks(ctxOf(fastify, request), request.params.campaign) }),
  );

  app.post(
    '/campaigns/:campaign/webhooks',
    {
      schema: {
        operationId: 'createCampaignWebhook',
        tags,
        summary: 'Déclare un webhook appelé à chaque changement d’état d’un dossier (POST JSON signé HMAC-SHA256 dans x-coherence-signature) ; le secret n’est montré qu’une fois',
        params: campaignParams,
        body: createWebhookInput,
        response: { 201: createdWebhookSchema, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await createWebhook(ctxOf(fastify, request), request.params.campaign, request.body)),
  );

  app.put(
    '/webhooks/:id/active',
    {
      schema: {
        operationId: 'setCampaignWebhookActive',
        tags,
        summary: 'Suspend ou reprend un webhook',
        params: z.object({ id: z.uuid() }),
        body: setWebhookActiveInput,
        response: { 200: z.object({ id: z.uuid(), active: z.boolean() }), ...errorResponses },
      },
    },
    async (request) => setWebhookActive(ctxOf(fastify, request), request.params.id, request.body),
  );

  app.get(
    '/campaigns/:campaign/webhook-deliveries',
    {
      schema: {
        operationId: 'listCampaignWebhookDeliveries',
        tags,
        summary: 'Le journal des appels de webhooks : tentatives, dernière réponse, prochain essai (reprises 1, 2, 4… minutes, 10 essais)',
        params: campaignParams,
        querystring: deliveriesQuery,
        response: { 200: z.object({ total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), items: z.array(deliverySchema) }), ...errorResponses },
      },
    },
    async (request) => listDeliveries(ctxOf(fastify, request), request.params.campaign, request.query),
  );
}
