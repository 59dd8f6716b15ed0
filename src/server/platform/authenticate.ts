import type { FastifyInstance, FastifyRequest } from 'fastify';
import { actorFor, actorFromApiToken, identityFromSession } from '../../modules/access/index.js';
import type { Actor } from './authz.js';
import { AppError } from './errors.js';
import { ctxOf, sessionCookie, tenantCookie, tenantHeader } from './http.js';
import { TtlCache } from './ttl-cache.js';

/**
 * Who is calling, resolved before any route runs: a session cookie, or a bearer API token. The
 * tenant comes from the X-Coherence-Tenant header, else the cookie the UI sets, else the first.
 *
 * Resolving costs 3 to 4 queries, so the result is kept 10 seconds. Any successful change to
 * sessions, people, roles, tokens or units empties the cache at once in this process; another
 * server process sees such a change within those 10 seconds.
 */
const actorLifetimeMs = 10_000;
const cache = new TtlCache<{ actor: Actor | null; sessionToken: string | null }>(10_000);
const accessChangingPaths = /^\/api\/(auth|users|tokens|units)(\/|\?|$)/;

export function clearActorCache() {
  cache.clear();
}

export function installAuthentication(app: FastifyInstance) {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionToken', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const token = bearer ?? request.cookies[sessionCookie];
    if (!token) return;
    const header = request.headers[tenantHeader];
    const explicitTenant = typeof header === 'string' && header !== '' ? header : undefined;
    const key = `${bearer ? 'token' : 'session'}\u0000${token}\u0000${explicitTenant ?? ''}\u0000${request.cookies[tenantCookie] ?? ''}`;
    const now = app.clock().getTime();
    let resolved = cache.get(key, now);
    if (!resolved) {
      try {
        resolved = bearer ? await fromToken(app, request, bearer, explicitTenant) : await fromSession(app, request, token, explicitTenant);
      } catch (error) {
        // public routes (health, login, OpenAPI) answer whatever tenant the caller names
        if ((request.routeOptions.schema as { security?: unknown[] } | undefined)?.security?.length === 0) return;
        throw error;
      }
      cache.set(key, resolved, now + actorLifetimeMs);
    }
    request.actor = resolved.actor;
    request.sessionToken = resolved.sessionToken;
  });
  app.addHook('onResponse', async (request, reply) => {
    if (request.method !== 'GET' && reply.statusCode < 400 && accessChangingPaths.test(request.url)) cache.clear();
  });
}

/** A token belongs to one tenant: naming another one is refused, never silently ignored. */
async function fromToken(app: FastifyInstance, request: FastifyRequest, bearer: string, explicitTenant: string | undefined) {
  const actor = await actorFromApiToken(ctxOf(app, request), bearer);
  if (actor && explicitTenant && explicitTenant !== actor.tenantCode) {
    throw new AppError(
      'FORBIDDEN',
      `Ce jeton d'API appartient à l'organisation « ${actor.tenantCode} » : l'en-tête X-Coherence-Tenant ne peut pas en nommer une autre (« ${explicitTenant.slice(0, 64)} »).`,
    );
  }
  return { actor, sessionToken: null };
}

async function fromSession(app: FastifyInstance, request: FastifyRequest, token: string, explicitTenant: string | undefined) {
  const identity = await identityFromSession(ctxOf(app, request), token);
  if (!identity) return { actor: null, sessionToken: null };
  if (explicitTenant) {
    // an explicit choice is honoured or refused, never silently replaced by another tenant
    const actor = await actorFor(app.database.db, identity, explicitTenant);
    if (!actor) throw new AppError('FORBIDDEN', `Vous n'avez aucun rôle dans l'organisation « ${explicitTenant.slice(0, 64)} ».`);
    return { actor, sessionToken: token };
  }
  // the UI's remembered choice may be stale (a role removed since): fall back to the first tenant
  const remembered = request.cookies[tenantCookie];
  const actor = (await actorFor(app.database.db, identity, remembered)) ?? (await actorFor(app.database.db, identity, undefined));
  return { actor, sessionToken: token };
}
