import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf, errorResponses } from '../../../server/platform/http.js';
import { deletePremises, updateBuilding, updateRoom } from '../operations/change-premises.js';
import { createBuilding } from '../operations/create-building.js';
import { createRoom } from '../operations/create-room.js';
import { buildingInput, roomInput, versionInput } from '../operations/premises.input.js';
import { buildingSchema, presentBuilding, presentRoom, roomSchema } from '../presenters/related.js';

const uai = z.string().min(1).max(20);
const itemParams = z.object({ uai, id: z.uuid() });

export async function premisesRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['référentiel'];

  app.post(
    '/establishments/:uai/buildings',
    { schema: { operationId: 'createBuilding', tags, summary: 'Ajoute un bâtiment', params: z.object({ uai }), body: buildingInput, response: { 201: buildingSchema, ...errorResponses } } },
    async (request, reply) => {
      const building = await createBuilding(ctxOf(fastify, request), { uai: request.params.uai, building: request.body });
      return reply.status(201).send(presentBuilding(building));
    },
  );
  app.patch(
    '/establishments/:uai/buildings/:id',
    { schema: { operationId: 'updateBuilding', tags, summary: 'Renomme un bâtiment', params: itemParams, body: buildingInput.merge(versionInput), response: { 200: buildingSchema, ...errorResponses } } },
    async (request) => {
      return presentBuilding(await updateBuilding(ctxOf(fastify, request), { ...request.params, changes: request.body }));
    },
  );
  app.delete(
    '/establishments/:uai/buildings/:id',
    { schema: { operationId: 'deleteBuilding', tags, summary: 'Supprime un bâtiment et ses salles', params: itemParams, querystring: versionInput, response: { 204: z.null(), ...errorResponses } } },
    async (request, reply) => {
      await deletePremises(ctxOf(fastify, request), { kind: 'building', ...request.params, version: request.query.version });
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/establishments/:uai/rooms',
    { schema: { operationId: 'createRoom', tags, summary: 'Ajoute une salle dans un bâtiment', params: z.object({ uai }), body: roomInput, response: { 201: roomSchema, ...errorResponses } } },
    async (request, reply) => {
      const room = await createRoom(ctxOf(fastify, request), { uai: request.params.uai, room: request.body });
      return reply.status(201).send(presentRoom(room));
    },
  );
  app.patch(
    '/establishments/:uai/rooms/:id',
    { schema: { operationId: 'updateRoom', tags, summary: 'Modifie une salle', params: itemParams, body: roomInput.merge(versionInput), response: { 200: roomSchema, ...errorResponses } } },
    async (request) => {
      return presentRoom(await updateRoom(ctxOf(fastify, request), { ...request.params, changes: request.body }));
    },
  );
  app.delete(
    '/establishments/:uai/rooms/:id',
    { schema: { operationId: 'deleteRoom', tags, summary: 'Supprime une salle', params: itemParams, querystring: versionInput, response: { 204: z.null(), ...errorResponses } } },
    async (request, reply) => {
      await deletePremises(ctxOf(fastify, request), { kind: 'room', ...request.params, version: request.query.version });
      return reply.status(204).send(null);
    },
  );
}
