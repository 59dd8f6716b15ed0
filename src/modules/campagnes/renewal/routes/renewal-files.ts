import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendExport } from '../../../../server/platform/export.js';
import { ctxOf, errorResponses } from '../../../../server/platform/http.js';
import { exportRowsHeader } from '../../routes/exports.js';
import { arbitrationExportInput, exportRenewalArbitration } from '../exports/export-arbitration.js';
import { draftOrderInput, draftOrderSchema } from '../operations/draft-order.js';
import { getRenewalArbitration, renewalArbitrationQuery, renewalArbitrationSchema } from '../operations/get-renewal-arbitration.js';
import { getRenewalFile, renewalFileSchema } from '../operations/get-renewal-file.js';
import { grantRenewal, renewalGrantInput } from '../operations/grant-renewal.js';
import { orderRenewal } from '../operations/order-renewal.js';
import { renewalRequestInput, saveRenewalRequest } from '../operations/save-renewal-request.js';
import { renewalCostsInput, setRenewalCosts } from '../operations/set-renewal-costs.js';

const idParams = z.object({ id: z.uuid() });
const campaignParams = z.object({ campaign: z.string().min(1).max(100) });

/** The renewal call: the school's request beside its fleet, the authority's arbitration, the draft order. */
export async function renewalFileRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['campagnes'];

  app.get(
    '/renewal-files/:id',
    {
      schema: {
        operationId: 'getRenewalFile',
        tags,
        summary: 'Un dossier de renouvellement : le parc de l’établissement (classes, âge, garantie, prévision) à côté de la demande',
        params: idParams,
        response: { 200: renewalFileSchema, ...errorResponses },
      },
    },
    async (request) => getRenewalFile(ctxOf(fastify, request), request.params.id),
  );

  app.put(
    '/renewal-files/:id/request',
    {
      schema: {
        operationId: 'saveRenewalRequest',
        tags,
        summary: 'L’établissement demande des quantités par classe d’équipement, avec sa justification',
        params: idParams,
        body: renewalRequestInput,
        response: { 200: renewalFileSchema, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = ctxOf(fastify, request);
      await saveRenewalRequest(ctx, request.params.id, request.body);
      return getRenewalFile(ctx, request.params.id);
    },
  );

  app.put(
    '/renewal-files/:id/grants',
    {
      schema: {
        operationId: 'grantRenewal',
        tags,
        summary: 'Arbitrage : les quantités accordées au dossier, dans l’enveloppe de la campagne',
        params: idParams,
        body: renewalGrantInput,
        response: { 200: z.object({ version: z.number().int(), grantedCents: z.number().int(), campaignGrantedCents: z.number().int() }), ...errorResponses },
      },
    },
    async (request) => grantRenewal(ctxOf(fastify, request), request.params.id, request.body),
  );

  app.post(
    '/renewal-files/:id/draft-order',
    {
      schema: {
        operationId: 'orderRenewalFile',
        tags,
        summary: 'Transforme les quantités accordées d’un dossier accepté en bon de commande brouillon sur un lot de marché',
        params: idParams,
        body: draftOrderInput,
        response: { 201: draftOrderSchema, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await orderRenewal(ctxOf(fastify, request), request.params.id, request.body)),
  );

  app.get(
    '/campaigns/:campaign/renewal-arbitration',
    {
      schema: {
        operationId: 'getRenewalArbitration',
        tags,
        summary: 'Page d’arbitrage : une page des demandes filtrées (département, unité, nature, état, demande au-delà du parc, arbitrage, UAI ou nom), chacune à côté du parc, le total accordé de la campagne face à l’enveloppe',
        params: campaignParams,
        querystring: renewalArbitrationQuery,
        response: { 200: renewalArbitrationSchema, ...errorResponses },
      },
    },
    async (request) => getRenewalArbitration(ctxOf(fastify, request), request.params.campaign, request.query),
  );

  app.get(
    '/campaigns/:campaign/renewal-arbitration/export',
    {
      schema: {
        operationId: 'exportRenewalArbitration',
        tags,
        summary: 'L’arbitrage en CSV (UTF-8 avec BOM, « ; ») ou XLSX, avec les filtres de la page : une ligne par dossier déposé, par classe le parc, le dû, le demandé et l’accordé',
        params: campaignParams,
        querystring: arbitrationExportInput,
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(fastify, request);
      const source = await exportRenewalArbitration(ctx, request.params.campaign, request.query);
      reply.header(exportRowsHeader, String(source.total));
      reply.header('access-control-expose-headers', exportRowsHeader);
      return sendExport(reply, request.query.format, source, ctx.now());
    },
  );

  app.put(
    '/campaigns/:campaign/renewal-costs',
    {
      schema: {
        operationId: 'setRenewalCosts',
        tags,
        summary: 'Le coût d’un équipement par classe, qui chiffre les demandes et l’arbitrage',
        params: campaignParams,
        body: renewalCostsInput,
        response: { 200: z.object({ version: z.number().int() }), ...errorResponses },
      },
    },
    async (request) => setRenewalCosts(ctxOf(fastify, request), request.params.campaign, request.body),
  );
}
