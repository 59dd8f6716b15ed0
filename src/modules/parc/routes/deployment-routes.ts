import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { exportFormat, sendExport } from '../../../server/platform/export.js';
import { ctxOf, errorResponses } from '../../../server/platform/http.js';
import { exportDeploymentItems } from '../operations/export-deployment-items.js';
import { deploymentsExportInput, exportDeployments } from '../operations/export-deployments.js';
import { advanceDeploymentInput, advanceDeploymentItems } from '../operations/advance-deployment-items.js';
import { createDeploymentBatch, createDeploymentInput } from '../operations/create-deployment-batch.js';
import { findDeploymentBatches, findDeploymentsInput } from '../operations/find-deployment-batches.js';
import { findDeploymentPlans, findDeploymentPlansInput } from '../operations/deployment-plans.js';
import { deploymentIdParams, getDeploymentBatch } from '../operations/get-deployment-batch.js';
import { deploymentDetailSchema, deploymentListSchema, presentDeploymentDetail, presentDeploymentList } from '../presenters/deployments.js';

const deploymentPlanSchema = z.object({
  id: z.string(),
  uai: z.string(),
  establishmentName: z.string(),
  assetClass: z.string(),
  quantity: z.number(),
  delivered: z.number(),
  remaining: z.number(),
  sourceLabel: z.string(),
  sourceLink: z.string().nullable(),
  plannedAt: z.string(),
});

/** Mass deployment: a delivery per site, its devices from delivered to in service within the deadline. */
export async function deploymentRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['parc'];
  const errors = { ...errorResponses, 422: errorResponses[409] };
  app.get(
    '/deployments',
    {
      schema: {
        operationId: 'listDeployments',
        tags,
        summary: 'Déploiements par site : avancement (livré, installé, masterisé, en service) et retards sur le délai de mise en service',
        querystring: findDeploymentsInput,
        response: { 200: deploymentListSchema, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = ctxOf(fastify, request);
      return presentDeploymentList(await findDeploymentBatches(ctx, request.query), ctx.actor!);
    },
  );
  app.post(
    '/deployments',
    {
      schema: {
        operationId: 'createDeployment',
        tags,
        summary: 'Enregistre une livraison sur un site, avec les numéros de série des équipements',
        body: createDeploymentInput,
        response: { 201: deploymentDetailSchema, ...errors },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(fastify, request);
      const created = await createDeploymentBatch(ctx, request.body);
      const detail = await getDeploymentBatch(ctx, { id: created.batch.id });
      return reply.status(201).send(presentDeploymentDetail(detail, ctx.actor!, ctx.now()));
    },
  );
  app.get(
    '/deployments/plans',
    {
      schema: {
        operationId: 'listDeploymentPlans',
        tags,
        summary: 'Déploiements prévus par site et classe (quantités accordées sur les dossiers de renouvellement acceptés), avec ce que les livraisons faites pour eux apportent déjà',
        querystring: findDeploymentPlansInput,
        response: { 200: z.object({ items: z.array(deploymentPlanSchema) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await findDeploymentPlans(ctxOf(fastify, request), request.query) }),
  );

  app.get(
    '/deployments/:id',
    {
      schema: {
        operationId: 'getDeployment',
        tags,
        summary: 'Une livraison : chaque équipement, son étape et l’équipement vu par l’inventaire',
        params: deploymentIdParams,
        response: { 200: deploymentDetailSchema, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = ctxOf(fastify, request);
      return presentDeploymentDetail(await getDeploymentBatch(ctx, request.params), ctx.actor!, ctx.now());
    },
  );
  app.post(
    '/deployments/:id/advance',
    {
      schema: {
        operationId: 'advanceDeployment',
        tags,
        summary: 'Fait avancer des équipements d’une livraison (installés, masterisés, en service), par numéros de série ou tous',
        params: deploymentIdParams,
        body: advanceDeploymentInput,
        response: {
          200: z.object({ advanced: z.number(), unchanged: z.number().nullable(), deployment: deploymentDetailSchema }),
          ...errors,
        },
      },
    },
    async (request) => {
      const ctx = ctxOf(fastify, request);
      const result = await advanceDeploymentItems(ctx, { ...request.body, id: request.params.id });
      const detail = await getDeploymentBatch(ctx, request.params);
      return { ...result, deployment: presentDeploymentDetail(detail, ctx.actor!, ctx.now()) };
    },
  );
  app.get(
    '/deployments/export',
    {
      schema: {
        operationId: 'exportDeployments',
        tags,
        summary: 'Export CSV (UTF-8 avec BOM, « ; ») ou XLSX des livraisons et de leur avancement, mêmes filtres, ordre et périmètre que la liste',
        querystring: deploymentsExportInput.extend({ format: exportFormat.default('csv') }),
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(fastify, request);
      const { format, ...filters } = request.query;
      return sendExport(reply, format, await exportDeployments(ctx, filters), ctx.now());
    },
  );
  app.get(
    '/deployments/:id/export',
    {
      schema: {
        operationId: 'exportDeploymentItems',
        tags,
        summary: 'Export CSV ou XLSX des équipements d’une livraison : numéro de série, étape et dates de chaque étape',
        params: deploymentIdParams,
        querystring: z.object({ format: exportFormat.default('csv') }),
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(fastify, request);
      return sendExport(reply, request.query.format, await exportDeploymentItems(ctx, request.params), ctx.now());
    },
  );
}
