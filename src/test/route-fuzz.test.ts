import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../server/platform/db.js';
import { tenantHeader } from '../server/platform/http.js';
import { testApp, type TestApp, type TestUser } from './app.js';
import { callers, expectedStatus, type Caller } from './authz-matrix.js';
import { authzMatrix } from './authz-matrix-all.js';

/**
 * Issue 11, proof (a): every route of openapi.json, called as an anonymous caller, as a caller
 * without the right (a role the authorization matrix answers 403, else another tenant's admin)
 * and as the right role, with hostile values in each path parameter, query parameter and body
 * field. Never a 5xx; never a change for a caller without the right. Deterministic (a fixed seed),
 * one application instance, app.inject.
 */
const casesPerCallerAndRoute = Number(process.env.COHERENCE_FUZZ_CASES ?? 15);
const seed = Number(process.env.COHERENCE_FUZZ_SEED ?? 20261206);

interface Operation {
  method: string;
  path: string;
  operationId: string;
  params: { name: string; in: 'path' | 'query'; schema: JsonSchema }[];
  body: JsonSchema | null;
  multipart: boolean;
  public: boolean;
}
type JsonSchema = { type?: string | string[]; properties?: Record<string, JsonSchema>; enum?: unknown[]; anyOf?: JsonSchema[]; items?: JsonSchema };

const spec = JSON.parse(readFileSync(fileURLToPath(new URL('../../openapi.json', import.meta.url)), 'utf8')) as {
  paths: Record<string, Record<string, { operationId?: string; parameters?: Operation['params']; requestBody?: { content: Record<string, { schema: JsonSchema }> }; security?: unknown[] }>>;
};

const operations: Operation[] = Object.entries(spec.paths).flatMap(([path, methods]) =>
  Object.entries(methods)
    .filter(([, op]) => op.operationId)
    .map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      operationId: op.operationId!,
      params: (op.parameters ?? []).filter((p) => p.in === 'path' || p.in === 'query'),
      body: op.requestBody?.content['application/json']?.schema ?? null,
      multipart: Boolean(op.requestBody?.content['multipart/form-data']),
      public: Array.isArray(op.security) && op.security.length === 0,
    })),
);

const MB = 1024 * 1024;
/** What an attacker sends: bytes PostgreSQL refuses, huge strings, direction overrides, SQL and HTML, numbers past every range. */
const hostileText = [
  '\u0000',
  'a\u0000b',
  '0590072H\u0000',
  '\ud800',
  'x\udc00y',
  'x'.repeat(MB),
  '\u202Egnp.exe',
  '\u200F\u202Bعربي\u202C',
  "' OR '1'='1",
  "'); DROP TABLE parc.assets; --",
  '1; SELECT pg_sleep(5)',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '{{7*7}}${7*7}',
  '../../../../etc/passwd',
  '%00%2e%2e%2f',
  '__proto__',
  'constructor',
  'pas-une-valeur-connue',
  '',
  ' ',
  '9'.repeat(400),
  '-1',
  '1e309',
  'NaN',
  'null',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
];
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...hostileText) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom(Number.MAX_VALUE, -Number.MAX_VALUE, Number.MAX_SAFE_INTEGER + 2, -1, 0, 2 ** 31, 1e21, 0.5) },
  { weight: 1, arbitrary: fc.constantFrom(true, false, null, [], {}, [hostileText[1]], { $ne: null }, { __proto__: { admin: true } }) },
);

/** A value for a parameter: hostile most of the time, a plausible one sometimes (so deeper code runs). */
function plausible(schema: JsonSchema | undefined): fc.Arbitrary<unknown> {
  if (schema?.enum?.length) return fc.constantFrom(...schema.enum);
  if (schema?.anyOf?.length) return plausible(schema.anyOf[0]);
  const type = Array.isArray(schema?.type) ? schema!.type[0] : schema?.type;
  if (type === 'integer' || type === 'number') return fc.integer({ min: 1, max: 3 });
  if (type === 'boolean') return fc.boolean();
  if (type === 'array') return fc.array(plausible(schema?.items), { maxLength: 2 });
  return fc.constantFrom('0590001F', 'abc', '11111111-1111-4111-8111-111111111111');
}
const valueFor = (schema: JsonSchema | undefined) => fc.oneof({ weight: 3, arbitrary: hostileValue }, { weight: 1, arbitrary: plausible(schema) });

const asText = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value) ?? '');

function requestArbitrary(op: Operation) {
  const params = Object.fromEntries(op.params.map((p) => [`${p.in}:${p.name}`, valueFor(p.schema)]));
  const fields = Object.entries(op.body?.properties ?? {});
  const body = op.body
    ? fc.oneof(
        { weight: 5, arbitrary: fc.record(Object.fromEntries(fields.map(([name, schema]) => [name, valueFor(schema)])), { requiredKeys: [] }) },
        { weight: 1, arbitrary: hostileValue },
      )
    : fc.constant(undefined);
  return fc.record({ params: fc.record(params as Record<string, fc.Arbitrary<unknown>>), body });
}

/** Percent-encoding that keeps a lone surrogate as the bytes a hostile client sends (WTF-8), where encodeURIComponent throws. */
function percent(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff) out += `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`.toUpperCase();
    else out += encodeURIComponent(char);
  }
  return out;
}

function urlOf(op: Operation, params: Record<string, unknown>): { url: string; query: Record<string, string> } {
  let url = op.path;
  const query: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    const [where, name] = key.split(':');
    if (where === 'path') url = url.replace(`{${name}}`, percent(asText(value)) || 'x');
    else query.push(`${encodeURIComponent(name)}=${percent(asText(value))}`);
  }
  return { url: query.length ? `${url}?${query.join('&')}` : url, query: {} };
}

/** Who answers 403 in the matrix for this route (a role without the right), if any; and who answers 2xx. */
function callersOf(operationId: string, method: string): { without: Caller | null; right: Caller | null } {
  const entry = authzMatrix[operationId];
  const first = entry?.cases[0];
  // the signed-in callers of tenant A, in the matrix's order (anonymous, tenant B and the token apart)
  const roles = callers.filter((c) => c !== 'anonymous' && c !== 'admin-b' && c !== 'read-token');
  const status = (c: Caller) => (entry && first ? expectedStatus(entry, first, c, method) : 0);
  const without = roles.find((c) => status(c) === 403) ?? null;
  const right = roles.find((c) => status(c) >= 200 && status(c) < 300) ?? null;
  return { without, right };
}

/** A cheap fingerprint of what a write would change: the audit trail and the main tables' sizes and versions. */
async function fingerprint(t: TestApp): Promise<string> {
  const [row] = await rows<Record<string, unknown>>(
    t.database.db,
    sql`select (select count(*) from platform.audit_events) as audit,
               (select count(*) || ':' || coalesce(sum(version), 0) from parc.assets) as assets,
               (select count(*) || ':' || coalesce(sum(version), 0) from guichet.tickets) as tickets,
               (select count(*) || ':' || coalesce(sum(version), 0) from referentiel.establishments) as establishments,
               (select count(*) from access.users) as users,
               (select count(*) from access.role_assignments) as roles,
               (select count(*) from access.api_tokens where revoked_at is null) as tokens,
               (select count(*) from referentiel.territorial_units) as units`,
  );
  return JSON.stringify(row);
}

/** Routes that end the caller's own session: called only anonymously. */
const sessionEnders = new Set(['logout', 'logoutEverywhere', 'changePassword']);
/** The agents' endpoint reads raw bodies in its own protocol (tested apart, in parc/routes). */
const skipped = new Set(['receiveAgentInventory']);

let t: TestApp;
const headersOf = new Map<Caller, Record<string, string>>();
beforeAll(async () => {
  t = await testApp();
  for (const caller of callers) {
    if (caller === 'anonymous') headersOf.set(caller, {});
    else if (caller === 'read-token') headersOf.set(caller, { authorization: `Bearer ${t.readToken}` });
    else headersOf.set(caller, await t.headers(caller as TestUser));
  }
}, 120_000);
afterAll(() => t.close());

describe('route fuzzer (openapi.json × callers × hostile values)', () => {
  it('never answers 5xx, and never lets a caller without the right change anything', async () => {
    let total = 0;
    const failures: string[] = [];
    const started = Date.now();
    for (const op of operations.filter((o) => !skipped.has(o.operationId))) {
      const { without, right } = callersOf(op.operationId, op.method);
      const who: Caller[] = sessionEnders.has(op.operationId) ? ['anonymous'] : ['anonymous', ...(without ? [without] : []), ...(right ? [right] : [])];
      for (const caller of who) {
        const watchChanges = op.method !== 'GET' && !op.public && caller !== right;
        const samples = fc.sample(requestArbitrary(op), { numRuns: casesPerCallerAndRoute, seed: seed + total });
        for (const sample of samples) {
          total++;
          const { url } = urlOf(op, sample.params);
          const before = watchChanges ? await fingerprint(t) : '';
          const headers: Record<string, string> = { ...headersOf.get(caller)! };
          if (caller === 'admin-b') headers[tenantHeader] = t.ids.b.code;
          let payload: string | undefined;
          if (op.multipart) {
            headers['content-type'] = 'multipart/form-data; boundary=x';
            payload = `--x\r\nContent-Disposition: form-data; name="file"; filename="${asText(sample.body).slice(0, 200).replace(/["\r\n]/g, '')}"\r\n\r\n${asText(sample.body).slice(0, 4096)}\r\n--x--\r\n`;
          } else if (sample.body !== undefined) {
            headers['content-type'] = 'application/json';
            payload = JSON.stringify(sample.body);
          }
          const response = await t.app.inject({ method: op.method as 'GET', url, headers, ...(payload !== undefined ? { payload } : {}) });
          const what = `${caller} ${op.method} ${url.slice(0, 200)} → ${response.statusCode}`;
          if (response.statusCode >= 500) failures.push(`5xx: ${what} ${response.body.slice(0, 200)}`);
          if (watchChanges) {
            if (response.statusCode < 400) failures.push(`accepted without the right: ${what}`);
            if ((await fingerprint(t)) !== before) failures.push(`changed without the right: ${what}`);
          }
        }
      }
    }
    console.log(`route fuzzer: ${total} cases on ${operations.length} operations in ${Math.round((Date.now() - started) / 1000)} s, seed ${seed}`);
    expect(failures.slice(0, 20)).toEqual([]);
    expect(total).toBeGreaterThanOrEqual(5000);
  }, 900_000);
});
