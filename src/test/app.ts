import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { and, eq, inArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { assignRole, createUser } from '../modules/access/index.js';
import { createApiToken } from '../modules/access/operations/create-api-token.js';
import { actorCtx } from '../modules/access/testing.js';
import { establishments, organizations } from '../modules/referentiel/db/schema.js';
import { createOrganization } from '../modules/referentiel/operations/create-organization.js';
import { createTerritorialUnit } from '../modules/referentiel/operations/create-territorial-unit.js';
import { importEstablishments } from '../modules/referentiel/operations/import-establishments.js';
import { buildApp } from '../server/app.js';
import type { Role } from '../server/platform/authz.js';
import { openCaches } from '../server/platform/cache.js';
import { systemCtx, type Clock, type Ctx } from '../server/platform/context.js';
import type { Database } from '../server/platform/db.js';
import { tenantHeader } from '../server/platform/http.js';
import { testDatabase } from './database.js';

/**
 * A small world for route tests, built with the real operations:
 * - tenant A, a Région, with two agencies: unit 1 holds two lycées of the académie de Lille,
 *   unit 2 two of the académie d'Amiens; one more lycée of each académie has no unit;
 * - partners of A: the académie de Lille (academy code 09) and a maintenance contractor;
 * - one user per role in A: technician (level 1) on unit 1, establishment staff of the first
 *   lycée of unit 1, academy staff of the académie partner, contractor on unit 2, auditor,
 *   steering, authority admin;
 * - tenant B, another Région, with its own lycées, unit and admin;
 * - a read-only API token of A with the authority-admin role.
 */

export const testPassword = 'Test-Coherence-2026!';

/** Who can log in: each role of tenant A, and the admin of tenant B. */
export type TestUser = Role | 'admin-b';
export const testUsers: readonly TestUser[] = [
  'authority-admin',
  'steering',
  'technician',
  'establishment-staff',
  'academy-staff',
  'contractor',
  'auditor',
  'admin-b',
];

export interface TestEstablishment {
  id: string;
  uai: string;
  name: string;
  unitId: string | null;
  academyCode: string | null;
}

export interface TestTenant {
  tenantId: string;
  code: string;
  name: string;
}

export interface TestIds {
  a: TestTenant;
  b: TestTenant;
  academy: TestTenant;
  contractorOrg: TestTenant;
  /** Units of A (agencies), and the one unit of B. */
  unit1: { id: string; code: string; name: string };
  unit2: { id: string; code: string; name: string };
  unitB: { id: string; code: string; name: string };
  /** Establishments of A by place: two in unit 1 (Lille), two in unit 2 (Amiens), one of each académie without unit. */
  establishments: {
    unit1: TestEstablishment[];
    unit2: TestEstablishment[];
    noUnitLille: TestEstablishment;
    noUnitAmiens: TestEstablishment;
    all: TestEstablishment[];
  };
  /** The school of the establishment-staff user (the first of unit 1). */
  staffSchool: TestEstablishment;
  establishmentsB: TestEstablishment[];
  users: Record<TestUser, { id: string; email: string; displayName: string }>;
}

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  /** A system context on the same database, for setting records up (no actor). */
  ctx: Ctx;
  ids: TestIds;
  /** The secret of a read-only API token of A with the authority-admin role (Authorization: Bearer …). */
  readToken: string;
  /** Logs in through POST /api/auth/login; the session is reused unless fresh is asked. Returns the Cookie header. */
  login(user: TestUser, options?: { fresh?: boolean }): Promise<string>;
  /** Cookie and tenant headers of a user, for app.inject. */
  headers(user: TestUser, options?: { fresh?: boolean }): Promise<Record<string, string>>;
  /** Drops the cached session of a user (after a call that ended it). */
  forgetSession(user: TestUser): void;
  close(): Promise<void>;
}

const lyceesFixture = fileURLToPath(new URL('../../fixtures/annuaire/lycees-2025.json', import.meta.url));

interface LyceeItem {
  uai: string;
  academie: string;
  region: string;
}

/** The first n distinct UAIs of an académie, each with all its entries (GT and Pro lines). */
function pickLycees(items: LyceeItem[], academie: string, n: number): LyceeItem[] {
  const uais = [...new Set(items.filter((l) => l.academie === academie).map((l) => l.uai))].slice(0, n);
  return items.filter((l) => uais.includes(l.uai));
}

function lyceesJson(meta: unknown, items: LyceeItem[]): Uint8Array {
  return Buffer.from(JSON.stringify({ meta, lycees: items }));
}

export async function testApp(options: { clock?: Clock } = {}): Promise<TestApp> {
  const database = await testDatabase();
  // one cache facility for the set-up's context and the app: what one writes, the other stops reading
  const cache = await openCaches({ database, clock: options.clock });
  const ctx = systemCtx(database, options.clock, undefined, cache);
  const fixture = JSON.parse(readFileSync(lyceesFixture, 'utf8')) as { meta: unknown; lycees: LyceeItem[] };

  const a = await createOrganization(ctx, { code: 'region-a', kind: 'region', name: 'Région Hauts-de-France (essai)' });
  const b = await createOrganization(ctx, { code: 'region-b', kind: 'region', name: 'Région Grand Est (essai)' });
  // Tenant A holds the lycées and, as route tests import them, the collèges of Lille and Amiens.
  await database.db
    .update(organizations)
    .set({ settings: { competence: { families: ['lycee', 'erea', 'college'], academyCodes: ['09', '20'], departmentCodes: [], communeCodes: [] } } })
    .where(eq(organizations.tenantId, a.tenantId));
  const academy = await createOrganization(ctx, {
    code: 'ac-lille-essai',
    kind: 'academie',
    name: 'Académie de Lille (essai)',
    academyCode: '09',
    partnerOf: ['region-a'],
  });
  const contractorOrg = await createOrganization(ctx, {
    code: 'prestataire-essai',
    kind: 'contractor',
    name: 'Maintenance Essai SAS',
    partnerOf: ['region-a'],
  });

  const importFor = async (tenantId: string, items: LyceeItem[], filename: string) => {
    await importEstablishments(ctx, { tenantId, bytes: lyceesJson(fixture.meta, items), filename, mode: 'all-or-nothing' });
  };
  await importFor(a.tenantId, [...pickLycees(fixture.lycees, 'Lille', 3), ...pickLycees(fixture.lycees, 'Amiens', 3)], 'lycees-a.json');
  await importFor(b.tenantId, pickLycees(fixture.lycees, 'Strasbourg', 2), 'lycees-b.json');

  const unit1 = await createTerritorialUnit(ctx, { tenantId: a.tenantId, code: 'AG-NORD', name: 'Agence Nord (essai)', kind: 'agency' });
  const unit2 = await createTerritorialUnit(ctx, { tenantId: a.tenantId, code: 'AG-SOMME', name: 'Agence Somme (essai)', kind: 'agency' });
  const unitB = await createTerritorialUnit(ctx, { tenantId: b.tenantId, code: 'AG-ALSACE', name: 'Agence Alsace (essai)', kind: 'agency' });

  const rowsOf = async (tenantId: string) =>
    (
      await ctx.db
        .select({ id: establishments.id, uai: establishments.uai, name: establishments.name, academyCode: establishments.academyCode })
        .from(establishments)
        .where(eq(establishments.tenantId, tenantId))
        .orderBy(establishments.uai)
    ).map((e) => ({ ...e, unitId: null as string | null }));
  const rowsA = await rowsOf(a.tenantId);
  const lille = rowsA.filter((e) => e.academyCode === '09');
  const amiens = rowsA.filter((e) => e.academyCode === '20');
  if (lille.length !== 3 || amiens.length !== 3) {
    throw new Error(`Monde de test : 3 lycées de Lille et 3 d'Amiens attendus, ${lille.length} et ${amiens.length} importés.`);
  }
  const place = async (tenantId: string, unitId: string, list: TestEstablishment[]) => {
    await ctx.db
      .update(establishments)
      .set({ unitId })
      .where(and(eq(establishments.tenantId, tenantId), inArray(establishments.id, list.map((e) => e.id))));
    for (const e of list) e.unitId = unitId;
  };
  await place(a.tenantId, unit1.id, lille.slice(0, 2));
  await place(a.tenantId, unit2.id, amiens.slice(0, 2));
  const rowsB = await rowsOf(b.tenantId);
  await place(b.tenantId, unitB.id, rowsB.slice(0, 1));

  const staffSchool = lille[0];
  const users = {} as TestIds['users'];
  const addUser = async (user: TestUser, organizationId: string, tenantId: string, scope: Partial<Parameters<typeof assignRole>[1]>) => {
    const email = `${user}@essai.coherence.fr`;
    const displayName = `Essai ${user}`;
    const created = await createUser(ctx, { tenantId: organizationId, email, displayName, password: testPassword });
    await assignRole(ctx, {
      tenantId,
      userId: created.id,
      organizationId,
      role: user === 'admin-b' ? 'authority-admin' : user,
      unitIds: [],
      ...scope,
    });
    users[user] = { id: created.id, email, displayName };
  };
  await addUser('authority-admin', a.tenantId, a.tenantId, {});
  await addUser('steering', a.tenantId, a.tenantId, {});
  await addUser('technician', a.tenantId, a.tenantId, { unitIds: [unit1.id], level: 1 });
  await addUser('establishment-staff', a.tenantId, a.tenantId, { establishmentId: staffSchool.id, staffFunction: 'digital-referent' });
  await addUser('academy-staff', academy.tenantId, a.tenantId, {});
  await addUser('contractor', contractorOrg.tenantId, a.tenantId, { unitIds: [unit2.id] });
  await addUser('auditor', a.tenantId, a.tenantId, {});
  await addUser('admin-b', b.tenantId, b.tenantId, {});

  const adminCtx = await actorCtx(database, users['authority-admin'].id, a.code, options.clock);
  const { secret: readToken } = await createApiToken(adminCtx, { name: 'Lecture seule (essai)', access: 'read', role: 'authority-admin', unitIds: [] });

  const app = await buildApp({ database, clock: options.clock, serveWeb: false, cache });
  await app.ready();

  const tenantOf = (t: { tenantId: string; code: string; name: string }): TestTenant => ({ tenantId: t.tenantId, code: t.code, name: t.name });
  const unitOf = (u: { id: string; code: string; name: string }) => ({ id: u.id, code: u.code, name: u.name });
  const ids: TestIds = {
    a: tenantOf(a),
    b: tenantOf(b),
    academy: tenantOf(academy),
    contractorOrg: tenantOf(contractorOrg),
    unit1: unitOf(unit1),
    unit2: unitOf(unit2),
    unitB: unitOf(unitB),
    establishments: {
      unit1: lille.slice(0, 2),
      unit2: amiens.slice(0, 2),
      noUnitLille: lille[2],
      noUnitAmiens: amiens[2],
      all: rowsA,
    },
    staffSchool,
    establishmentsB: rowsB,
    users,
  };

  const sessions = new Map<TestUser, string>();
  const login = async (user: TestUser, loginOptions: { fresh?: boolean } = {}) => {
    const cached = sessions.get(user);
    if (cached && !loginOptions.fresh) return cached;
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: users[user].email, password: testPassword },
      // each login from its own address, so a per-address rate limit on login never trips here
      remoteAddress: `127.0.${10 + testUsers.indexOf(user)}.${1 + sessions.size}`,
    });
    if (response.statusCode !== 200) throw new Error(`Connexion de ${user} refusée (${response.statusCode}) : ${response.body}`);
    const cookie = response.cookies.find((c) => c.name === 'coh_session');
    if (!cookie) throw new Error(`Connexion de ${user} : pas de cookie de session.`);
    const header = `${cookie.name}=${cookie.value}`;
    if (!loginOptions.fresh) sessions.set(user, header);
    return header;
  };
  const headers = async (user: TestUser, loginOptions: { fresh?: boolean } = {}) => ({
    cookie: await login(user, loginOptions),
    [tenantHeader]: user === 'admin-b' ? ids.b.code : ids.a.code,
  });

  return {
    app,
    database,
    ctx,
    ids,
    readToken,
    login,
    headers,
    forgetSession: (user) => void sessions.delete(user),
    async close() {
      await app.close();
      await cache.close();
      await database.close();
    },
  };
}
