import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { immutable, registerWeb } from './web-static.js';

const root = mkdtempSync(join(tmpdir(), 'coherence-web-'));
const script = 'console.log("bonjour");'.repeat(100);
mkdirSync(join(root, 'assets'));
writeFileSync(join(root, 'index.html'), '<!doctype html><title>Cohérence</title>');
writeFileSync(join(root, 'assets/index-Bx7kQ2aZ.js'), script);
writeFileSync(join(root, 'assets/index-Bx7kQ2aZ.js.br'), brotliCompressSync(script));
writeFileSync(join(root, 'assets/index-Bx7kQ2aZ.js.gz'), gzipSync(script));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function app() {
  const server = Fastify();
  await registerWeb(server, root);
  return server;
}

describe('the built web app', () => {
  it('sends the brotli file to a browser that accepts it, gzip to one that only takes gzip, and caches hashed assets for good', async () => {
    const server = await app();
    const br = await server.inject({ url: '/assets/index-Bx7kQ2aZ.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe(immutable);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(script);
    const gz = await server.inject({ url: '/assets/index-Bx7kQ2aZ.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    const plain = await server.inject({ url: '/assets/index-Bx7kQ2aZ.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
    await server.close();
  });

  it('has index.html revalidated at every visit', async () => {
    const server = await app();
    for (const url of ['/', '/index.html']) {
      const response = await server.inject({ url });
      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe('no-cache');
    }
    await server.close();
  });
});
