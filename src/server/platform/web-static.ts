import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** Vite names what it builds under assets/ by content hash: such a file never changes. */
const hashedAsset = /[\\/]assets[\\/][^\\/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+(\.(br|gz))?$/;

export const immutable = 'public, max-age=31536000, immutable';

/**
 * The built web app: the brotli or gzip file written at build time when the browser accepts it
 * (content negotiation by @fastify/static), hashed assets cached for good, index.html revalidated
 * at every visit so a new build is picked up at once. Files are looked up per request, so a
 * rebuilt bundle is served without a restart; other paths fall through to the not-found handler,
 * which answers the single-page app.
 */
export async function registerWeb(app: FastifyInstance, webRoot: string): Promise<void> {
  await app.register(fastifyStatic, {
    root: webRoot,
    index: false,
    preCompressed: true,
    cacheControl: false,
    setHeaders: (res, path) => {
      res.setHeader('cache-control', hashedAsset.test(path) ? immutable : 'no-cache');
    },
  });
  app.get('/', { schema: { hide: true } }, (_request, reply) => sendIndex(reply));
}

export function sendIndex(reply: FastifyReply) {
  return reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html');
}
