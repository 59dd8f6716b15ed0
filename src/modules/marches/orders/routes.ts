import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../../server/platform/authz.js';
import { exportFormat, sendExport } from '../../../server/platform/export.js';
import { ctxOf, errorResponses } from '../../../server/platform/http.js';
import { readUpload } from '../../../server/platform/uploads.js';
import { deliveryFromFile } from './delivery-file.js';
import { budgetLineInput, createBudgetLine, createDelegation, delegationInput, findBudgetLines } from './operations/budget-lines.js';
import { acknowledgeOrder, changeOrderStatus, changeStatusInput, holderOrder } from './operations/change-order-status.js';
import { createOrderInput, createPurchaseOrder } from './operations/create-purchase-order.js';
import { exportConsumption, exportDeliveries, exportOrders } from './operations/export-orders.js';
import { consumptionInput, findConsumption } from './operations/find-consumption.js';
import { findOrders, findOrdersInput, getOrder } from './operations/find-orders.js';
import { deliveryInput, recordDelivery } from './operations/record-delivery.js';
import { invoiceInput, recordInvoice } from './operations/record-invoice.js';
import { budgetLineSchema, consumptionSchema, orderDetailSchema, orderListSchema, presentBudgetLine, presentOrder, presentOrderDetail } from './presenters.js';

declare module '../../../server/platform/module.js' {
  interface ModuleSettings {
    /** Purchase orders: COHERENCE_MARCHES_CONSUMPTION_CACHE=off computes the consumption on every read (the bench's uncached figure). */
    marches: { consumptionCache?: boolean };
  }
}

const idParams = z.object({ id: z.uuid('Identifiant invalide.') });
const errors = { ...errorResponses, 413: errorResponses[400], 415: errorResponses[400], 422: errorResponses[400] };
const deliveryResult = z.object({ deliveryId: z.string(), devicesCreated: z.number(), order: orderDetailSchema });

/** Purchase orders, their deliveries and invoices, budget lines and consumption. */
export async function orderRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['marches'];
  const detail = async (request: Parameters<typeof ctxOf>[1], id: string) => {
    const ctx = ctxOf(fastify, request);
    return presentOrderDetail(await getOrder(ctx, { id }), ctx.actor!);
  };

  app.get(
    '/purchase-orders',
    { schema: { operationId: 'listPurchaseOrders', tags, summary: 'Bons de commande visibles (les siens, ceux adressés au titulaire, tous pour le coordonnateur)', querystring: findOrdersInput, response: { 200: orderListSchema, ...errorResponses } } },
    async (request) => {
      const ctx = ctxOf(fastify, request);
      const { items, total } = await findOrders(ctx, request.query);
      return { items: items.map((h) => presentOrder(h, ctx.actor!)), total };
    },
  );
  app.post(
    '/purchase-orders',
    {
      schema: {
        operationId: 'createPurchaseOrder',
        tags,
        summary: 'Passe un bon de commande sur le bordereau d’un lot (brouillon) ; 409 si un plafond serait dépassé, avec le reste disponible',
        body: createOrderInput,
        response: { 201: orderDetailSchema, ...errors },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(fastify, request);
      const order = await createPurchaseOrder(ctx, request.body, { source: request.headers.authorization ? 'api' : 'ui' });
      return reply.status(201).send(await detail(request, order.id));
    },
  );
  app.get(
    '/purchase-orders/export',
    { schema: { operationId: 'exportPurchaseOrders', tags, summary: 'Export CSV ou XLSX des bons de commande, mêmes filtres que la liste', querystring: findOrdersInput.omit({ page: true, pageSize: true }).extend({ format: exportFormat.default('csv') }), response: { 200: z.any(), ...errorResponses } } },
    async (request, reply) => {
      const ctx = ctxOf(fastify, request);
      const { format, ...filters } = request.query;
      return sendExport(reply, format, await exportOrders(ctx, filters), ctx.now());
    },
  );
  app.get(
    '/purchase-orders/:id',
    { schema: { operationId: 'getPurchaseOrder', tags, summary: 'Un bon de commande : lignes, livraisons, factures', params: idParams, response: { 200: orderDetailSchema, ...errorResponses } } },
    async (request) => detail(request, request.params.id),
  );
  app.post(
    '/purchase-orders/:id/status',
    { schema: { operationId: 'changePurchaseOrderStatus', tags, summary: 'Signe, envoie au titulaire, annule ou marque payé un bon de commande (version lue obligatoire)', params: idParams, body: changeStatusInput, response: { 200: orderDetailSchema, ...errors } } },
    async (request) => {
      await changeOrderStatus(ctxOf(fastify, request), { ...request.body, id: request.params.id });
      return detail(request, request.params.id);
    },
  );
  app.post(
    '/purchase-orders/:id/acknowledge',
    { schema: { operationId: 'acknowledgePurchaseOrder', tags, summary: 'Le titulaire accuse réception du bon de commande', params: idParams, response: { 200: orderDetailSchema, ...errors } } },
    async (request) => {
      await acknowledgeOrder(ctxOf(fastify, request), request.params);
      return detail(request, request.params.id);
    },
  );
  app.post(
    '/purchase-orders/:id/deliveries',
    {
      schema: {
        operationId: 'recordPurchaseOrderDelivery',
        tags,
        summary: 'Le titulaire enregistre une livraison (numéros de série par article) : tout ou rien, les équipements entrent au parc',
        params: idParams,
        body: deliveryInput,
        response: { 201: deliveryResult, ...errors },
      },
    },
    async (request, reply) => {
      const result = await recordDelivery(ctxOf(fastify, request), { ...request.body, id: request.params.id, source: 'typed' });
      return reply.status(201).send({ deliveryId: result.delivery.id, devicesCreated: result.devicesCreated, order: await detail(request, request.params.id) });
    },
  );
  app.post(
    '/purchase-orders/:id/delivery-file',
    {
      schema: {
        operationId: 'uploadPurchaseOrderDelivery',
        tags,
        summary: 'Le titulaire dépose le fichier de livraison (CSV : code article ; numéro de série) : rapport ligne à ligne, tout ou rien',
        params: idParams,
        consumes: ['multipart/form-data'],
        response: { 201: deliveryResult, ...errors },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(fastify, request);
      authorize(ctx.actor, 'order.fulfil');
      await holderOrder(ctx, request.params.id);
      const { bytes } = await readUpload(request, fastify.config.maxUploadBytes);
      const order = await getOrder(ctx, request.params);
      const codes = new Map(order.lines.map((l) => [l.line.code.toUpperCase(), l.line.priceItemId]));
      const parsed = deliveryFromFile(bytes, codes);
      const result = await recordDelivery(ctx, { id: request.params.id, lines: parsed.lines, source: 'file' });
      return reply.status(201).send({ deliveryId: result.delivery.id, devicesCreated: result.devicesCreated, order: await detail(request, request.params.id) });
    },
  );
  app.post(
    '/purchase-orders/:id/invoices',
    { schema: { operationId: 'recordPurchaseOrderInvoice', tags, summary: 'Rapproche une facture de la commande et de ses livraisons (écarts de quantité et de prix signalés)', params: idParams, body: invoiceInput, response: { 201: orderDetailSchema, ...errors } } },
    async (request, reply) => {
      await recordInvoice(ctxOf(fastify, request), { ...request.body, id: request.params.id });
      return reply.status(201).send(await detail(request, request.params.id));
    },
  );
  app.get(
    '/deliveries/export',
    { schema: { operationId: 'exportDeliveries', tags, summary: 'Export CSV ou XLSX des livraisons des commandes visibles', querystring: z.object({ format: exportFormat.default('csv') }), response: { 200: z.any(), ...errorResponses } } },
    async (request, reply) => {
      const ctx = ctxOf(fastify, request);
      return sendExport(reply, request.query.format, await exportDeliveries(ctx), ctx.now());
    },
  );
  app.get(
    '/budget-lines',
    { schema: { operationId: 'listBudgetLines', tags, summary: 'Lignes budgétaires (les siennes ; toutes pour le coordonnateur) : plafond, engagé, facturé, reste', querystring: z.object({ year: z.coerce.number().int().optional(), memberOrganizationId: z.uuid().optional() }), response: { 200: z.object({ items: z.array(budgetLineSchema) }), ...errorResponses } } },
    async (request) => ({ items: (await findBudgetLines(ctxOf(fastify, request), request.query)).map(presentBudgetLine) }),
  );
  app.post(
    '/budget-lines',
    { schema: { operationId: 'createBudgetLine', tags, summary: 'Crée la ligne budgétaire d’un membre (année, source de financement, plafond)', body: budgetLineInput, response: { 201: z.object({ id: z.string() }), ...errors } } },
    async (request, reply) => reply.status(201).send({ id: (await createBudgetLine(ctxOf(fastify, request), request.body)).id }),
  );
  app.post(
    '/order-delegations',
    { schema: { operationId: 'createOrderDelegation', tags, summary: 'Un membre délègue ses commandes à une autre organisation', body: delegationInput, response: { 201: delegationInput, ...errors } } },
    async (request, reply) => reply.status(201).send(await createDelegation(ctxOf(fastify, request), request.body)),
  );
  app.get(
    '/marches/consumption',
    { schema: { operationId: 'getMarchesConsumption', tags, summary: 'Consommation par lot et par membre : engagé, consommé, reste sur le plafond du lot', querystring: consumptionInput, response: { 200: consumptionSchema, ...errorResponses } } },
    async (request) => ({ items: await findConsumption(ctxOf(fastify, request), request.query, { cached: fastify.config.marches?.consumptionCache !== false }) }),
  );
  app.get(
    '/marches/consumption/export',
    { schema: { operationId: 'exportMarchesConsumption', tags, summary: 'Export CSV ou XLSX de la consommation par lot et par membre', querystring: consumptionInput.extend({ format: exportFormat.default('csv') }), response: { 200: z.any(), ...errorResponses } } },
    async (request, reply) => {
      const ctx = ctxOf(fastify, request);
      const { format, ...filters } = request.query;
      return sendExport(reply, format, await exportConsumption(ctx, filters), ctx.now());
    },
  );
}
