import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../../server/platform/errors.js';
import { ctxOf, errorResponses, sessionCookie, tenantCookie } from '../../../../server/platform/http.js';
import { loginStateMinutes, sessionCookieOptions } from '../../../access/index.js';
import { familyOidcOf } from '../family-oidc-settings.js';
import { completeFamilyOidc, familyCallbackUrl, startFamilyOidc } from '../operations/family-oidc.js';
import { authorityParams } from '../operations/sign-in-link.js';

export const familyOidcCookie = 'coh_family_oidc';
const param = z.string().max(4096).optional();
const callbackQuery = z.looseObject({ code: param, state: param, iss: param, error: param, error_description: param });
const redirect = z.null().describe('Redirection (302) vers le fournisseur, vers la page de la famille ou vers sa page de connexion avec l’erreur');

/** A family signs in by its authority's identity provider (FranceConnect), beside the e-mail link. */
export async function familyOidcRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['campagnes'];
  const stateCookie = { path: '/api/authorities', httpOnly: true, sameSite: 'lax' as const, secure: fastify.config.secureCookies };
  const settingsOf = (authority: string) => familyOidcOf(fastify.config.campagnes?.familyOidc, authority);
  const familyPage = (authority: string) => `/famille/${encodeURIComponent(authority)}`;
  const signInPage = (authority: string, reason: string) => `${familyPage(authority)}/connexion?erreur=${encodeURIComponent(reason)}`;

  app.get(
    '/authorities/:authority/family-sign-in-methods',
    {
      schema: {
        operationId: 'familySignInMethods',
        tags,
        summary: 'Comment une famille se connecte chez cette collectivité : lien par courriel, fournisseur d’identité',
        security: [],
        params: authorityParams,
        response: { 200: z.object({ link: z.literal(true), oidc: z.object({ label: z.string(), loginUrl: z.string() }).nullable() }), ...errorResponses },
      },
    },
    async (request) => {
      const settings = settingsOf(request.params.authority);
      return { link: true as const, oidc: settings ? { label: settings.label, loginUrl: `/api/authorities/${encodeURIComponent(request.params.authority)}/family-oidc/login` } : null };
    },
  );

  app.get(
    '/authorities/:authority/family-oidc/login',
    {
      schema: {
        operationId: 'startFamilyOidcLogin',
        tags,
        summary: 'Redirige la famille vers le fournisseur d’identité de la collectivité (code d’autorisation, state, nonce, PKCE S256)',
        security: [],
        params: authorityParams,
        response: { 302: redirect },
      },
    },
    async (request, reply) => {
      const { authority } = request.params;
      const settings = settingsOf(authority);
      if (!settings) return reply.redirect(signInPage(authority, 'oidc-indisponible'));
      try {
        const { url, sealedState } = await startFamilyOidc(ctxOf(fastify, request), settings, fastify.config.publicUrl, authority);
        reply.setCookie(familyOidcCookie, sealedState, { ...stateCookie, maxAge: loginStateMinutes * 60 });
        return reply.redirect(url);
      } catch (error) {
        request.log.error({ err: error }, 'family OIDC provider unavailable');
        return reply.redirect(signInPage(authority, error instanceof AppError ? 'collectivite-inconnue' : 'oidc-indisponible'));
      }
    },
  );

  app.get(
    '/authorities/:authority/family-oidc/callback',
    {
      schema: {
        operationId: 'completeFamilyOidcLogin',
        tags,
        summary: 'Retour du fournisseur d’identité : vérifie la réponse, crée ou retrouve le compte de la famille, ouvre sa session',
        security: [],
        params: authorityParams,
        querystring: callbackQuery,
        response: { 302: redirect },
      },
    },
    async (request, reply) => {
      const { authority } = request.params;
      const settings = settingsOf(authority);
      if (!settings) return reply.redirect(signInPage(authority, 'oidc-indisponible'));
      reply.clearCookie(familyOidcCookie, stateCookie);
      const currentUrl = new URL(familyCallbackUrl(fastify.config.publicUrl, authority));
      currentUrl.search = new URL(request.url, 'http://callback').search;
      try {
        const { sessionToken, expiresAt, tenantCode } = await completeFamilyOidc(ctxOf(fastify, request), settings, authority, { currentUrl, sealedState: request.cookies[familyOidcCookie] });
        const options = sessionCookieOptions(fastify.config);
        reply.setCookie(sessionCookie, sessionToken, { ...options, expires: expiresAt });
        reply.setCookie(tenantCookie, tenantCode, { ...options, httpOnly: false });
        return reply.redirect(familyPage(tenantCode));
      } catch (error) {
        const reason = error instanceof AppError ? (error.details?.reason ?? (error.code === 'FORBIDDEN' ? 'compte-professionnel' : undefined)) : undefined;
        if (typeof reason === 'string') return reply.redirect(signInPage(authority, reason));
        request.log.error({ err: error }, 'family OIDC login failed');
        return reply.redirect(signInPage(authority, 'oidc-echec'));
      }
    },
  );
}
