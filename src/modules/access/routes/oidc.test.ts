import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../../../server/app.js';
import { auditEvents } from '../../../server/platform/db-schema.js';
import { testApp } from '../../../test/app.js';
import { users } from '../db/schema.js';
import { startTestProvider, type TestPerson } from '../oidc/test-provider.js';

/**
 * A real OpenID provider (oidc-provider, with its development login form) on 127.0.0.1 and a
 * random port; the browser is played by fetch with manual redirects and a small cookie jar.
 */
const t = await testApp();
const clientSecret = 'secret-du-client-de-test-assez-long';
const people: Record<string, TestPerson> = {
  'agent-technicien': { email: t.ids.users.technician.email, email_verified: true, name: 'Agent Technicien' },
  'agent-inconnu': { email: 'inconnu@essai.coherence.fr', email_verified: true, name: 'Agent Inconnu' },
  'agent-non-verifie': { email: t.ids.users.steering.email, email_verified: false, name: 'Adresse non vérifiée' },
};
let provider: Awaited<ReturnType<typeof startTestProvider>>;
let issuer: string;
let app: FastifyInstance;

beforeAll(async () => {
  provider = await startTestProvider({ people, clientSecret, redirectUri: 'http://localhost:3000/api/auth/oidc/callback' });
  issuer = provider.issuer;
  app = await buildApp({
    database: t.database,
    serveWeb: false,
    config: { oidc: { issuer, clientId: provider.clientId, clientSecret, label: 'ProConnect (essai)' } },
  });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await provider?.close();
  await t.close();
});

function cookieOf(response: { cookies: { name: string; value: string }[] }, name: string) {
  return response.cookies.find((c) => c.name === name)?.value;
}

/** Starts a login at Cohérence and signs in at the provider as `account`; returns the callback URL reached. */
async function signIn(account: string, options: { abort?: boolean } = {}) {
  const start = await app.inject({ method: 'GET', url: '/api/auth/oidc/login' });
  expect(start.statusCode).toBe(302);
  const authorizationUrl = new URL(start.headers.location as string);
  const stateCookie = cookieOf(start, 'coh_oidc')!;
  const jar = new Map<string, string>();
  const browse = async (url: string, init: RequestInit = {}) => {
    const response = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as object), cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return response;
  };
  let response = await browse(authorizationUrl.href);
  const interaction = new URL(response.headers.get('location')!, issuer).href;
  if (options.abort) {
    response = await browse(`${interaction}/abort`);
  } else {
    response = await browse(interaction, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ prompt: 'login', login: account, password: 'peu-importe' }).toString(),
    });
  }
  // follow the provider's redirects until it sends the browser back to Cohérence
  for (let hops = 0; hops < 5; hops++) {
    const location = new URL(response.headers.get('location')!, issuer);
    if (location.pathname === '/api/auth/oidc/callback') return { authorizationUrl, stateCookie, callback: location };
    response = await browse(location.href);
  }
  throw new Error('the provider never redirected back');
}

const callback = (url: URL, stateCookie?: string) =>
  app.inject({ method: 'GET', url: `${url.pathname}${url.search}`, cookies: stateCookie ? { coh_oidc: stateCookie } : {} });

describe('OpenID Connect login', () => {
  test('the providers route announces it with its label', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/auth/providers' });
    expect(response.json()).toEqual({ password: true, oidc: { label: 'ProConnect (essai)', loginUrl: '/api/auth/oidc/login' } });
  });

  test('uses the authorization code flow with state, nonce and PKCE S256, state kept in a Lax httpOnly cookie', async () => {
    const start = await app.inject({ method: 'GET', url: '/api/auth/oidc/login' });
    const url = new URL(start.headers.location as string);
    expect(url.origin).toBe(issuer);
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('state')).toBeTruthy();
    expect(url.searchParams.get('nonce')).toBeTruthy();
    expect(url.searchParams.get('redirect_uri')).toBe('http://localhost:3000/api/auth/oidc/callback');
    const cookie = start.cookies.find((c) => c.name === 'coh_oidc')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/api/auth/oidc', maxAge: 600 });
    expect(cookie.value).not.toContain(url.searchParams.get('code_challenge')!);
  });

  test('a known agent gets a session that /api/auth/me accepts, and their identity is linked', async () => {
    const { callback: url, stateCookie } = await signIn('agent-technicien');
    const response = await callback(url, stateCookie);
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/');
    const session = response.cookies.find((c) => c.name === 'coh_session')!;
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', cookies: { coh_session: session.value } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.email).toBe(t.ids.users.technician.email);
    const [user] = await t.database.db.select().from(users).where(eq(users.id, t.ids.users.technician.id));
    expect(user).toMatchObject({ oidcIssuer: `${issuer}`, oidcSubject: 'agent-technicien' });
    const trail = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, user.id), eq(auditEvents.action, 'link-identity')));
    expect(trail).toHaveLength(1);
    // the code cannot be used twice
    const replay = await callback(url, stateCookie);
    expect(replay.headers.location).toBe('/connexion?erreur=oidc-refus');
    expect(cookieOf(replay, 'coh_session')).toBeUndefined();
  });

  test('a second login finds the agent by issuer and subject', async () => {
    const { callback: url, stateCookie } = await signIn('agent-technicien');
    const response = await callback(url, stateCookie);
    expect(response.headers.location).toBe('/');
    expect(cookieOf(response, 'coh_session')).toBeTruthy();
  });

  test('a tampered state is refused', async () => {
    const { callback: url, stateCookie } = await signIn('agent-technicien');
    const forged = new URL(url);
    forged.searchParams.set('state', 'etat-forge');
    const response = await callback(forged, stateCookie);
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/connexion?erreur=oidc-refus');
    expect(cookieOf(response, 'coh_session')).toBeUndefined();
    // refused on the state itself, before the code was spent: the genuine answer still works
    expect((await callback(url, stateCookie)).headers.location).toBe('/');
  });

  test('a missing or forged state cookie is refused', async () => {
    const { callback: url, stateCookie } = await signIn('agent-technicien');
    expect((await callback(url)).headers.location).toBe('/connexion?erreur=session-expiree');
    const [payload, signature] = stateCookie.split('.');
    const altered = `${payload.slice(0, -2)}${payload.endsWith('A') ? 'B' : 'A'}${payload.slice(-1)}.${signature}`;
    const response = await callback(url, altered);
    expect(response.headers.location).toBe('/connexion?erreur=session-expiree');
    expect(cookieOf(response, 'coh_session')).toBeUndefined();
  });

  test('an unknown person is refused: no self-registration', async () => {
    const { callback: url, stateCookie } = await signIn('agent-inconnu');
    const response = await callback(url, stateCookie);
    expect(response.headers.location).toBe('/connexion?erreur=compte-inconnu');
    expect(cookieOf(response, 'coh_session')).toBeUndefined();
    const [created] = await t.database.db.select().from(users).where(eq(users.email, 'inconnu@essai.coherence.fr'));
    expect(created).toBeUndefined();
  });

  test('an e-mail the provider has not verified does not open an existing account', async () => {
    const { callback: url, stateCookie } = await signIn('agent-non-verifie');
    expect((await callback(url, stateCookie)).headers.location).toBe('/connexion?erreur=compte-inconnu');
  });

  test('a login cancelled at the provider comes back as a refusal', async () => {
    const { callback: url, stateCookie } = await signIn('agent-technicien', { abort: true });
    expect(url.searchParams.get('error')).toBe('access_denied');
    expect((await callback(url, stateCookie)).headers.location).toBe('/connexion?erreur=oidc-refus');
  });

  test('without configuration, the routes send the browser back to the sign-in page', async () => {
    const plain = await buildApp({ database: t.database, serveWeb: false });
    const response = await plain.inject({ method: 'GET', url: '/api/auth/oidc/login' });
    expect(response.headers.location).toBe('/connexion?erreur=oidc-indisponible');
    await plain.close();
  });
});
