import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf, errorResponses } from '../../../server/platform/http.js';
import {
  createTargetProfileInput,
  profileIndicatorsInput,
  profileParams,
  profileVersionParams,
  updateProfileVersionInput,
} from '../operations/target-profile.input.js';
import { addProfileVersion, createTargetProfile, listTargetProfiles, updateProfileVersion } from '../operations/target-profiles.js';
import { targetProfilesSchema } from '../presenters/target-profiles.js';

/** Target profiles and their numbered versions (a version used by a voted PPI is frozen: 409). */
export async function targetProfileRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['pilotage'];
  app.get(
    '/pilotage/target-profiles',
    { schema: { operationId: 'listTargetProfiles', tags, summary: 'Profils cibles et leurs versions', response: { 200: targetProfilesSchema, ...errorResponses } } },
    async (request) => ({ items: await listTargetProfiles(ctxOf(fastify, request)) }),
  );
  app.post(
    '/pilotage/target-profiles',
    {
      schema: {
        operationId: 'createTargetProfile',
        tags,
        summary: 'Crée un profil cible (type d’établissement, tranche d’effectif) et sa version 1',
        body: createTargetProfileInput,
        response: { 201: z.object({ id: z.string() }), ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await createTargetProfile(ctxOf(fastify, request), request.body)),
  );
  app.post(
    '/pilotage/target-profiles/:id/versions',
    {
      schema: {
        operationId: 'addTargetProfileVersion',
        tags,
        summary: 'Ajoute une version de seuils à un profil cible',
        params: profileParams,
        body: z.object({ indicators: profileIndicatorsInput }),
        response: { 201: z.object({ number: z.number() }), ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await addProfileVersion(ctxOf(fastify, request), request.params.id, request.body.indicators)),
  );
  app.put(
    '/pilotage/target-profiles/:id/versions/:number',
    {
      schema: {
        operationId: 'updateTargetProfileVersion',
        tags,
        summary: 'Modifie les seuils d’une version (refusé si un PPI voté l’a utilisée)',
        params: profileVersionParams,
        body: updateProfileVersionInput,
        response: { 200: z.object({ number: z.number(), version: z.number() }), ...errorResponses },
      },
    },
    async (request) => updateProfileVersion(ctxOf(fastify, request), request.params.id, request.params.number, request.body),
  );
}
