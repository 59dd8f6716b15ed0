import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { exportFormat, sendExport } from '../../../server/platform/export.js';
import { ctxOf, errorResponses } from '../../../server/platform/http.js';
import { exportSoftware } from '../operations/export-software.js';
import { exportSoftwareInstallations } from '../operations/export-software-installations.js';
import { findSoftware, findSoftwareInput } from '../operations/find-software.js';
import { findSoftwareInstallations, softwareIdParams, softwareInstallationsInput } from '../operations/find-software-installations.js';
import { presentSoftwareInstallations, presentSoftwareList, softwareInstallationsSchema, softwareListSchema } from '../presenters/software.js';

export async function softwareRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['parc'];
  app.get(
    '/software',
    {
      schema: {
        operationId: 'listSoftware',
        tags,
        summary: 'Catalogue des logiciels du parc, avec le nombre d’équipements visibles qui les ont',
        querystring: findSoftwareInput,
        response: { 200: softwareListSchema, ...errorResponses },
      },
    },
    async (request) => presentSoftwareList(await findSoftware(ctxOf(fastify, request), request.query)),
  );
  app.get(
    '/software/:id/installations',
    {
      schema: {
        operationId: 'listSoftwareInstallations',
        tags,
        summary: 'Où ce logiciel est installé : établissements, versions et équipements (paginés)',
        params: softwareIdParams,
        querystring: softwareInstallationsInput,
        response: { 200: softwareInstallationsSchema, ...errorResponses },
      },
    },
    async (request) =>
      presentSoftwareInstallations(await findSoftwareInstallations(ctxOf(fastify, request), { ...request.query, id: request.params.id })),
  );
  app.get(
    '/software/export',
    {
      schema: {
        operationId: 'exportSoftware',
        tags,
        summary: 'Export CSV (UTF-8 avec BOM, « ; ») ou XLSX du catalogue des logiciels, avec le nombre d’équipements visibles',
        querystring: z.object({ search: findSoftwareInput.shape.search, format: exportFormat.default('csv') }),
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(fastify, request);
      return sendExport(reply, request.query.format, await exportSoftware(ctx, { search: request.query.search }), ctx.now());
    },
  );
  app.get(
    '/software/:id/installations/export',
    {
      schema: {
        operationId: 'exportSoftwareInstallations',
        tags,
        summary: 'Export CSV ou XLSX de toutes les installations d’un logiciel (établissement, équipement, version)',
        params: softwareIdParams,
        querystring: z.object({ uai: softwareInstallationsInput.shape.uai, format: exportFormat.default('csv') }),
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(fastify, request);
      return sendExport(reply, request.query.format, await exportSoftwareInstallations(ctx, { id: request.params.id, uai: request.query.uai }), ctx.now());
    },
  );
}
