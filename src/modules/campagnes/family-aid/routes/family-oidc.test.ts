import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestProvider, type TestPerson } from '../../../access/oidc/test-provider.js';
import { usersView } from '../../../access/index.js';
import { buildApp } from '../../../../server/app.js';
import { testApp } from '../../../../test/app.js';
import { envKeyOf } from '../family-oidc-settings.js';
import { insertFamilyAidCampaign } from '../testing.js';

/** A family signs in by its authority's provider (as FranceConnect): the test provider plays it. */
const t = await testApp();
const clientSecret = 'secret-du-client-famille-de-test';
const people: Record<string, TestPerson> = {
  'famille-durand': { email: 'famille.durand@example.fr', email_verified: true, name: 'Camille Durand' },
  'agent-deguise': { email: t.ids.users.technician.email, email_verified: true, name: 'Technicien' },
  'adresse-douteuse': { email: 'famille.lien@example.fr', email_verified: false, name: 'Quelqu’un' },
};
let provider: Awaited<ReturnType<typeof startTestProvider>>;
let app: FastifyInstance;
const code = () => t.ids.a.code;
const callbackPath = () => `/api/authorities/${code()}/family-oidc/callback`;

beforeAll(async () => {
  await insertFamilyAidCampaign(t);
  provider = await startTestProvider({ people, clientSecret, redirectUri: `http://localhost:3000${callbackPath()}` });
  app = await buildApp({
    database: t.database,
    serveWeb: false,
    config: { campagnes: { familyOidc: { [envKeyOf(code())]: { issuer: provider.issuer, clientId: provider.clientId, clientSecret, label: 'FranceConnect (essai)' } } } },
  });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await provider?.close();
  await t.close();
});

/** Starts at Cohérence, signs in at the provider as `account`, comes back: the callback's answer. */
async function signIn(account: string) {
  const start = await app.inject({ method: 'GET', url: `/api/authorities/${code()}/family-oidc/login` });
  expect(start.statusCode).toBe(302);
  const stateCookie = start.cookies.find((c) => c.name === 'coh_family_oidc')!.value;
  const jar = new Map<string, string>();
  const browse = async (url: string, init: RequestInit = {}) => {
    const response = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as object), cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      jar.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
    }
    return response;
  };
  let response = await browse(start.headers.location as string);
  const interaction = new URL(response.headers.get('location')!, provider.issuer).href;
  response = await browse(interaction, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ prompt: 'login', login: account, password: 'peu-importe' }).toString(),
  });
  for (let hops = 0; hops < 5; hops++) {
    const location = new URL(response.headers.get('location')!, provider.issuer);
    if (location.pathname === callbackPath()) return app.inject({ method: 'GET', url: `${location.pathname}${location.search}`, cookies: { coh_family_oidc: stateCookie } });
    response = await browse(location.href);
  }
  throw new Error('the provider never redirected back');
}

const sessionOf = (res: Awaited<ReturnType<typeof signIn>>) => res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');

describe('a family signs in by OpenID Connect', () => {
  test('the sign-in page learns which methods the authority offers', async () => {
    expect((await app.inject({ method: 'GET', url: `/api/authorities/${code()}/family-sign-in-methods` })).json()).toEqual({
      link: true,
      oidc: { label: 'FranceConnect (essai)', loginUrl: `/api/authorities/${code()}/family-oidc/login` },
    });
    expect((await app.inject({ method: 'GET', url: `/api/authorities/${t.ids.b.code}/family-sign-in-methods` })).json().oidc).toBeNull();
    const none = await app.inject({ method: 'GET', url: `/api/authorities/${t.ids.b.code}/family-oidc/login` });
    expect(none.headers.location).toBe(`/famille/${t.ids.b.code}/connexion?erreur=oidc-indisponible`);
  });

  test('a new family gets its account from sub + e-mail, then is found again by its sub', async () => {
    const first = await signIn('famille-durand');
    expect(first.statusCode).toBe(302);
    expect(first.headers.location).toBe(`/famille/${code()}`);
    const own = await app.inject({ method: 'GET', url: '/api/family/aid-files', headers: { cookie: sessionOf(first) } });
    expect(own.statusCode).toBe(200);
    const started = await app.inject({ method: 'POST', url: '/api/family/campaigns/lycee40-equipement/aid-files', headers: { cookie: sessionOf(first) } });
    expect(started.statusCode).toBe(201);
    const [account] = await t.ctx.db.select().from(usersView).where(eq(usersView.email, 'famille.durand@example.fr'));
    expect(account).toBeTruthy();
    const again = await signIn('famille-durand');
    const files = await app.inject({ method: 'GET', url: '/api/family/aid-files', headers: { cookie: sessionOf(again) } });
    expect(files.json().map((f: { id: string }) => f.id)).toEqual([started.json().id]);
    // still a family only: no staff route
    expect((await app.inject({ method: 'GET', url: '/api/campaigns', headers: { cookie: sessionOf(again) } })).statusCode).toBe(403);
  });

  test('a staff address is refused; an unverified address never opens an existing account', async () => {
    const staff = await signIn('agent-deguise');
    expect(staff.headers.location).toBe(`/famille/${code()}/connexion?erreur=compte-professionnel`);
    expect(staff.cookies.find((c) => c.name === 'coh_session')).toBeUndefined();
    // an account made by the e-mail link, then someone claims its address unverified
    await app.inject({ method: 'POST', url: `/api/authorities/${code()}/campaigns/lycee40-equipement/family-sign-in-link`, payload: { email: 'famille.lien@example.fr' } });
    const token = /#jeton=([\w-]+)/.exec(app.familyMailer.outbox.at(-1)!.text)![1];
    expect((await app.inject({ method: 'POST', url: `/api/authorities/${code()}/family-sign-in`, payload: { token } })).statusCode).toBe(200);
    const doubtful = await signIn('adresse-douteuse');
    expect(doubtful.headers.location).toBe(`/famille/${code()}/connexion?erreur=adresse-non-verifiee`);
  });
});
