import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf, errorResponses } from '../../../server/platform/http.js';
import { findSoftware, findSoftwareInput } from '../operations/find-software.js';
import { findSoftwareInstallations, softwareIdParams, softwareInstallationsInput } from '../operations/find-software-installations.js';
import { presentSoftwareInstallations, presentSoftwareList, softwareInstallationsSchema, softwareListSchema } from './software-presenters.js';

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
}
