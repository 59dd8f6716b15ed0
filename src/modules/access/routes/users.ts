import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { exportFormat, sendExport } from '../../../server/platform/export.js';
import { ctxOf, errorResponses } from '../../../server/platform/http.js';
import { exportUsers, usersExportInput } from '../operations/export-users.js';
import { addUser, addUserInput } from '../operations/add-user.js';
import { findUsers, findUsersInput } from '../operations/find-users.js';
import { getRoleOptions } from '../operations/get-role-options.js';
import { getUser, getUserInput } from '../operations/get-user.js';
import { presentUser, userSchema } from '../presenters/admin.js';

const option = z.object({ value: z.string(), label: z.string() });

export async function userRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['utilisateurs'];

  app.get(
    '/users',
    {
      schema: {
        operationId: 'listUsers',
        tags,
        summary: 'Personnes ayant un rôle dans la collectivité active, avec ces rôles seulement (paginé)',
        querystring: findUsersInput,
        response: { 200: z.object({ items: z.array(userSchema), total: z.number() }), ...errorResponses },
      },
    },
    async (request) => {
      const ctx = ctxOf(fastify, request);
      const { items, total } = await findUsers(ctx, request.query);
      return { items: items.map((u) => presentUser(u, ctx.actor!)), total };
    },
  );

  app.get(
    '/users/export',
    {
      schema: {
        operationId: 'exportUsers',
        tags,
        summary: 'Export CSV (UTF-8 avec BOM, « ; ») ou XLSX des personnes et de leurs rôles',
        querystring: usersExportInput.extend({ format: exportFormat.default('csv') }),
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(fastify, request);
      const { format, ...filters } = request.query;
      return sendExport(reply, format, await exportUsers(ctx, filters), ctx.now());
    },
  );

  app.get(
    '/users/options',
    {
      schema: {
        operationId: 'getRoleOptions',
        tags,
        summary: 'Choix d’un formulaire de rôle : rôles, fonctions en établissement, organisations (collectivité et partenaires)',
        response: {
          200: z.object({
            roles: z.array(option),
            staffFunctions: z.array(option),
            organizations: z.array(z.object({ id: z.string(), code: z.string(), name: z.string(), kind: z.string() })),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => getRoleOptions(ctxOf(fastify, request)),
  );

  app.get(
    '/users/:id',
    {
      schema: {
        operationId: 'getUser',
        tags,
        summary: 'Une personne et ses rôles dans la collectivité active',
        params: getUserInput,
        response: { 200: userSchema, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = ctxOf(fastify, request);
      return presentUser(await getUser(ctx, request.params), ctx.actor!);
    },
  );

  app.post(
    '/users',
    {
      schema: {
        operationId: 'addUser',
        tags,
        summary: 'Crée un compte avec son premier rôle, ou ajoute ce rôle au compte existant de cette adresse e-mail',
        body: addUserInput,
        response: { 201: z.object({ user: userSchema, created: z.boolean() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(fastify, request);
      const { created, ...user } = await addUser(ctx, request.body);
      return reply.status(201).send({ user: presentUser(user, ctx.actor!), created });
    },
  );
}
