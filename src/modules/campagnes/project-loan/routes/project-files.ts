import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf, errorResponses } from '../../../../server/platform/http.js';
import { draftOrderInput, draftOrderSchema } from '../../renewal/operations/draft-order.js';
import { getProjectFile, projectFileSchema } from '../operations/get-project-file.js';
import { orderProject } from '../operations/order-project.js';
import { projectRequestInput, saveProjectRequest } from '../operations/save-project-request.js';

const idParams = z.object({ id: z.uuid() });

/** The pedagogical project call: what the school borrows and when; its acceptance lends in the Parc. */
export async function projectFileRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['campagnes'];

  app.get(
    '/project-files/:id',
    {
      schema: {
        operationId: 'getProjectFile',
        tags,
        summary: 'Un dossier de projet pédagogique : le prêt demandé, ses dates, le prêt accordé au parc',
        params: idParams,
        response: { 200: projectFileSchema, ...errorResponses },
      },
    },
    async (request) => getProjectFile(ctxOf(fastify, request), request.params.id),
  );

  app.put(
    '/project-files/:id/project',
    {
      schema: {
        operationId: 'saveProjectRequest',
        tags,
        summary: 'L’établissement décrit son projet : tablettes ou classe mobile, quantité, dates (un trimestre au moins)',
        params: idParams,
        body: projectRequestInput,
        response: { 200: projectFileSchema, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = ctxOf(fastify, request);
      await saveProjectRequest(ctx, request.params.id, request.body);
      return getProjectFile(ctx, request.params.id);
    },
  );

  app.post(
    '/project-files/:id/draft-order',
    {
      schema: {
        operationId: 'orderProjectFile',
        tags,
        summary: 'Transforme un projet accepté en bon de commande brouillon sur un lot de marché',
        params: idParams,
        body: draftOrderInput,
        response: { 201: draftOrderSchema, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await orderProject(ctxOf(fastify, request), request.params.id, request.body)),
  );
}
