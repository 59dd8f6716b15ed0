import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../test/database.js';
import { buildApp } from './app.js';
import type { Database } from './platform/db.js';

let database: Database;
let app: Awaited<ReturnType<typeof buildApp>>;
beforeAll(async () => {
  database = await testDatabase();
  app = await buildApp({ database, serveWeb: false });
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('platform routes', () => {
  it('reports health with the kind and version of the database', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.status).toBe('ok');
    expect(body.database.kind).toBe(process.env.TEST_DATABASE_URL ? 'postgresql' : 'pglite');
    expect(body.database.version).toMatch(/^\d+/);
  });

  it('describes every route in OpenAPI 3.1 with an operationId', async () => {
    const spec = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(spec.openapi).toBe('3.1.0');
    const operations = Object.values(spec.paths as Record<string, Record<string, { operationId?: string }>>).flatMap((p) => Object.values(p));
    expect(operations.length).toBe(app.routeCatalog.length);
    expect(operations.every((o) => typeof o.operationId === 'string')).toBe(true);
    expect(spec.paths['/api/establishments'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['search', 'page', 'pageSize']),
    );
  });

  it('serves a documentation page', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('swagger');
  });

  it('answers unknown API paths and malformed JSON with structured French errors', async () => {
    const unknown = await app.inject({ method: 'GET', url: '/api/nope' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toMatchObject({ code: 'NOT_FOUND', message: 'Adresse inconnue.' });
    const malformed = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"email":' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.message).toContain("n'est pas du JSON valide");
    expect(malformed.json().error.requestId).toBeTruthy();
  });

  it('refuses a JSON body over the limit with a 413', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'a@b.fr', password: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('web pages', () => {
  it('serves the single-page app for page paths, its files, and a 404 for missing files and API paths', async () => {
    const { mkdtempSync, mkdirSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const webRoot = mkdtempSync(join(tmpdir(), 'coherence-web-'));
    mkdirSync(join(webRoot, 'assets'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><div id="root"></div>');
    const web = await buildApp({ database, webRoot });
    try {
      expect((await web.inject({ method: 'GET', url: '/' })).body).toContain('<div id="root">');
      const page = await web.inject({ method: 'GET', url: '/etablissements/0590001F?x=1' });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.body).toContain('<div id="root">');
      // a bundle written after the server started is served at once
      writeFileSync(join(webRoot, 'assets', 'app-1234.js'), 'console.log(1)');
      const bundle = await web.inject({ method: 'GET', url: '/assets/app-1234.js' });
      expect(bundle.statusCode).toBe(200);
      expect(bundle.headers['content-type']).toContain('javascript');
      expect((await web.inject({ method: 'GET', url: '/assets/missing-1234.js' })).statusCode).toBe(404);
      expect((await web.inject({ method: 'GET', url: '/api/missing' })).json().error.code).toBe('NOT_FOUND');
    } finally {
      await web.close();
      rmSync(webRoot, { recursive: true, force: true });
    }
  });
});
