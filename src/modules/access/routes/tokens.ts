import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf, errorResponses, setNoStore } from '../../../server/platform/http.js';
import { createApiToken, createApiTokenInput } from '../operations/create-api-token.js';
import { findApiTokens } from '../operations/find-api-tokens.js';
import { revokeApiToken, revokeApiTokenInput } from '../operations/revoke-api-token.js';
import { apiTokenSchema, presentApiToken } from '../presenters/admin.js';

export async function tokenRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['jetons'];

  app.get(
    '/tokens',
    {
      schema: {
        operationId: 'listApiTokens',
        tags,
        summary: "Jetons d'API de la collectivité active (jamais leur secret)",
        response: { 200: z.object({ items: z.array(apiTokenSchema) }), ...errorResponses },
      },
    },
    async (request) => {
      const ctx = ctxOf(fastify, request);
      const items = await findApiTokens(ctx);
      return { items: items.map((t) => presentApiToken(t, ctx.now())) };
    },
  );

  app.post(
    '/tokens',
    {
      schema: {
        operationId: 'createApiToken',
        tags,
        summary: "Crée un jeton d'API (rôle, portée, lecture ou écriture) ; son secret n'est montré qu'une fois",
        body: createApiTokenInput,
        response: {
          201: z.object({ token: apiTokenSchema, secret: z.string().describe('À conserver : il ne sera plus affiché.') }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(fastify, request);
      const { token, secret } = await createApiToken(ctx, request.body);
      setNoStore(reply);
      return reply.status(201).send({ token: presentApiToken(token, ctx.now()), secret });
    },
  );

  app.delete(
    '/tokens/:id',
    {
      schema: {
        operationId: 'revokeApiToken',
        tags,
        summary: "Révoque un jeton d'API : il est refusé dès l'appel suivant",
        params: revokeApiTokenInput,
        response: { 200: apiTokenSchema, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = ctxOf(fastify, request);
      return presentApiToken(await revokeApiToken(ctx, request.params), ctx.now());
    },
  );
}
