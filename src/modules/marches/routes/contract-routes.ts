import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendExport } from '../../../server/platform/export.js';
import { ctxOf, errorResponses } from '../../../server/platform/http.js';
import { loadLot } from '../contract-store.js';
import { addAmendment } from '../operations/add-amendment.js';
import { addPriceList } from '../operations/add-price-list.js';
import { amendmentInput, contractIdParams, lotFields, lotIdParams, priceListInput } from '../operations/contract.input.js';
import { createContract, createContractInput } from '../operations/create-contract.js';
import { deleteContract } from '../operations/delete-contract.js';
import { decpQuery, exportDecp } from '../operations/export-decp.js';
import { exportContracts, exportContractsInput } from '../operations/export-contracts.js';
import { findContracts, findContractsInput } from '../operations/find-contracts.js';
import { getContract } from '../operations/get-contract.js';
import { addLot, updateLot, updateLotInput } from '../operations/save-lot.js';
import { updateContract, updateContractInput } from '../operations/update-contract.js';
import { contractDetailSchema, contractSummarySchema, presentContractDetail, presentContractSummary } from '../presenters/contracts.js';
import { priceItemsInForce } from '../price-lists.js';

export async function contractRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['marches'];
  const detail = { 200: contractDetailSchema, ...errorResponses };
  const fresh = async (request: Parameters<typeof ctxOf>[1], id: string) => {
    const ctx = ctxOf(fastify, request);
    return presentContractDetail(await getContract(ctx, id), ctx.actor!);
  };

  app.get('/contracts', {
    schema: { operationId: 'listContracts', tags, summary: 'Marchés visibles, filtrés (thème, type, zone, année de notification) et paginés', querystring: findContractsInput, response: { 200: z.object({ items: z.array(contractSummarySchema), total: z.number() }), ...errorResponses } },
  }, async (request) => {
    const { items, total } = await findContracts(ctxOf(fastify, request), request.query);
    return { items: items.map(presentContractSummary), total };
  });

  app.get('/contracts/export', {
    schema: { operationId: 'exportContracts', tags, summary: 'Marchés, lots ou bordereaux de prix (toutes versions) en CSV ou XLSX, avec les filtres de la liste', querystring: exportContractsInput },
  }, async (request, reply) => {
    const ctx = ctxOf(fastify, request);
    return sendExport(reply, request.query.format, await exportContracts(ctx, request.query), ctx.now());
  });

  app.get('/decp.json', {
    schema: { operationId: 'exportDecp', tags, summary: 'Données essentielles (DECP 2.0.3) des marchés notifiés dans l’année, un enregistrement par lot', querystring: decpQuery, response: { 200: z.object({ marches: z.object({ marche: z.array(z.record(z.string(), z.unknown())) }) }), ...errorResponses } },
  }, async (request, reply) => {
    reply.header('content-disposition', `attachment; filename="decp-${request.query.year}.json"`);
    return exportDecp(ctxOf(fastify, request), request.query);
  });

  app.get('/contracts/:id', {
    schema: { operationId: 'getContract', tags, summary: 'Un marché : lots, bordereaux (en vigueur et versions), avenants, non-dépense et consommation', params: contractIdParams, response: detail },
  }, async (request) => fresh(request, request.params.id));

  app.post('/contracts', {
    schema: { operationId: 'createContract', tags, summary: 'Crée un marché et ses lots (SIRET et code CPV contrôlés)', body: createContractInput, response: { 201: contractDetailSchema, ...errorResponses } },
  }, async (request, reply) => {
    const contract = await createContract(ctxOf(fastify, request), request.body);
    return reply.status(201).send(await fresh(request, contract.id));
  });

  app.patch('/contracts/:id', {
    schema: { operationId: 'updateContract', tags, summary: 'Modifie un marché (envoyer la version lue ; notifié, ses données publiées ne changent que par avenant)', params: contractIdParams, body: updateContractInput, response: detail },
  }, async (request) => {
    await updateContract(ctxOf(fastify, request), { id: request.params.id, changes: request.body });
    return fresh(request, request.params.id);
  });

  app.delete('/contracts/:id', {
    schema: { operationId: 'deleteContract', tags, summary: 'Supprime un marché en préparation', params: contractIdParams, querystring: z.object({ version: z.coerce.number().int().min(1) }), response: { 204: z.null(), ...errorResponses } },
  }, async (request, reply) => {
    await deleteContract(ctxOf(fastify, request), { id: request.params.id, version: request.query.version });
    return reply.status(204).send(null);
  });

  app.post('/contracts/:id/lots', {
    schema: { operationId: 'addLot', tags, summary: 'Ajoute un lot à un marché en préparation', params: contractIdParams, body: lotFields, response: { 201: contractDetailSchema, ...errorResponses } },
  }, async (request, reply) => {
    await addLot(ctxOf(fastify, request), request.params.id, request.body);
    return reply.status(201).send(await fresh(request, request.params.id));
  });

  app.patch('/lots/:id', {
    schema: { operationId: 'updateLot', tags, summary: 'Modifie un lot (plafonds et durée : par avenant une fois le marché notifié)', params: lotIdParams, body: updateLotInput, response: detail },
  }, async (request) => {
    const lot = await updateLot(ctxOf(fastify, request), { id: request.params.id, changes: request.body });
    return fresh(request, lot.contractId);
  });

  app.post('/lots/:id/price-lists', {
    schema: { operationId: 'addPriceList', tags, summary: 'Nouvelle version datée du bordereau de prix du lot (les versions publiées ne se réécrivent pas)', params: lotIdParams, body: priceListInput, response: { 201: contractDetailSchema, ...errorResponses } },
  }, async (request, reply) => {
    const ctx = ctxOf(fastify, request);
    await addPriceList(ctx, request.params.id, request.body);
    const { lot } = await loadLot(ctx, request.params.id);
    return reply.status(201).send(await fresh(request, lot.contractId));
  });

  app.get('/lots/:id/price-items', {
    schema: {
      operationId: 'listPriceItemsInForce', tags, summary: 'Les prix du lot en vigueur à une date (celle d’une commande)', params: lotIdParams,
      querystring: z.object({ on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Date attendue au format AAAA-MM-JJ.') }),
      response: { 200: z.object({ items: z.array(z.object({ id: z.string(), revision: z.number(), validFrom: z.string(), code: z.string(), label: z.string(), unit: z.string(), unitPriceExclTaxCents: z.number(), vatRateBp: z.number(), recurrence: z.string(), warrantyMonths: z.number().nullable(), cpvCode: z.string().nullable() })) }), ...errorResponses },
    },
  }, async (request) => {
    const ctx = ctxOf(fastify, request);
    const { lot } = await loadLot(ctx, request.params.id);
    const items = await priceItemsInForce(ctx, lot.tenantId, lot.id, request.query.on);
    return { items: items.map(({ priceListId: _list, lotId: _lot, ...rest }) => rest) };
  });

  app.post('/contracts/:id/amendments', {
    schema: { operationId: 'addAmendment', tags, summary: 'Ajoute un avenant numéroté à la suite (un plafond ne descend pas sous le commandé)', params: contractIdParams, body: amendmentInput, response: { 201: contractDetailSchema, ...errorResponses } },
  }, async (request, reply) => {
    await addAmendment(ctxOf(fastify, request), request.params.id, request.body);
    return reply.status(201).send(await fresh(request, request.params.id));
  });
}
