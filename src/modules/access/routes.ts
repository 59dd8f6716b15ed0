import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actions, roles } from '../../server/platform/authz.js';
import { AppError } from '../../server/platform/errors.js';
import { ctxOf, errorResponses, sessionCookie, tenantCookie } from '../../server/platform/http.js';
import { loginInput, loginWithPassword } from './operations/login-with-password.js';
import { logout, logoutEverywhere } from './operations/logout.js';
import { actorFor, identityFromSession } from './operations/resolve-actor.js';
import { presentMe } from './presenters.js';

const meSchema = z.object({
  user: z.object({ id: z.string(), email: z.string(), displayName: z.string() }),
  tenants: z.array(
    z.object({ id: z.string(), code: z.string(), name: z.string(), kind: z.string(), roles: z.array(z.enum(roles)), roleLabels: z.array(z.string()) }),
  ),
  activeTenant: z.object({ id: z.string(), code: z.string() }).nullable(),
  assignments: z.array(
    z.object({ role: z.enum(roles), roleLabel: z.string(), organizationCode: z.string(), establishmentId: z.string().nullable(), level: z.number().nullable() }),
  ),
  permissions: z.record(z.enum(actions), z.boolean()),
});

export async function accessRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: fastify.config.secureCookies };

  app.post(
    '/auth/login',
    {
      schema: {
        operationId: 'login',
        tags: ['auth'],
        summary: 'Connexion par e-mail et mot de passe (pose le cookie de session)',
        security: [],
        body: loginInput,
        response: { 200: meSchema, ...errorResponses, 429: errorResponses[401] },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(fastify, request);
      const { sessionToken, expiresAt } = await loginWithPassword(ctx, request.body);
      reply.setCookie(sessionCookie, sessionToken, { ...cookieOptions, expires: expiresAt });
      const identity = (await identityFromSession(ctx, sessionToken))!;
      return presentMe(identity, await actorFor(fastify.database.db, identity, undefined));
    },
  );

  app.post(
    '/auth/logout',
    { schema: { operationId: 'logout', tags: ['auth'], summary: 'Déconnexion (la session est close sur le serveur)', response: { 204: z.null() } } },
    async (request, reply) => {
      if (request.sessionToken) await logout(ctxOf(fastify, request), { sessionToken: request.sessionToken });
      reply.clearCookie(sessionCookie, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/logout-everywhere',
    {
      schema: {
        operationId: 'logoutEverywhere',
        tags: ['auth'],
        summary: 'Ferme toutes les sessions de la personne connectée, sur tous ses appareils',
        response: { 200: z.object({ ended: z.number() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(fastify, request);
      if (!request.sessionToken || request.actor?.kind !== 'user') throw new AppError('UNAUTHENTICATED', 'Vous devez être connecté.');
      const result = await logoutEverywhere(ctx, { userId: request.actor.id });
      reply.clearCookie(sessionCookie, { path: '/' });
      return result;
    },
  );

  app.get(
    '/auth/me',
    {
      schema: {
        operationId: 'getMe',
        tags: ['auth'],
        summary: 'La personne connectée, ses collectivités, ses rôles et ce qu’elle peut faire',
        querystring: z.object({ tenant: z.string().max(100).optional() }),
        response: { 200: meSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(fastify, request);
      const identity = request.sessionToken ? await identityFromSession(ctx, request.sessionToken) : null;
      if (!identity) throw new AppError('UNAUTHENTICATED', 'Vous devez être connecté.');
      const wanted = request.query.tenant;
      let actor = request.actor;
      if (wanted) {
        actor = await actorFor(fastify.database.db, identity, wanted);
        if (!actor) throw new AppError('FORBIDDEN', "Vous n'avez aucun rôle dans cette organisation.");
        reply.setCookie(tenantCookie, wanted, { ...cookieOptions, httpOnly: false });
      }
      return presentMe(identity, actor);
    },
  );
}
