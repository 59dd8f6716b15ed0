import { testUsers, type TestApp, type TestEstablishment, type TestUser } from './app.js';

/**
 * The authorization matrix: for every operationId of app.routeCatalog, what each caller gets.
 * authz-matrix.test.ts walks the route catalog, so a route added without an entry fails by name.
 * This file holds the callers, the rules and generic helpers only; each area's entries are in
 * src/test/authz-matrix-<area>.ts and the records they need in src/test/matrix-fixtures/<module>.ts.
 *
 * Callers: an anonymous one, one user per role in tenant A (see src/test/app.ts for their scope),
 * the admin of tenant B, who works in B and reaches for A's records by their ids and UAIs (it
 * must never see A's data), and a read-only API token of A with the authority-admin role.
 *
 * The rules, which give every caller a case does not name its status (see `rules` below):
 * - anonymous → 401 on every route that is not public;
 * - a role without the action → 403 (checked before any record is looked up), or the case's
 *   `default` when it has one (`everyUser(200)`: every signed-in caller may);
 * - a role with the action but a record outside its scope → 404, as if it did not exist
 *   (`allowed(…, { outOfScope: [...] })`);
 * - tenant B's admin holds every action in B: on a list or a change of its own tenant it gets what
 *   A's admin gets (with B's data only); on a record of A (`recordOfA: true`) → 404;
 * - the read-only token: on a public route what anonymous gets, on a GET what A's admin gets,
 *   any other method 403 (a read token never writes);
 * - a refused answer (4xx) never carries A's data (UAIs, names of schools and units).
 *
 * So a case states who may do it and the exceptions only:
 *   expect: allowed(assetUpdaters, 200, { outOfScope: ['technician'], recordOfA: true })
 *   expect: { default: 404, 'authority-admin': 200, recordOfA: true }   // one's own notification
 *
 * Adding a role (families, experts, suppliers…) is one column, not an edit of every row:
 * 1. give it a test user in the world (src/test/app.ts: `testUsers`, its assignment and scope);
 * 2. add its name to `callers` and its rule to `rules` below: a role of tenant A takes
 *    `roleOfA` (the case's default, 403 unless the case says otherwise), so every entry where it
 *    is not named already expects what the rules say;
 * 3. say what it reaches where TypeScript asks (`readableUais` below, `unreadableTickets` in
 *    matrix-fixtures/guichet.ts: both are exhaustive over the callers);
 * 4. name it where it is allowed: in the role groups of matrix-fixtures/<module>.ts when it holds
 *    an action (`ticketRequesters`, `assetReaders`…), or in the handful of entries that concern it
 *    (`family: 200`, `outOfScope: ['family']`).
 */

export const callers = [
  'anonymous',
  'authority-admin',
  'steering',
  'technician',
  'establishment-staff',
  'academy-staff',
  'contractor',
  'auditor',
  'admin-b',
  'read-token',
] as const;
export type Caller = (typeof callers)[number];

/**
 * What each caller gets in a case: the callers named, the others by rule. `default` replaces the
 * 403 of a role without the action; `recordOfA` says the request points at a record of tenant A.
 */
export type Expect = { default?: number; recordOfA?: boolean } & { [C in Caller]?: number };

/** The keys an Expect may hold besides the callers. */
const expectOptions = ['default', 'recordOfA'];

export interface MatrixRequest {
  /** Defaults to the route's method. */
  method?: string;
  url: string;
  query?: Record<string, string>;
  payload?: unknown;
  headers?: Record<string, string>;
}

export interface MatrixCase {
  /** What this case points at, for the failure message. */
  label?: string;
  expect: Expect;
  /** Built just before each call: may set a record up (a fresh building to delete, the current version). */
  request(t: TestApp, caller: Caller): MatrixRequest | Promise<MatrixRequest>;
  /** Identifiers of the record of A the request points at: never in a refused answer. */
  record?(t: TestApp): string[];
  /** What must not appear in this caller's answer, whatever its status (beyond the default checks). */
  hidden?(t: TestApp, caller: Caller): string[];
  /** What the caller sent and may see echoed in an error (a UAI put in a body). */
  echoed?(t: TestApp, caller: Caller): string[];
  /** What a successful answer must contain. */
  shown?(t: TestApp, caller: Caller): string[];
  /** The request ends the caller's session: log in anew for it. */
  freshSession?: boolean;
  /** The request ends every session of the caller: the cached one is forgotten afterwards. */
  endsAllSessions?: boolean;
  /** Puts back what the call changed (a password), after each caller. */
  after?(t: TestApp, caller: Caller): Promise<void>;
}

export interface MatrixEntry {
  /** Reachable without being logged in (health, OpenAPI, login). */
  public?: boolean;
  cases: MatrixCase[];
}

// ---------------------------------------------------------------- the rules

interface Resolution {
  entry: MatrixEntry;
  expect: Expect;
  method: string;
  /** The status of another caller in the same case (named or by rule). */
  status(caller: Caller): number;
}

/** A role of tenant A the case does not name: it lacks the action, unless the case has a default. */
const roleOfA = (r: Resolution) => r.expect.default ?? 403;

/** What a caller gets where the case does not name it. */
const rules: Record<Caller, (r: Resolution) => number> = {
  anonymous: (r) => (r.entry.public ? roleOfA(r) : 401),
  'authority-admin': roleOfA,
  steering: roleOfA,
  technician: roleOfA,
  'establishment-staff': roleOfA,
  'academy-staff': roleOfA,
  contractor: roleOfA,
  auditor: roleOfA,
  'admin-b': (r) => (r.expect.recordOfA ? 404 : r.status('authority-admin')),
  'read-token': (r) => (r.entry.public ? r.status('anonymous') : r.method === 'GET' ? r.status('authority-admin') : 403),
};

/** The status a caller expects in a case of an entry, for a route of this method. */
export function expectedStatus(entry: MatrixEntry, c: MatrixCase, caller: Caller, method: string): number {
  const resolution: Resolution = {
    entry,
    expect: c.expect,
    method,
    status: (other) => c.expect[other] ?? rules[other](resolution),
  };
  return resolution.status(caller);
}

// ---------------------------------------------------------------- writing expectations

/** Every caller, signed in or not, gets this status (a public route). */
export const everyone = (status: number): Expect => ({ default: status });
/** Every signed-in caller gets this status; anonymous gets 401 by rule. */
export const everyUser = (status: number): Expect => ({ default: status });

/**
 * The callers named may do it (status); those of `outOfScope` hold the action but do not reach
 * the record (404); the other roles lack the action (403); `recordOfA`: tenant B's admin gets 404.
 */
export function allowed(who: readonly Caller[], status: number, options: { outOfScope?: readonly Caller[]; recordOfA?: boolean } = {}): Expect {
  const expect: Expect = options.recordOfA ? { recordOfA: true } : {};
  for (const caller of who) expect[caller] = status;
  for (const caller of options.outOfScope ?? []) expect[caller] = 404;
  return expect;
}

/** The same expectation where a success is 201 (a creation) or 204 (a deletion) instead of 200. */
const successAs = (success: number) => (x: Expect): Expect => {
  const result: Expect = { ...x };
  for (const key of [...callers, 'default'] as const) if (result[key] === 200) result[key] = success;
  return result;
};
export const created = successAs(201);
export const deleted = successAs(204);

// ---------------------------------------------------------------- gathering the areas

/** The entries of every area in one record; an operationId described twice is an error, not an override. */
export function gatherMatrix(areas: Record<string, Record<string, MatrixEntry>>): Record<string, MatrixEntry> {
  const matrix: Record<string, MatrixEntry> = {};
  const areaOf = new Map<string, string>();
  for (const [area, entries] of Object.entries(areas)) {
    for (const [operationId, entry] of Object.entries(entries)) {
      const first = areaOf.get(operationId);
      if (first) throw new Error(`La matrice décrit ${operationId} deux fois (${first} et ${area}).`);
      areaOf.set(operationId, area);
      matrix[operationId] = entry;
    }
  }
  return matrix;
}

export interface MatrixProblems {
  /** Routes of the catalog without an entry. */
  missing: string[];
  /** Entries without a route. */
  stale: string[];
  /** Expectations that name something that is neither a caller nor an option. */
  unknownCallers: string[];
}

/** What is wrong between the matrix and the route catalog: each list empty when all is well. */
export function matrixProblems(matrix: Record<string, MatrixEntry>, routes: readonly { method: string; url: string; operationId: string }[]): MatrixProblems {
  const known = new Set(routes.map((r) => r.operationId));
  const names = new Set<string>([...callers, ...expectOptions]);
  return {
    missing: routes.filter((r) => !Object.hasOwn(matrix, r.operationId)).map((r) => `${r.operationId} (${r.method} ${r.url})`),
    stale: Object.keys(matrix).filter((id) => !known.has(id)),
    unknownCallers: Object.entries(matrix).flatMap(([id, entry]) =>
      entry.cases.flatMap((c, index) =>
        Object.keys(c.expect)
          .filter((name) => !names.has(name))
          .map((name) => `${id}/${index}${c.label ? ` [${c.label}]` : ''} : ${name}`),
      ),
    ),
  };
}

// ---------------------------------------------------------------- scope of each caller in tenant A

/** UAIs of A's establishments each caller may read (see the world in src/test/app.ts). */
export function readableUais(t: TestApp, caller: Caller): string[] {
  const e = t.ids.establishments;
  const uais = (list: TestEstablishment[]) => list.map((x) => x.uai);
  switch (caller) {
    case 'authority-admin':
    case 'steering':
    case 'auditor':
    case 'read-token':
      return uais(e.all);
    case 'technician':
      return uais(e.unit1);
    case 'establishment-staff':
      return [t.ids.staffSchool.uai];
    case 'academy-staff':
      return uais([...e.unit1, e.noUnitLille]);
    case 'contractor':
      return uais(e.unit2);
    case 'anonymous':
    case 'admin-b':
      return [];
  }
}

export function unreadableUais(t: TestApp, caller: Caller): string[] {
  const readable = new Set(readableUais(t, caller));
  return t.ids.establishments.all.map((e) => e.uai).filter((uai) => !readable.has(uai));
}

/** Everything of tenant A a refused answer, or any answer to tenant B's admin, must not contain. */
export function dataOfA(t: TestApp): string[] {
  return [
    ...t.ids.establishments.all.flatMap((e) => [e.uai, e.name]),
    t.ids.unit1.name,
    t.ids.unit2.name,
    t.ids.academy.name,
    t.ids.contractorOrg.name,
    ...emailsOfA(t),
  ];
}

export function emailsOfA(t: TestApp): string[] {
  return testUsers.filter((u) => u !== 'admin-b').map((u) => t.ids.users[u].email);
}

export const establishmentTokens = (e: TestEstablishment) => [e.uai, e.name];

/** The test user behind a caller: none for the anonymous caller and the API token. */
export function asUser(caller: Caller): TestUser | null {
  return caller === 'anonymous' || caller === 'read-token' ? null : caller;
}

export const tenantOfCaller = (c: Caller) => (c === 'admin-b' ? 'b' : 'a') as 'a' | 'b';
export const tenantCodeOf = (t: TestApp, c: Caller) => (c === 'admin-b' ? t.ids.b.code : t.ids.a.code);
export const tenantIdOf = (t: TestApp, c: Caller) => (c === 'admin-b' ? t.ids.b.tenantId : t.ids.a.tenantId);

// ---------------------------------------------------------------- setting records up

let counter = 0;
export const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++counter}`;

/** Calls the API as A's (or B's) admin to set a record up; throws unless it answers 2xx. */
export async function asAdmin(t: TestApp, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, tenant: 'a' | 'b' = 'a') {
  const response = await t.app.inject({ method, url, payload, headers: await t.headers(tenant === 'a' ? 'authority-admin' : 'admin-b') });
  if (response.statusCode >= 300) throw new Error(`préparation ${method} ${url} : ${response.statusCode} ${response.body}`);
  return response.json();
}

// ---------------------------------------------------------------- cases on the schools of the world

export const unit1School = (t: TestApp) => t.ids.establishments.unit1[0]; // the staff user's school, Lille
export const unit2School = (t: TestApp) => t.ids.establishments.unit2[0]; // Amiens, the contractor's unit
export const lilleNoUnit = (t: TestApp) => t.ids.establishments.noUnitLille;

/** Routes on one school, for three schools that different roles reach. */
export function onSchools(
  build: (t: TestApp, e: TestEstablishment, caller: Caller) => MatrixRequest | Promise<MatrixRequest>,
  expectations: { unit1: Expect; unit2: Expect; lilleNoUnit?: Expect },
  options: { showRecord?: boolean } = {},
): MatrixCase[] {
  const targets: [string, (t: TestApp) => TestEstablishment, Expect | undefined][] = [
    ['lycée du secteur 1 (Lille)', unit1School, expectations.unit1],
    ['lycée du secteur 2 (Amiens)', unit2School, expectations.unit2],
    ['lycée de Lille sans unité', lilleNoUnit, expectations.lilleNoUnit],
  ];
  return targets
    .filter((target): target is [string, (t: TestApp) => TestEstablishment, Expect] => target[2] !== undefined)
    .map(([label, school, expect]) => ({
      label,
      expect,
      request: (t, c) => build(t, school(t), c),
      record: (t) => establishmentTokens(school(t)),
      ...(options.showRecord ? { shown: (t: TestApp) => establishmentTokens(school(t)) } : {}),
    }));
}
