import type { FastifyInstance } from 'fastify';
import { actorFor, actorFromApiToken, identityFromSession } from '../../modules/access/index.js';
import { ctxOf, sessionCookie, tenantCookie, tenantHeader } from './http.js';

/**
 * Resolves who is calling before any route runs: a session cookie, or a bearer API token.
 * The tenant comes from the X-Coherence-Tenant header, else the cookie the UI sets, else the first.
 */
export function installAuthentication(app: FastifyInstance) {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionToken', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const ctx = ctxOf(app, request);
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (bearer) {
      request.actor = await actorFromApiToken(ctx, bearer);
      return;
    }
    const token = request.cookies[sessionCookie];
    if (!token) return;
    const identity = await identityFromSession(ctx, token);
    if (!identity) return;
    request.sessionToken = token;
    const header = request.headers[tenantHeader];
    const tenantCode = (typeof header === 'string' ? header : undefined) ?? request.cookies[tenantCookie];
    request.actor =
      (await actorFor(app.database.db, identity, tenantCode)) ?? (await actorFor(app.database.db, identity, undefined));
  });
}
