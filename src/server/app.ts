import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, validatorCompiler } from 'fastify-type-provider-zod';
import { accessRoutes } from '../modules/access/routes.js';
import { installGuichetBackground } from '../modules/guichet/jobs/background.js';
import { guichetRoutes } from '../modules/guichet/routes.js';
import { installParcBackground } from '../modules/parc/jobs/background.js';
import { parcAgentRoutes, parcRoutes } from '../modules/parc/routes.js';
import { referentielRoutes } from '../modules/referentiel/routes.js';
import { installAuthentication } from './platform/authenticate.js';
import { installSecurity } from './platform/security.js';
import type { Clock } from './platform/context.js';
import type { Database } from './platform/db.js';
import { installErrorHandler } from './platform/error-handler.js';
import type { AppConfig } from './platform/http.js';
import { RequestLogController } from './platform/request-log.js';
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
  const app = Fastify({
    logger: options.logger ? { level: 'info' } : false,
    // one line per request instead of Fastify's two
    logController: new RequestLogController(),
    bodyLimit: 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
    // X-Forwarded-For only from a proxy the operator declares: agents are attached by address
    trustProxy: config.trustProxy,
  });
  app.decorate('database', options.database);
  app.decorate('clock', options.clock ?? (() => new Date()));
  app.decorate('config', config);
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
  app.addHook('onSend', async (_request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
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
  installAuthentication(app);
  // before the routes: the agent endpoints read the intake it decorates the app with
  installParcBackground(app, { jobs: config.jobs ?? false, inventory: config.inventory });

  await app.register(platformRoutes, { prefix: '/api' });
  await app.register(accessRoutes, { prefix: '/api' });
  await app.register(referentielRoutes, { prefix: '/api' });
  await app.register(parcRoutes, { prefix: '/api' });
  await app.register(guichetRoutes, { prefix: '/api' });
  await app.register(parcAgentRoutes);
  installGuichetBackground(app, { jobs: config.jobs ?? false, mail: config.mail ?? {}, publicUrl: config.publicUrl });

  if (serveWeb) {
    // files are looked up per request, so a rebuilt bundle is served without a restart;
    // other paths fall through to the not-found handler, which answers the single-page app
    await app.register(fastifyStatic, { root: webRoot, index: false });
    app.get('/', { schema: { hide: true } }, (_request, reply) => reply.type('text/html').sendFile('index.html'));
  }
  return app;
}
