import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../server/platform/errors.js';
import { ctxOf, errorResponses, sessionCookie, tenantCookie } from '../../../server/platform/http.js';
import { changePassword, changePasswordInput } from '../operations/change-password.js';
import { loginInput, loginWithPassword } from '../operations/login-with-password.js';
import { logout, logoutEverywhere } from '../operations/logout.js';
import { actorFor, identityFromSession } from '../operations/resolve-actor.js';
import { meSchema, presentMe } from '../presenters/me.js';
import { sessionCookieOptions } from './cookies.js';

const unauthenticated = () => new AppError('UNAUTHENTICATED', 'Vous devez être connecté.');

export async function authRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['auth'];
  const cookieOptions = sessionCookieOptions(fastify.config);

  app.post(
    '/auth/login',
    {
      schema: {
        operationId: 'login',
        tags,
        summary: 'Connexion par e-mail et mot de passe (pose le cookie de session)',
        security: [],
        body: loginInput,
        response: { 200: meSchema(), ...errorResponses, 429: errorResponses[401] },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(fastify, request);
      const { sessionToken, expiresAt } = await loginWithPassword(ctx, request.body, { address: request.ip });
      reply.setCookie(sessionCookie, sessionToken, { ...cookieOptions, expires: expiresAt });
      const identity = (await identityFromSession(ctx, sessionToken))!;
      return presentMe(identity, await actorFor(fastify.database.db, identity, undefined));
    },
  );

  app.get(
    '/auth/providers',
    {
      schema: {
        operationId: 'getAuthProviders',
        tags,
        summary: 'Modes de connexion proposés : mot de passe, et fournisseur OpenID Connect s’il est configuré',
        security: [],
        response: { 200: z.object({ password: z.boolean(), oidc: z.object({ label: z.string(), loginUrl: z.string() }).nullable() }) },
      },
    },
    async () => {
      const oidc = fastify.config.oidc;
      return { password: true, oidc: oidc ? { label: oidc.label, loginUrl: '/api/auth/oidc/login' } : null };
    },
  );

  app.post(
    '/auth/logout',
    // anyone may end the session they hold, or none (idempotent): no 401
    { schema: { operationId: 'logout', tags, summary: 'Déconnexion (la session est close sur le serveur)', security: [], response: { 204: z.null() } } },
    async (request, reply) => {
      if (request.sessionToken) await logout(ctxOf(fastify, request), { sessionToken: request.sessionToken });
      reply.clearCookie(sessionCookie, cookieOptions);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/logout-everywhere',
    {
      schema: {
        operationId: 'logoutEverywhere',
        tags,
        summary: 'Ferme toutes les sessions de la personne connectée, sur tous ses appareils',
        response: { 200: z.object({ ended: z.number() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(fastify, request);
      const identity = request.sessionToken ? await identityFromSession(ctx, request.sessionToken) : null;
      if (!identity) throw unauthenticated();
      const result = await logoutEverywhere(ctx, { userId: identity.user.id });
      reply.clearCookie(sessionCookie, cookieOptions);
      return result;
    },
  );

  app.post(
    '/auth/password',
    {
      schema: {
        operationId: 'changePassword',
        tags,
        summary: 'Change son propre mot de passe (12 caractères au moins) ; ses autres sessions sont closes',
        body: changePasswordInput,
        response: { 200: z.object({ endedSessions: z.number() }), ...errorResponses, 429: errorResponses[401] },
      },
    },
    async (request) => {
      const ctx = ctxOf(fastify, request);
      const identity = request.sessionToken ? await identityFromSession(ctx, request.sessionToken) : null;
      if (!identity) throw unauthenticated();
      return changePassword(ctx, { userId: identity.user.id, sessionId: identity.sessionId, address: request.ip }, request.body);
    },
  );

  app.get(
    '/auth/me',
    {
      schema: {
        operationId: 'getMe',
        tags,
        summary: 'La personne connectée, ses collectivités, ses rôles et ce qu’elle peut faire',
        querystring: z.object({ tenant: z.string().max(100).optional() }),
        response: { 200: meSchema(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(fastify, request);
      const identity = request.sessionToken ? await identityFromSession(ctx, request.sessionToken) : null;
      if (!identity) throw unauthenticated();
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
