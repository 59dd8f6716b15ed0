import { describe, expect, test } from 'vitest';
import { allowed, callers, created, everyUser, everyone, expectedStatus, gatherMatrix, matrixProblems, type Caller, type Expect, type MatrixEntry } from './authz-matrix.js';

/**
 * The matrix's own machinery, without an app: how a case's named expectations and the rules give
 * every caller its status, and that gathering the areas refuses a missing, stale or doubled entry
 * and a caller nobody knows.
 */

const request = () => ({ url: '/api/x' });
const entryOf = (expect: Expect, options: { public?: boolean } = {}): MatrixEntry => ({ ...options, cases: [{ expect, request }] });

/** Every caller's status in the one case of an entry, for a route of this method. */
function statuses(entry: MatrixEntry, method = 'GET'): Record<Caller, number> {
  return Object.fromEntries(callers.map((c) => [c, expectedStatus(entry, entry.cases[0], c, method)])) as Record<Caller, number>;
}

const routes = [
  { method: 'GET', url: '/api/things', operationId: 'listThings' },
  { method: 'POST', url: '/api/things', operationId: 'createThing' },
];

describe('les règles de la matrice', () => {
  test('un cas ne nomme que qui peut : les autres rôles 403, l’anonyme 401, l’administrateur de B comme celui de A', () => {
    expect(statuses(entryOf(allowed(['authority-admin', 'technician'], 200)))).toEqual({
      anonymous: 401,
      'authority-admin': 200,
      steering: 403,
      technician: 200,
      'establishment-staff': 403,
      'academy-staff': 403,
      contractor: 403,
      auditor: 403,
      'admin-b': 200,
      'read-token': 200,
    });
  });

  test('hors de sa portée 404, et 404 pour l’administrateur de B sur un enregistrement de A', () => {
    const got = statuses(entryOf(allowed(['authority-admin', 'technician', 'contractor'], 200, { outOfScope: ['contractor'], recordOfA: true })));
    expect([got.technician, got.contractor, got.steering, got['admin-b'], got.anonymous]).toEqual([200, 404, 403, 404, 401]);
  });

  test('le jeton de lecture : ce qu’obtient l’administrateur sur un GET, 403 sur une écriture, sauf s’il est nommé', () => {
    expect(statuses(entryOf(allowed(['authority-admin'], 200)), 'GET')['read-token']).toBe(200);
    expect(statuses(entryOf(allowed(['authority-admin'], 201)), 'POST')['read-token']).toBe(403);
    expect(statuses(entryOf({ ...allowed(['authority-admin'], 200), 'read-token': 403 }), 'GET')['read-token']).toBe(403);
  });

  test('une route publique : l’anonyme et le jeton obtiennent le statut de tous', () => {
    const got = statuses(entryOf(everyone(302), { public: true }));
    expect(new Set(Object.values(got))).toEqual(new Set([302]));
    const signedIn = statuses(entryOf(everyUser(200)));
    expect([signedIn.anonymous, signedIn.auditor, signedIn['admin-b'], signedIn['read-token']]).toEqual([401, 200, 200, 200]);
  });

  test('une valeur par défaut et des exceptions nommées', () => {
    const got = statuses(entryOf({ default: 404, 'authority-admin': 200, recordOfA: true }), 'POST');
    expect(got).toMatchObject({ anonymous: 401, 'authority-admin': 200, steering: 404, contractor: 404, 'admin-b': 404, 'read-token': 403 });
  });

  test('created et deleted changent chaque 200 nommé, pas les refus', () => {
    expect(created(allowed(['technician'], 200, { outOfScope: ['contractor'] }))).toEqual({ technician: 201, contractor: 404 });
    expect(statuses(entryOf(created(everyUser(200))), 'POST').auditor).toBe(201);
  });
});

describe('rassembler la matrice', () => {
  const complete = { listThings: entryOf(allowed(['authority-admin'], 200)), createThing: entryOf(allowed(['authority-admin'], 201)) };

  test('une matrice complète ne signale rien', () => {
    expect(matrixProblems(gatherMatrix({ things: complete }), routes)).toEqual({ missing: [], stale: [], unknownCallers: [] });
  });

  test('une route sans entrée est signalée par son nom', () => {
    const { createThing: _dropped, ...partial } = complete;
    expect(matrixProblems(partial, routes).missing).toEqual(['createThing (POST /api/things)']);
  });

  test('une entrée sans route est signalée', () => {
    const extra = { ...complete, deleteThing: entryOf(allowed(['authority-admin'], 204)) };
    expect(matrixProblems(extra, routes).stale).toEqual(['deleteThing']);
  });

  test('un appelant inconnu est signalé avec l’entrée et le cas', () => {
    const typo = { ...allowed(['authority-admin'], 200), famille: 200 } as Expect;
    const matrix = { ...complete, listThings: { cases: [{ label: 'liste', expect: typo, request }] } };
    expect(matrixProblems(matrix, routes).unknownCallers).toEqual(['listThings/0 [liste] : famille']);
  });

  test('une même opération décrite par deux domaines est refusée', () => {
    expect(() => gatherMatrix({ things: complete, others: { listThings: complete.listThings } })).toThrow(/listThings deux fois \(things et others\)/);
  });
});
