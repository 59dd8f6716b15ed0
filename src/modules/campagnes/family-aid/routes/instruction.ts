import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf, errorResponses } from '../../../../server/platform/http.js';
import { aidDashboardSchema, campaignIdParams, getAidDashboard } from '../operations/get-aid-dashboard.js';
import { deliveryInput, recordDelivery } from '../operations/record-delivery.js';
import { setSocialFund, socialFundInput } from '../operations/set-social-fund.js';
import { deliveryRowSchema, getInstructedAidFile, instructorAidFileSchema, listSchoolDeliveries, readTaxNotice } from '../operations/read-aid-files.js';
import { sendAttachment } from '../../../../server/platform/files/attachment.js';

const idParams = z.object({ id: z.uuid() });

/** What the authority's instructors, the school's staff and steering do with the family files. */
export async function instructionRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['campagnes'];

  app.put(
    '/aid-files/:id/social-fund',
    {
      schema: {
        operationId: 'setAidSocialFund',
        tags,
        summary: 'Accorde un complément du fonds social (instructeurs de la campagne), avec motif',
        params: idParams,
        body: socialFundInput,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await setSocialFund(ctxOf(fastify, request), request.params.id, request.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/aid-files/:id/delivery',
    {
      schema: {
        operationId: 'recordAidDelivery',
        tags,
        summary: 'Enregistre la remise de l’équipement au lycée (numéro de série) : l’équipement de la famille entre au parc',
        params: idParams,
        body: deliveryInput,
        response: { 200: z.object({ assetId: z.uuid() }), ...errorResponses },
      },
    },
    async (request) => recordDelivery(ctxOf(fastify, request), request.params.id, request.body),
  );

  app.get(
    '/campaigns/:campaignId/aid-dashboard',
    {
      schema: {
        operationId: 'getAidDashboard',
        tags,
        summary: 'Tableau de bord de l’aide : dossiers par état, élèves équipés par lycée, répartition des équipements, montants',
        params: campaignIdParams,
        response: { 200: aidDashboardSchema, ...errorResponses },
      },
    },
    async (request) => getAidDashboard(ctxOf(fastify, request), request.params.campaignId),
  );

  app.get(
    '/aid-files/:id',
    {
      schema: {
        operationId: 'getInstructedAidFile',
        tags,
        summary: 'Le dossier d’aide vu par les instructeurs de la campagne : identité, revenu, avis d’imposition, montants',
        params: idParams,
        response: { 200: instructorAidFileSchema, ...errorResponses },
      },
    },
    async (request) => getInstructedAidFile(ctxOf(fastify, request), request.params.id),
  );

  app.get(
    '/aid-files/:id/tax-notice',
    {
      schema: {
        operationId: 'downloadAidTaxNotice',
        tags,
        summary: 'Télécharge l’avis d’imposition (instructeurs de la campagne seulement, en pièce jointe)',
        params: idParams,
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request, reply) => sendAttachment(reply, await readTaxNotice(ctxOf(fastify, request), request.params.id)),
  );

  app.get(
    '/campaigns/:campaignId/aid-deliveries',
    {
      schema: {
        operationId: 'listAidDeliveries',
        tags,
        summary: 'Les équipements à remettre dans ses lycées : nom de l’élève et équipement seulement',
        params: campaignIdParams,
        response: { 200: z.object({ items: z.array(deliveryRowSchema) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await listSchoolDeliveries(ctxOf(fastify, request), request.params.campaignId) }),
  );
}
