import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf, errorResponses } from '../../../server/platform/http.js';
import { grantRole, grantRoleInput } from '../operations/grant-role.js';
import { removeRole, removeRoleInput } from '../operations/remove-role.js';
import { setUserActive } from '../operations/set-user-active.js';
import { presentUser, userSchema } from '../presenters/admin.js';

const userParams = z.object({ id: z.uuid() });

export async function userRoleRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['utilisateurs'];

  app.post(
    '/users/:id/roles',
    {
      schema: {
        operationId: 'grantRole',
        tags,
        summary: 'Donne un rôle de plus, avec sa portée, à une personne qui a déjà un rôle dans la collectivité',
        params: userParams,
        body: grantRoleInput,
        response: { 201: z.object({ assignmentId: z.string(), user: userSchema }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(fastify, request);
      const { assignmentId, ...user } = await grantRole(ctx, { ...request.body, userId: request.params.id });
      return reply.status(201).send({ assignmentId, user: presentUser(user, ctx.actor!) });
    },
  );

  app.delete(
    '/users/:id/roles/:assignmentId',
    {
      schema: {
        operationId: 'removeRole',
        tags,
        summary: 'Retire un rôle (le dernier administrateur de la collectivité ne peut pas être retiré)',
        params: z.object({ id: z.uuid(), assignmentId: z.uuid() }),
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await removeRole(ctxOf(fastify, request), removeRoleInput.parse({ userId: request.params.id, assignmentId: request.params.assignmentId }));
      return reply.status(204).send(null);
    },
  );

  for (const [verb, active] of [['disable', false], ['enable', true]] as const) {
    app.post(
      `/users/:id/${verb}`,
      {
        schema: {
          operationId: active ? 'enableUser' : 'disableUser',
          tags,
          summary: active
            ? 'Réactive un compte désactivé'
            : 'Désactive un compte : plus de connexion, sessions closes (refusé s’il a des rôles dans d’autres organisations)',
          params: userParams,
          response: { 200: userSchema, ...errorResponses },
        },
      },
      async (request) => {
        const ctx = ctxOf(fastify, request);
        return presentUser(await setUserActive(ctx, { userId: request.params.id, active }), ctx.actor!);
      },
    );
  }
}
