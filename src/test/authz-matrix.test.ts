import { afterAll, describe, expect, test } from 'vitest';
import { tenantHeader } from '../server/platform/http.js';
import { testApp } from './app.js';
import { asUser, callers, dataOfA, expectedStatus, matrixProblems, type Caller, type MatrixCase } from './authz-matrix.js';
import { authzMatrix } from './authz-matrix-all.js';

/**
 * Every route × every caller (anonymous, each role of tenant A, tenant B's admin, a read-only API
 * token of A): the status of
 * the matrix, and never A's data where it is refused or out of scope. Routes come from
 * app.routeCatalog, so a new route without an entry in an authz-matrix-<area>.ts fails here by name.
 */

const t = await testApp();
afterAll(() => t.close());

const routes = t.app.routeCatalog;
const where = 'src/test/authz-matrix-<area>.ts';
const problems = matrixProblems(authzMatrix, routes);

/** /api/establishments/:uai/rooms/:id → a regular expression its concrete paths match. */
function pattern(url: string): RegExp {
  const escaped = url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z0-9_]+/g, '[^/]+');
  return new RegExp(`^${escaped}$`);
}

async function call(route: { method: string; url: string }, c: MatrixCase, caller: Caller) {
  const spec = await c.request(t, caller);
  const method = spec.method ?? route.method;
  if (method !== route.method || !pattern(route.url).test(spec.url)) {
    throw new Error(`la requête de la matrice (${method} ${spec.url}) ne vise pas la route ${route.method} ${route.url}`);
  }
  const headers: Record<string, string> = { ...spec.headers };
  const user = asUser(caller);
  if (user) {
    Object.assign(headers, await t.headers(user, { fresh: c.freshSession }));
    // tenant B's admin works in B and reaches for A's records by their ids and UAIs; naming
    // tenant A in the header is refused outright (see the test at the end of this file)
    if (user === 'admin-b') headers[tenantHeader] = t.ids.b.code;
  }
  if (caller === 'read-token') headers.authorization = `Bearer ${t.readToken}`;
  const response = await t.app.inject({
    method: method as 'GET',
    url: spec.url,
    query: spec.query,
    headers,
    payload: spec.payload as string | Buffer | object | undefined,
  });
  if (c.endsAllSessions && user) t.forgetSession(user);
  await c.after?.(t, caller);
  return response;
}

describe('matrice des autorisations', () => {
  test('chaque route du catalogue a son entrée dans la matrice', () => {
    const { missing } = problems;
    expect(missing, `Routes sans entrée dans ${where} : ${missing.join(', ')}`).toEqual([]);
  });

  test('la matrice ne décrit que des routes qui existent', () => {
    const { stale } = problems;
    expect(stale, `Entrées de ${where} sans route : ${stale.join(', ')}`).toEqual([]);
  });

  test('la matrice ne nomme que des appelants connus', () => {
    const { unknownCallers } = problems;
    expect(unknownCallers, `Appelants inconnus dans ${where} : ${unknownCallers.join(', ')}`).toEqual([]);
  });

  test('les routes publiques sont seulement santé, OpenAPI, connexion, déconnexion, collecte des agents et simulateur et connexion des familles', () => {
    const publicIds = Object.entries(authzMatrix)
      .filter(([, entry]) => entry.public)
      .map(([id]) => id)
      .sort();
    expect(publicIds).toEqual([
      'completeFamilyOidcLogin', // a family's return from its identity provider (FranceConnect)
      'completeOidcLogin',
      'familySignInMethods',
      'getAuthProviders',
      'getHealth',
      'getOpenApi',
      'listOpenFamilyAidCampaigns', // the campaigns a family may apply to, before applying
      'login',
      'logout',
      'receiveAgentInventory', // agents bring their own credentials (HTTP Basic), not a session
      'requestFamilySignInLink', // a family has no account before its first link
      'signInFamilyWithLink',
      'simulateFamilyAid', // the aid simulator, before applying
      'startFamilyOidcLogin',
      'startOidcLogin',
    ]);
  });

  for (const route of routes) {
    test(`${route.operationId} — ${route.method} ${route.url}`, async () => {
      const entry = authzMatrix[route.operationId];
      if (!entry) {
        throw new Error(`La route ${route.method} ${route.url} (${route.operationId}) n'a pas d'entrée dans ${where} : ajoutez-la, avec le statut attendu pour chaque appelant.`);
      }
      const failures: string[] = [];
      const secretsOfA = dataOfA(t);
      for (const c of entry.cases) {
        const label = c.label ? ` [${c.label}]` : '';
        if (!entry.public && expectedStatus(entry, c, 'anonymous', route.method) !== 401) failures.push(`${label} anonyme : une route non publique doit répondre 401`);
        for (const caller of callers) {
          const expected = expectedStatus(entry, c, caller, route.method);
          let response;
          try {
            response = await call(route, c, caller);
          } catch (error) {
            failures.push(`${caller}${label} : ${error instanceof Error ? error.message : String(error)}`);
            continue;
          }
          const body = response.body;
          if (response.statusCode !== expected) {
            failures.push(`${caller}${label} : attendu ${expected}, reçu ${response.statusCode} — ${body.slice(0, 200)}`);
          }
          const refused = response.statusCode >= 400;
          const mustHide = new Set<string>(c.hidden?.(t, caller) ?? []);
          if (refused) {
            for (const token of [...(c.record?.(t) ?? []), ...secretsOfA]) mustHide.add(token);
          }
          if (caller === 'admin-b') for (const token of secretsOfA) mustHide.add(token);
          for (const token of c.echoed?.(t, caller) ?? []) mustHide.delete(token);
          const leaked = [...mustHide].filter((token) => token && body.includes(token));
          if (leaked.length) failures.push(`${caller}${label} : la réponse ${response.statusCode} contient des données hors de sa portée : ${leaked.join(', ')}`);
          if (!refused && response.statusCode === expected && c.shown) {
            const absent = c.shown(t, caller).filter((token) => !body.includes(token));
            if (absent.length) failures.push(`${caller}${label} : la réponse ne contient pas ${absent.join(', ')}`);
          }
        }
      }
      expect(failures, `${route.operationId} (${route.method} ${route.url}) :\n  ${failures.join('\n  ')}`).toEqual([]);
    });
  }
});

describe('tenant named in the header', () => {
  test('is refused when the caller holds no role there, and data routes return nothing of it', async () => {
    const headers = { ...(await t.headers('admin-b')), [tenantHeader]: t.ids.a.code };
    const list = await t.app.inject({ method: 'GET', url: '/api/establishments', headers });
    expect(list.statusCode).toBe(403);
    expect(list.json().error.message).toContain(t.ids.a.code);
    for (const secret of dataOfA(t)) expect(list.body).not.toContain(secret);
    const health = await t.app.inject({ method: 'GET', url: '/api/health', headers });
    expect(health.statusCode).toBe(200);
  });
});
