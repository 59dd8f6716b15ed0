import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from './authz.js';
import type { Clock, Ctx } from './context.js';
import type { Database } from './db.js';
import type { AgentIntakeSettings } from '../../modules/parc/jobs/agent-intake.js';

export interface AppConfig {
  secureCookies: boolean;
  publicUrl: string;
  maxUploadBytes: number;
  /** Per-route file limits, checked while the file streams (uploads.ts); absent: maxUploadBytes, 10 MB for ticket attachments. */
  uploadLimits?: { establishmentImport?: number; assetImport?: number };
  /** Addresses of the reverse proxies whose X-Forwarded-For is believed (none by default). */
  trustProxy: string | boolean;
  oidc?: { issuer: string; clientId: string; clientSecret: string; label: string };
  demoPassword?: string;
  /** Service desk mail: inbound SMTP listener, outgoing SMTP server (src/modules/guichet/jobs/background.ts). */
  mail?: { inboundPort?: number; inboundHost?: string; maxMessageBytes?: number; smtpUrl?: string; from?: string };
  /** Background jobs (service-level watcher, mail sender with pg-boss); off unless asked (tests). */
  jobs?: boolean;
  /** Agent endpoints: in-flight ingestions before the inbox, unassigned queue caps (src/modules/parc/jobs/agent-intake.ts). */
  inventory?: Partial<AgentIntakeSettings>;
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
    routeCatalog: RouteInfo[];
  }
  interface FastifyRequest {
    actor: Actor | null;
    sessionToken: string | null;
  }
}

export type App = FastifyInstance;

export function ctxOf(app: FastifyInstance, request: FastifyRequest): Ctx {
  return { db: app.database.db, actor: request.actor, now: app.clock, log: request.log, requestId: String(request.id) };
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
