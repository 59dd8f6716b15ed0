import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from './authz.js';
import type { Clock, Ctx } from './context.js';
import type { Caches } from './cache.js';
import type { Database } from './db.js';
import type { ModuleSettings } from './module.js';

/** The platform's settings, and each module's (ModuleSettings, added by the modules). */
export interface AppConfig extends Partial<ModuleSettings> {
  secureCookies: boolean;
  publicUrl: string;
  maxUploadBytes: number;
  /** Per-route file limits, checked while the file streams (uploads.ts); absent: maxUploadBytes, 10 MB for ticket attachments. */
  uploadLimits?: { establishmentImport?: number; assetImport?: number };
  /** Addresses of the reverse proxies whose X-Forwarded-For is believed (none by default). */
  trustProxy: string | boolean;
  oidc?: { issuer: string; clientId: string; clientSecret: string; label: string };
  demoPassword?: string;
  /** Background jobs on pg-boss (platform/jobs.ts); off unless asked (tests). */
  jobs?: boolean;
}

export interface RouteInfo {
  method: string;
  url: string;
  operationId: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    database: Database;
    clock: Clock;
    config: AppConfig;
    cache: Caches;
    routeCatalog: RouteInfo[];
  }
  interface FastifyRequest {
    actor: Actor | null;
    sessionToken: string | null;
  }
}

export type App = FastifyInstance;

export function ctxOf(app: FastifyInstance, request: FastifyRequest): Ctx {
  return { db: app.database.db, database: app.database, actor: request.actor, now: app.clock, log: request.log, requestId: String(request.id), cache: app.cache };
}

/** A context for the system's own work in this app (jobs, listeners): the app's database, clock, log and caches. */
export function appSystemCtx(app: FastifyInstance): Ctx {
  return { db: app.database.db, database: app.database, actor: null, now: app.clock, log: app.log, requestId: 'system', cache: app.cache };
}

export const sessionCookie = 'coh_session';
export const tenantCookie = 'coh_tenant';
export const tenantHeader = 'x-coherence-tenant';

/** The error body, for response schemas. */
export const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    requestId: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});

export const errorResponses = {
  400: errorSchema,
  401: errorSchema,
  403: errorSchema,
  404: errorSchema,
  409: errorSchema,
} as const;

export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(25),
});

export function setNoStore(reply: FastifyReply) {
  reply.header('cache-control', 'no-store');
}
