import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/app.js';
import { multipartBody } from '../../test/multipart.js';
import { buildApp } from '../app.js';
import { tenantHeader } from './http.js';
import { contentSecurityPolicy } from './security.js';

/** Issue 11, findings 5 and 6, each as the request that showed it. */
let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const ticket = (overrides: Record<string, unknown> = {}) => ({
  uai: t.ids.staffSchool.uai,
  title: 'Imprimante en panne',
  description: 'Bourrage papier.',
  type: 'incident',
  urgency: 3,
  impact: 3,
  ...overrides,
});

function expectRefusedText(response: { statusCode: number; json(): unknown }) {
  expect(response.statusCode).toBe(400);
  const body = response.json() as { error: { code: string; message: string } };
  expect(body.error.message).toMatch(/caractère nul|UTF-8/);
}

describe('text PostgreSQL cannot store (finding 5)', () => {
  it('refuses a NUL in a query, a path parameter, a body field and a login with a French 400, never a 500', async () => {
    const staff = await t.headers('establishment-staff');
    expectRefusedText(await t.app.inject({ url: '/api/tickets?search=a%00b', headers: staff }));
    expectRefusedText(await t.app.inject({ url: '/api/establishments/0590072H%00', headers: staff }));
    expectRefusedText(await t.app.inject({ method: 'POST', url: '/api/tickets', headers: staff, payload: ticket({ description: 'avant\u0000après' }) }));
    expectRefusedText(await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'a\u0000@essai.fr', password: 'x' } }));
  });

  it('refuses invalid UTF-8 and lone surrogates in the URL and in a JSON body', async () => {
    const staff = await t.headers('establishment-staff');
    expectRefusedText(await t.app.inject({ url: '/api/tickets?search=%C3%28', headers: staff }));
    expectRefusedText(await t.app.inject({ url: '/api/tickets?search=%ED%A0%80', headers: staff }));
    const badBytes = Buffer.concat([Buffer.from('{"uai":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    expectRefusedText(await t.app.inject({ method: 'POST', url: '/api/tickets', headers: { ...staff, 'content-type': 'application/json' }, payload: badBytes }));
    const lone = `{"uai":"${t.ids.staffSchool.uai}","title":"Titre \\ud800 seul","description":"x","type":"incident","urgency":3,"impact":3}`;
    expectRefusedText(await t.app.inject({ method: 'POST', url: '/api/tickets', headers: { ...staff, 'content-type': 'application/json' }, payload: lone }));
    // a well-formed pair (an emoji) is fine
    const emoji = await t.app.inject({ method: 'POST', url: '/api/tickets', headers: staff, payload: ticket({ title: 'Écran cassé 🖥️' }) });
    expect(emoji.statusCode).toBe(201);
  });

  it('refuses a NUL in the tenant header', async () => {
    const staff = await t.headers('establishment-staff');
    expectRefusedText(await t.app.inject({ url: '/api/tickets', headers: { ...staff, [tenantHeader]: 'region-a\u0000' } }));
  });
});

describe('cross-origin writes, tokens, headers and cookies (finding 6)', () => {
  it('refuses a cookie-authenticated write from another origin whatever its content type, and takes it from its own', async () => {
    const staff = await t.headers('establishment-staff', { fresh: true });
    const evil = { origin: 'https://evil.example' };
    const json = await t.app.inject({ method: 'POST', url: '/api/tickets', headers: { ...staff, ...evil }, payload: ticket() });
    expect(json.statusCode).toBe(403);
    const plain = await t.app.inject({ method: 'POST', url: '/api/auth/logout-everywhere', headers: { ...staff, ...evil, 'content-type': 'text/plain' }, payload: 'x' });
    expect(plain.statusCode).toBe(403);
    const fetched = await t.app.inject({ method: 'POST', url: '/api/auth/logout-everywhere', headers: { ...staff, 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' }, payload: 'x' });
    expect(fetched.statusCode).toBe(403);
    const form = multipartBody({ name: 'note.txt', bytes: Buffer.from('bonjour'), type: 'text/plain' });
    const created = await t.app.inject({ method: 'POST', url: '/api/tickets', headers: staff, payload: ticket() });
    const upload = await t.app.inject({ method: 'POST', url: `/api/tickets/${created.json().id}/attachments`, headers: { ...staff, ...evil, 'content-type': form.contentType }, payload: form.payload });
    expect(upload.statusCode).toBe(403);
    // the session is still alive: nothing was done
    expect((await t.app.inject({ url: '/api/auth/me', headers: staff })).statusCode).toBe(200);
    const same = await t.app.inject({ method: 'POST', url: '/api/tickets', headers: { ...staff, origin: 'http://localhost:3000', 'sec-fetch-site': 'same-origin' }, payload: ticket() });
    expect(same.statusCode).toBe(201);
    const byHost = await t.app.inject({ method: 'POST', url: '/api/tickets', headers: { ...staff, origin: 'http://coherence.lycee.example:8080', host: 'coherence.lycee.example:8080' }, payload: ticket() });
    expect(byHost.statusCode).toBe(201);
  });

  it('binds an API token to its tenant: another X-Coherence-Tenant is a 403', async () => {
    const bearer = { authorization: `Bearer ${t.readToken}` };
    expect((await t.app.inject({ url: '/api/establishments', headers: bearer })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/establishments', headers: { ...bearer, [tenantHeader]: t.ids.a.code } })).statusCode).toBe(200);
    const other = await t.app.inject({ url: '/api/establishments', headers: { ...bearer, [tenantHeader]: t.ids.b.code } });
    expect(other.statusCode).toBe(403);
    expect(other.json().error.message).toContain(t.ids.a.code);
  });

  it('answers an anonymous write 401 before looking at its fields', async () => {
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/tickets', payload: { nothing: true } });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.body).not.toContain('issues');
    const patch = await t.app.inject({ method: 'PATCH', url: '/api/assets/not-a-uuid', payload: 'x', headers: { 'content-type': 'application/json' } });
    expect(patch.statusCode).toBe(401);
  });

  it('clears the session cookie with the attributes it was set with', async () => {
    const cookie = await t.login('auditor', { fresh: true });
    const logout = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(logout.statusCode).toBe(204);
    const cleared = [logout.headers['set-cookie']].flat().find((c) => c?.startsWith('coh_session='))!;
    expect(cleared).toMatch(/SameSite=Strict/);
    expect(cleared).toMatch(/HttpOnly/);
    expect(cleared).toMatch(/Path=\//);
  });

  it('sends a Content-Security-Policy without inline script, and HSTS only behind https', async () => {
    const response = await t.app.inject({ url: '/api/health' });
    expect(response.headers['content-security-policy']).toBe(contentSecurityPolicy);
    expect(contentSecurityPolicy).toMatch(/script-src 'self'(;|$)/);
    expect(response.headers['strict-transport-security']).toBeUndefined();
    const https = await buildApp({ database: t.database, serveWeb: false, config: { publicUrl: 'https://coherence.example', secureCookies: true } });
    try {
      const secured = await https.inject({ url: '/api/health' });
      expect(secured.headers['strict-transport-security']).toContain('max-age=');
    } finally {
      await https.close();
    }
  });

  it('has no inline script in the web app’s page (source, and the build when there is one)', () => {
    const pages = [fileURLToPath(new URL('../../../index.html', import.meta.url)), fileURLToPath(new URL('../../../dist/web/index.html', import.meta.url))];
    for (const page of pages.filter((p) => existsSync(p))) {
      const html = readFileSync(page, 'utf8');
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [, attributes, body] of scripts) {
        expect(attributes).toMatch(/\bsrc=/);
        expect(body.trim()).toBe('');
      }
      expect(html).not.toMatch(/\son[a-z]+=/i);
    }
  });
});
