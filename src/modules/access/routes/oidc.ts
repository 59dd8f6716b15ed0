import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../server/platform/errors.js';
import { ctxOf, sessionCookie } from '../../../server/platform/http.js';
import { completeOidcLogin } from '../operations/complete-oidc-login.js';
import { startOidcLogin } from '../operations/start-oidc-login.js';
import { loginStateCookie, loginStateMinutes } from '../oidc/login-state.js';
import { callbackUrl } from '../oidc/oidc-client.js';
import { sessionCookieOptions } from './cookies.js';

const signInPage = (reason: string) => `/connexion?erreur=${encodeURIComponent(reason)}`;
const param = z.string().max(4096).optional();
/** What the provider sends back (RFC 6749 § 4.1.2, RFC 9207's iss); other parameters pass through. */
const callbackQuery = z.looseObject({ code: param, state: param, iss: param, error: param, error_description: param });
const redirect = z.null().describe('Redirection (302) vers le fournisseur, vers / ou vers /connexion?erreur=…');

/** OpenID Connect for agents (ProConnect or the authority's own provider): browser redirects, not JSON. */
export async function oidcRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['auth'];
  const stateCookie = { path: '/api/auth/oidc', httpOnly: true, sameSite: 'lax' as const, secure: fastify.config.secureCookies };

  app.get(
    '/auth/oidc/login',
    {
      schema: {
        operationId: 'startOidcLogin',
        tags,
        summary: 'Redirige vers le fournisseur d’identité (code d’autorisation, state, nonce, PKCE S256)',
        security: [],
        response: { 302: redirect },
      },
    },
    async (request, reply) => {
      const settings = fastify.config.oidc;
      if (!settings) return reply.redirect(signInPage('oidc-indisponible'));
      try {
        const { url, sealedState } = await startOidcLogin(ctxOf(fastify, request), settings, fastify.config.publicUrl);
        reply.setCookie(loginStateCookie, sealedState, { ...stateCookie, maxAge: loginStateMinutes * 60 });
        return reply.redirect(url);
      } catch (error) {
        request.log.error({ err: error }, 'OIDC provider unavailable');
        return reply.redirect(signInPage('oidc-indisponible'));
      }
    },
  );

  app.get(
    '/auth/oidc/callback',
    {
      schema: {
        operationId: 'completeOidcLogin',
        tags,
        summary: 'Retour du fournisseur d’identité : vérifie la réponse, ouvre la session et redirige vers l’accueil',
        security: [],
        querystring: callbackQuery,
        response: { 302: redirect },
      },
    },
    async (request, reply) => {
      const settings = fastify.config.oidc;
      if (!settings) return reply.redirect(signInPage('oidc-indisponible'));
      reply.clearCookie(loginStateCookie, stateCookie);
      const currentUrl = new URL(callbackUrl(fastify.config.publicUrl));
      currentUrl.search = new URL(request.url, 'http://callback').search;
      try {
        const ctx = ctxOf(fastify, request);
        const { sessionToken, expiresAt } = await completeOidcLogin(ctx, settings, { currentUrl, sealedState: request.cookies[loginStateCookie] });
        reply.setCookie(sessionCookie, sessionToken, { ...sessionCookieOptions(fastify.config), expires: expiresAt });
        return reply.redirect('/');
      } catch (error) {
        const reason = error instanceof AppError ? error.details?.reason : undefined;
        if (typeof reason === 'string') return reply.redirect(signInPage(reason));
        request.log.error({ err: error }, 'OIDC login failed');
        return reply.redirect(signInPage('oidc-echec'));
      }
    },
  );
}
