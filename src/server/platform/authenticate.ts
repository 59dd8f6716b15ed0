import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from './authz.js';
import { defineCache } from './cache.js';
import type { Ctx } from './context.js';
import { ctxOf, sessionCookie, tenantCookie, tenantHeader } from './http.js';

export interface ResolvedCaller {
  actor: Actor | null;
  sessionToken: string | null;
}

/** Who presents these credentials: given by the module that owns people (access), so the platform imports none. */
export type ActorResolver = (
  ctx: Ctx,
  credentials: { bearer?: string; sessionToken?: string; explicitTenant?: string; rememberedTenant?: string },
) => Promise<ResolvedCaller>;

/**
 * Who is calling, resolved before any route runs: a session cookie, or a bearer API token. The
 * tenant comes from the X-Coherence-Tenant header, else the cookie the UI sets, else the first.
 *
 * Resolving costs 3 to 4 queries, so the result is kept 10 seconds. The operations that change
 * sessions, people, roles, tokens or units invalidate this cache (`ctx.cache.invalidate(actorCache)`),
 * which empties it in every server process at once.
 */
export const actorCache = defineCache<Promise<ResolvedCaller>>('actors', { max: 10_000, ttlMs: 10_000 });

/**
 * The callers already resolved, by the promise their cache entry keeps: a request whose caller is
 * known goes on at once instead of waiting a turn of the event loop for a settled promise (every
 * request with credentials pays this hook).
 */
const settledCallers = new WeakMap<Promise<ResolvedCaller>, ResolvedCaller>();

export function installAuthentication(app: FastifyInstance, resolve: ActorResolver) {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionToken', null);
  app.addHook('onRequest', (request, _reply, done) => {
    if (!request.url.startsWith('/api/')) return done();
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const token = bearer ?? request.cookies[sessionCookie];
    if (!token) return done();
    const header = request.headers[tenantHeader];
    const explicitTenant = typeof header === 'string' && header !== '' ? header : undefined;
    const rememberedTenant = request.cookies[tenantCookie];
    const key = `${bearer ? 'token' : 'session'}\u0000${token}\u0000${explicitTenant ?? ''}\u0000${rememberedTenant ?? ''}`;
    // kept as a promise from the first miss: concurrent requests share it, and an invalidation meanwhile drops it
    const pending = app.cache.of(actorCache).remember(key, () => {
      const resolving = resolve(ctxOf(app, request), bearer ? { bearer, explicitTenant } : { sessionToken: token, explicitTenant, rememberedTenant });
      resolving.then(
        (caller) => settledCallers.set(resolving, caller),
        () => undefined,
      );
      return resolving;
    });
    const known = settledCallers.get(pending);
    if (known) {
      identify(request, known);
      return done();
    }
    pending.then(
      (caller) => {
        identify(request, caller);
        done();
      },
      (error: Error) => {
        // public routes (health, login, OpenAPI) answer whatever tenant the caller names
        if ((request.routeOptions.schema as { security?: unknown[] } | undefined)?.security?.length === 0) return done();
        done(error);
      },
    );
  });
}

function identify(request: FastifyRequest, caller: ResolvedCaller) {
  request.actor = caller.actor;
  request.sessionToken = caller.sessionToken;
}

/**
 * Awaits a write that changes who may do what (sessions, people, roles, tokens, units,
 * partnerships), then empties the resolved callers in every server process, so a role removed or
 * an account disabled is refused everywhere at once.
 */
export async function changingAccess<T>(ctx: Pick<Ctx, 'cache'>, write: Promise<T>): Promise<T> {
  try {
    return await write;
  } finally {
    ctx.cache.invalidate(actorCache);
  }
}
