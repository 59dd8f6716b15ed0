import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, validatorCompiler } from 'fastify-type-provider-zod';
import { resolveRequestActor, userEmails } from '../modules/access/index.js';
import { modules as allModules } from '../modules/modules.js';
import { installAuthentication } from './platform/authenticate.js';
import { registerActions } from './platform/authz.js';
import { openCaches, type Caches } from './platform/cache.js';
import { installSecurity } from './platform/security.js';
import type { Clock } from './platform/context.js';
import type { Database } from './platform/db.js';
import { registerWeb } from './platform/web-static.js';
import { installErrorHandler } from './platform/error-handler.js';
import type { AppConfig } from './platform/http.js';
import { installJobs } from './platform/jobs.js';
import { installOutgoingMail, mailJobs } from './platform/mail.js';
import { notificationRoutes } from './platform/notification-routes.js';
import type { ModuleDefinition } from './platform/module.js';
import { gatheredLogDestination, RequestLogController } from './platform/request-log.js';
import { responseSerializerCompiler, type ResponseSerialization } from './platform/response-serializer.js';
import { platformRoutes } from './platform/routes.js';

export interface BuildOptions {
  database: Database;
  clock?: Clock;
  config?: Partial<AppConfig>;
  logger?: boolean;
  /** 'checked' (default, tests): zod checks every response; 'compiled' in production (see response-serializer.ts). */
  responses?: ResponseSerialization;
  serveWeb?: boolean;
  /** The built web app (dist/web by default). */
  webRoot?: string;
  /** The modules to serve (src/modules/modules.ts by default). */
  modules?: readonly ModuleDefinition[];
  /** Caches shared with contexts made outside the app (test set-ups); by default the app opens its own and closes them. */
  cache?: Caches;
}

const defaultWebRoot = resolve(fileURLToPath(new URL('../../dist/web', import.meta.url)));

export async function buildApp(options: BuildOptions): Promise<FastifyInstance> {
  const config: AppConfig = {
    secureCookies: false,
    publicUrl: 'http://localhost:3000',
    maxUploadBytes: 64 * 1024 * 1024,
    trustProxy: false,
    ...options.config,
  };
  const logs = options.logger ? gatheredLogDestination((text) => void process.stdout.write(text)) : null;
  const app = Fastify({
    logger: logs ? { level: 'info', stream: logs } : false,
    // one line per request instead of Fastify's two
    logController: new RequestLogController(),
    bodyLimit: 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
    // X-Forwarded-For only from a proxy the operator declares: agents are attached by address
    trustProxy: config.trustProxy,
  });
  const modules = options.modules ?? allModules;
  registerActions(modules.map((m) => m.actions));
  const clock = options.clock ?? (() => new Date());
  const cache = options.cache ?? (await openCaches({ database: options.database, clock, log: app.log }));
  // first hook added, last run on close (Fastify runs onClose hooks in reverse): jobs may still invalidate
  if (!options.cache) app.addHook('onClose', () => cache.close());
  if (logs) {
    // the lines still gathered when the process ends, whatever ends it
    process.once('exit', logs.flush);
    // « Server listening at … » out before the banner main.ts prints next: people and scripts read them together
    app.addHook('onListen', async () => logs.flush());
    app.addHook('onClose', async () => {
      logs.flush();
      process.off('exit', logs.flush);
    });
  }
  app.decorate('database', options.database);
  app.decorate('clock', clock);
  app.decorate('config', config);
  app.decorate('cache', cache);
  app.decorate('routeCatalog', []);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializerCompiler(options.responses ?? 'checked'));
  app.addHook('onRoute', (route) => {
    const operationId = (route.schema as { operationId?: string } | undefined)?.operationId;
    if (operationId && route.url.startsWith('/api/') && !route.url.startsWith('/api/docs')) {
      for (const method of [route.method].flat()) {
        if (method !== 'HEAD') app.routeCatalog.push({ method, url: route.url, operationId });
      }
    }
  });
  const webRoot = options.webRoot ?? defaultWebRoot;
  const serveWeb = options.serveWeb !== false && existsSync(webRoot);
  installErrorHandler(app, { spaIndex: serveWeb ? 'index.html' : null });
  // set when the request arrives (they stay on the reply, errors included): an onSend hook sent every answer through Fastify's hook runner
  app.addHook('onRequest', (_request, reply, done) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
    done();
  });

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: config.maxUploadBytes, files: 1, fields: 10 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Cohérence API',
        version: '0.1.0',
        description:
          "API de Cohérence. Authentification par cookie de session (POST /api/auth/login) ou par jeton d'API (Authorization: Bearer coh_…). La collectivité active se choisit avec l'en-tête X-Coherence-Tenant (code de l'organisation).",
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'coh_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  installSecurity(app);
  installAuthentication(app, resolveRequestActor);
  installOutgoingMail(app, userEmails);
  // before the routes: they read what the modules decorate the app with (the agents' intake)
  for (const module of modules) module.install?.(app);
  // after the installs: its onClose (pg-boss stops) runs before theirs (Fastify runs them in reverse)
  installJobs(app, [...mailJobs(app), ...modules.flatMap((m) => m.jobs?.(app) ?? [])], { enabled: config.jobs ?? false });

  await app.register(platformRoutes, { prefix: '/api' });
  await app.register(notificationRoutes, { prefix: '/api' });
  for (const module of modules) {
    for (const routes of module.routes) await app.register(routes.plugin, routes.prefix ? { prefix: routes.prefix } : {});
  }

  if (serveWeb) await registerWeb(app, webRoot);
  return app;
}
