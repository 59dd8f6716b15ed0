import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { and, eq } from 'drizzle-orm';
import { apiTokens, users } from '../modules/access/db/schema.js';
import { assignRole, createUser, hashPassword } from '../modules/access/index.js';
import { normalizeGlpiJson, parseGlpiMessage, validateGlpiInventory } from '../modules/parc/inventory/index.js';
import { fixtureText } from '../modules/parc/inventory/testing/fixtures.js';
import { software, unassignedReports } from '../modules/parc/db/schema.js';
import { frenchCsv } from '../modules/parc/import/testing-files.js';
import { ingestReport } from '../modules/parc/operations/ingest-report.js';
import { seedGuichetDemo } from '../modules/guichet/index.js';
import { buildings, establishments, importRuns, rooms, territorialUnits } from '../modules/referentiel/db/schema.js';
import { testPassword, testUsers, type TestApp, type TestEstablishment, type TestUser } from './app.js';
import { multipartBody } from './multipart.js';

/**
 * The authorization matrix: for every operationId of app.routeCatalog, what each caller gets.
 * authz-matrix.test.ts walks the route catalog, so a route added without an entry here fails.
 *
 * Callers: an anonymous one, one user per role in tenant A (see src/test/app.ts for their scope),
 * the admin of tenant B, who sends tenant A's code in X-Coherence-Tenant (a tenant where they
 * hold no role) and must still never see A's data, and a read-only API token of A with the
 * authority-admin role (see `readToken` below for its rule).
 *
 * The rules every row follows:
 * - anonymous → 401 on every route that is not public;
 * - a role without the action → 403 (checked before any record is looked up);
 * - a role with the action but a record outside its scope → 404, as if the record did not exist;
 * - tenant B's admin on a record of A → 404; on a list → 200 with B's data only;
 * - a refused answer (4xx) never carries A's data (UAIs, names of schools and units).
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

/** Expected statuses in the order of `callers`, but for the read-only token (see MatrixCase.readToken). */
export type Statuses = readonly [number, number, number, number, number, number, number, number, number];

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
  expect: Statuses;
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
  /**
   * What the read-only admin token gets. By default: a public route, what anonymous gets; a GET,
   * what the admin gets; any other method, 403 (a read token never writes).
   */
  readToken?: number;
  /** Puts back what the call changed (a password), after each caller. */
  after?(t: TestApp, caller: Caller): Promise<void>;
}

export interface MatrixEntry {
  /** Reachable without being logged in (health, OpenAPI, login). */
  public?: boolean;
  cases: MatrixCase[];
}

// ---------------------------------------------------------------- statuses

export const s = (...statuses: Statuses): Statuses => statuses;
export const everyone = (status: number): Statuses => s(status, status, status, status, status, status, status, status, status);
export const everyUser = (status: number): Statuses => s(401, status, status, status, status, status, status, status, status);

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

// ---------------------------------------------------------------- records set up for a call

let counter = 0;
export const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++counter}`;

async function establishmentVersion(t: TestApp, e: TestEstablishment) {
  const [row] = await t.ctx.db
    .select({ version: establishments.version })
    .from(establishments)
    .where(and(eq(establishments.tenantId, t.ids.a.tenantId), eq(establishments.id, e.id)));
  return row.version;
}

async function unitVersion(t: TestApp, unitId: string) {
  const [row] = await t.ctx.db
    .select({ version: territorialUnits.version })
    .from(territorialUnits)
    .where(and(eq(territorialUnits.tenantId, t.ids.a.tenantId), eq(territorialUnits.id, unitId)));
  return row.version;
}

async function newBuilding(t: TestApp, e: TestEstablishment) {
  const [row] = await t.ctx.db
    .insert(buildings)
    .values({ tenantId: t.ids.a.tenantId, establishmentId: e.id, name: unique('Bâtiment') })
    .returning();
  return row;
}

async function newRoom(t: TestApp, e: TestEstablishment) {
  const building = await newBuilding(t, e);
  const [row] = await t.ctx.db
    .insert(rooms)
    .values({ tenantId: t.ids.a.tenantId, establishmentId: e.id, buildingId: building.id, name: unique('Salle'), kind: 'classroom' })
    .returning();
  return { building, room: row };
}

/** A person with one auditor role in A only (so A may disable them), made for one call. */
async function newUserOfA(t: TestApp) {
  const email = `${unique('personne')}@essai.coherence.fr`;
  const user = await createUser(t.ctx, t.ids.a.tenantId, { email, displayName: `Personne ${email}` });
  const assignment = await assignRole(t.ctx, t.ids.a.tenantId, { userId: user.id, organizationId: t.ids.a.tenantId, role: 'auditor', unitIds: [] });
  return { user, assignment, email };
}

async function newTokenOfA(t: TestApp) {
  const [token] = await t.ctx.db
    .insert(apiTokens)
    .values({
      tenantId: t.ids.a.tenantId,
      name: unique('Jeton matrice'),
      tokenHash: unique('empreinte'),
      role: 'auditor',
      access: 'read',
      createdBy: t.ids.users['authority-admin'].id,
    })
    .returning();
  return token;
}

/** Two devices of A, inventoried once: one in the staff user's school (unit 1), one in a school of unit 2. */
export const assetsOfA = new WeakMap<TestApp, Promise<{ unit1: string; unit2: string }>>();
export function devicesOfA(t: TestApp) {
  let known = assetsOfA.get(t);
  if (!known) {
    const inventory = async (file: string, school: TestEstablishment) => {
      const message = parseGlpiMessage(fixtureText(`glpi-inventory-format/examples/${file}`));
      if (message.action === 'contact') throw new Error(`${file} n'est pas un inventaire`);
      const report = { ...normalizeGlpiJson(validateGlpiInventory(message.document)), tag: school.uai };
      return (await ingestReport(t.ctx, t.database, { tenantId: t.ids.a.tenantId, report, storeLastUser: false })).assetId;
    };
    known = (async () => ({ unit1: await inventory('computer_1.json', unit1School(t)), unit2: await inventory('computer_3.json', unit2School(t)) }))();
    assetsOfA.set(t, known);
  }
  return known;
}


/** Calls the API as A's (or B's) admin to set a record up; throws unless it answers 2xx. */
async function asAdmin(t: TestApp, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, tenant: 'a' | 'b' = 'a') {
  const response = await t.app.inject({ method, url, payload, headers: await t.headers(tenant === 'a' ? 'authority-admin' : 'admin-b') });
  if (response.statusCode >= 300) throw new Error(`préparation ${method} ${url} : ${response.statusCode} ${response.body}`);
  return response.json();
}

/** A device created by hand in a school of A, for one call. */
async function newDeviceOfA(t: TestApp, school: TestEstablishment): Promise<{ id: string; version: number }> {
  return asAdmin(t, 'POST', '/api/assets', { class: 'laptop', name: unique('Portable'), uai: school.uai });
}

async function softwareOfA(t: TestApp): Promise<number> {
  await devicesOfA(t);
  const [row] = await t.ctx.db.select({ id: software.id }).from(software).where(eq(software.tenantId, t.ids.a.tenantId)).limit(1);
  return row.id;
}

export const tenantOfCaller = (c: Caller) => (c === 'admin-b' ? 'b' : 'a') as 'a' | 'b';
export const tenantCodeOf = (t: TestApp, c: Caller) => (c === 'admin-b' ? t.ids.b.code : t.ids.a.code);


/** A report of the unassigned queue tagged with a school of A (so only A sees it), for one call. */
async function unassignedReportOfA(t: TestApp): Promise<string> {
  const message = parseGlpiMessage(fixtureText('glpi-inventory-format/examples/computer_2.json'));
  if (message.action === 'contact') throw new Error('computer_2.json n’est pas un inventaire');
  const report = { ...normalizeGlpiJson(validateGlpiInventory(message.document)), tag: unit1School(t).uai, deviceId: unique('poste') };
  const [row] = await t.ctx.db
    .insert(unassignedReports)
    .values({ receivedAt: new Date(), source: report.source, deviceId: report.deviceId, tag: report.tag, remoteAddress: '192.0.2.10', report })
    .returning({ id: unassignedReports.id });
  return row.id;
}

/** A one-device CSV placed in a school of the caller's own tenant. */
export function deviceFile(t: TestApp, c: Caller) {
  const school = c === 'admin-b' ? t.ids.establishmentsB[0] : unit1School(t);
  return frenchCsv([
    ['N° de série', 'UAI', 'Type', 'Nom'],
    [unique('SN'), school.uai, 'Portable', unique('Portable')],
  ]);
}

/** Devices of A a caller must not see (asset ids); filled once the devices exist. */
export const hiddenDevices = new WeakMap<TestApp, Record<string, string[]>>();

export const importRunsOfA = new WeakMap<TestApp, string>();
async function importRunOfA(t: TestApp) {
  const known = importRunsOfA.get(t);
  if (known) return known;
  const [run] = await t.ctx.db
    .insert(importRuns)
    .values({ tenantId: t.ids.a.tenantId, filename: 'lycees-a.json', mode: 'all-or-nothing', status: 'applied', createdBy: 'matrice', finishedAt: new Date() })
    .returning();
  importRunsOfA.set(t, run.id);
  return run.id;
}

/** A lycées JSON file made of the caller's own tenant's schools (re-importing them changes nothing). */
async function ownLyceesFile(t: TestApp, caller: Caller) {
  const list = caller === 'admin-b' ? t.ids.establishmentsB : t.ids.establishments.all;
  const rows = await t.ctx.db
    .select()
    .from(establishments)
    .where(eq(establishments.tenantId, caller === 'admin-b' ? t.ids.b.tenantId : t.ids.a.tenantId));
  const lycees = rows
    .filter((r) => list.some((e) => e.id === r.id))
    .map((r) => ({
      uai: r.uai,
      nom: r.name,
      ville: r.communeName,
      codeDept: r.departmentCode,
      academie: r.academyName,
      secteur: r.sector === 'public' ? 'public' : 'privé sous contrat',
      type: 'GT',
      codePostal: r.postalCode,
      adresse: r.address,
    }));
  return Buffer.from(JSON.stringify({ meta: { year: '2025' }, lycees }));
}

// ---------------------------------------------------------------- service desk (guichet): tickets set up for a call

/** The demo desk of A and B, seeded once per test app. */
export const desksSeeded = new WeakMap<TestApp, Promise<void>>();
export function deskOf(t: TestApp) {
  let seeded = desksSeeded.get(t);
  if (!seeded) {
    seeded = (async () => {
      await seedGuichetDemo(t.ctx, t.ids.a.tenantId);
      await seedGuichetDemo(t.ctx, t.ids.b.tenantId);
    })();
    desksSeeded.set(t, seeded);
  }
  return seeded;
}

type TicketKind = 'unit1' | 'contractor' | 'academy';
export const ticketTitles: Record<TicketKind, string> = {
  unit1: 'Matrice : poste du lycée du secteur 1',
  contractor: 'Matrice : panne confiée au prestataire',
  academy: 'Matrice : logiciel pédagogique',
};

/**
 * A ticket of A, for one call: 'unit1' at the staff user's school, asked by the staff user, with
 * the sector-1 technicians; 'contractor' at a school of unit 2, assigned to the contractor's
 * team; 'academy' a pedagogical-software ticket at Lille's school without unit, with the Académie.
 */
async function newTicketOfA(t: TestApp, kind: TicketKind, extra: Record<string, unknown> = {}): Promise<{ id: string; version: number }> {
  await deskOf(t);
  const school = kind === 'unit1' ? unit1School(t) : kind === 'contractor' ? unit2School(t) : lilleNoUnit(t);
  const ticket = await asAdmin(t, 'POST', '/api/tickets', {
    uai: school.uai,
    title: ticketTitles[kind],
    description: 'Créé pour la matrice des autorisations.',
    type: 'incident',
    urgency: 3,
    impact: 3,
    channel: 'phone',
    category: kind === 'academy' ? 'pedagogical-software' : 'devices',
    requester: kind === 'unit1' ? { userId: t.ids.users['establishment-staff'].id } : { name: 'Accueil du lycée' },
    ...extra,
  });
  if (kind !== 'contractor') return ticket;
  const teams: { items: { id: string; organization: { id: string } }[] } = await asAdmin(t, 'GET', '/api/desk/teams');
  const team = teams.items.find((x) => x.organization.id === t.ids.contractorOrg.tenantId)!;
  return asAdmin(t, 'POST', `/api/tickets/${ticket.id}/status`, { action: 'assign', version: ticket.version, teamId: team.id });
}

/** One ticket of each kind, made once per test app, for the read routes. */
export const ticketsOfA = new WeakMap<TestApp, Promise<Record<TicketKind, string>>>();
export function standingTickets(t: TestApp) {
  let known = ticketsOfA.get(t);
  if (!known) {
    known = (async () => ({
      unit1: (await newTicketOfA(t, 'unit1')).id,
      contractor: (await newTicketOfA(t, 'contractor')).id,
      academy: (await newTicketOfA(t, 'academy')).id,
    }))();
    ticketsOfA.set(t, known);
  }
  return known;
}

/** The unit-1 ticket, solved by the desk: the requester (the staff user) may answer and rate it. */
async function solvedTicketOfA(t: TestApp) {
  const ticket = await newTicketOfA(t, 'unit1');
  return asAdmin(t, 'POST', `/api/tickets/${ticket.id}/status`, { action: 'solve', version: ticket.version, solution: 'Poste remplacé.' });
}

export const attachmentsOfA = new WeakMap<TestApp, Promise<{ ticketId: string; id: string }>>();
export function attachmentOfA(t: TestApp) {
  let known = attachmentsOfA.get(t);
  if (!known) {
    known = (async () => {
      const ticketId = (await standingTickets(t)).unit1;
      const body = multipartBody({ name: 'constat.txt', bytes: Buffer.from('Écran fissuré.'), type: 'text/plain' });
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/tickets/${ticketId}/attachments`,
        headers: { ...(await t.headers('authority-admin')), 'content-type': body.contentType },
        payload: body.payload,
      });
      if (response.statusCode !== 201) throw new Error(`pièce jointe de la matrice : ${response.statusCode} ${response.body}`);
      return { ticketId, id: response.json().id as string };
    })();
    attachmentsOfA.set(t, known);
  }
  return known;
}

/** Titles of the standing tickets a caller must not see in lists and exports. */
export function unreadableTickets(caller: Caller): string[] {
  const readable: Record<Caller, TicketKind[]> = {
    anonymous: [],
    'authority-admin': ['unit1', 'contractor', 'academy'],
    steering: ['unit1', 'contractor', 'academy'],
    auditor: ['unit1', 'contractor', 'academy'],
    'read-token': ['unit1', 'contractor', 'academy'],
    technician: ['unit1'],
    'establishment-staff': ['unit1'],
    'academy-staff': ['academy'],
    contractor: ['contractor'],
    'admin-b': [],
  };
  return (Object.keys(ticketTitles) as TicketKind[]).filter((k) => !readable[caller].includes(k)).map((k) => ticketTitles[k]);
}

// Columns:                       anon  admin steer tech  staff acad  contr audit adm-B
export const handleUnit1Ticket = s(401, 200, 403, 200, 403, 404, 404, 403, 404);
export const commentUnit1Ticket = s(401, 201, 403, 201, 201, 404, 404, 403, 404);
export const requesterOfUnit1Ticket = s(401, 403, 403, 403, 200, 404, 404, 403, 404);


// ---------------------------------------------------------------- the matrix

export const unit1School = (t: TestApp) => t.ids.establishments.unit1[0]; // the staff user's school, Lille
export const unit2School = (t: TestApp) => t.ids.establishments.unit2[0]; // Amiens, the contractor's unit
export const lilleNoUnit = (t: TestApp) => t.ids.establishments.noUnitLille;

/** Read routes on one school, for three schools that different roles reach. */
export function onSchools(
  build: (t: TestApp, e: TestEstablishment, caller: Caller) => MatrixRequest | Promise<MatrixRequest>,
  expectations: { unit1: Statuses; unit2: Statuses; lilleNoUnit?: Statuses },
  options: { showRecord?: boolean } = {},
): MatrixCase[] {
  const targets: [string, (t: TestApp) => TestEstablishment, Statuses | undefined][] = [
    ['lycée du secteur 1 (Lille)', unit1School, expectations.unit1],
    ['lycée du secteur 2 (Amiens)', unit2School, expectations.unit2],
    ['lycée de Lille sans unité', lilleNoUnit, expectations.lilleNoUnit],
  ];
  return targets
    .filter((target): target is [string, (t: TestApp) => TestEstablishment, Statuses] => target[2] !== undefined)
    .map(([label, school, expect]) => ({
      label,
      expect,
      request: (t, c) => build(t, school(t), c),
      record: (t) => establishmentTokens(school(t)),
      ...(options.showRecord ? { shown: (t: TestApp) => establishmentTokens(school(t)) } : {}),
    }));
}

// Columns:                 anon  admin steer tech  staff acad  contr audit adm-B
export const premisesOnUnit1 = s(401, 200, 403, 200, 200, 403, 403, 403, 404);
export const premisesOnUnit2 = s(401, 200, 403, 404, 404, 403, 403, 403, 404);
export const assetReaders = s(401, 200, 200, 200, 200, 403, 200, 200, 200);
/** A fleet page of one school (?uai=): out of the caller's scope, or in another tenant, it does not exist. */
export const fleetOfOneSchool = {
  //       anon  admin steer tech  staff acad  contr audit adm-B
  unit1: s(401, 200, 200, 200, 200, 403, 404, 200, 404),
  unit2: s(401, 200, 200, 404, 404, 403, 200, 200, 404),
};
export const inventoryManagers = (ok: number) => s(401, ok, 403, 403, 403, 403, 403, 403, ok);
export const created = (x: Statuses) => x.map((v) => (v === 200 ? 201 : v)) as unknown as Statuses;
export const deleted = (x: Statuses) => x.map((v) => (v === 200 ? 204 : v)) as unknown as Statuses;

export const authzMatrix: Record<string, MatrixEntry> = {
  // ------------------------------------------------------------ platform
  getHealth: { public: true, cases: [{ expect: everyone(200), request: () => ({ url: '/api/health' }) }] },
  getOpenApi: { public: true, cases: [{ expect: everyone(200), request: () => ({ url: '/api/openapi.json' }) }] },

  // ------------------------------------------------------------ auth
  login: {
    public: true,
    cases: [
      {
        label: 'ses propres identifiants (ceux du pilotage de A pour l’anonyme)',
        expect: everyone(200),
        request: (t, c) => ({ method: 'POST', url: '/api/auth/login', payload: { email: t.ids.users[asUser(c) ?? 'steering'].email, password: testPassword } }),
        hidden: (t, c) => (asUser(c) ? [t.ids.users[c === 'admin-b' ? 'authority-admin' : 'admin-b'].email] : []),
      },
    ],
  },
  getAuthProviders: { public: true, cases: [{ expect: everyone(200), request: () => ({ url: '/api/auth/providers' }) }] },
  // without COHERENCE_OIDC_ISSUER both redirect to the sign-in page with a reason
  startOidcLogin: { public: true, cases: [{ expect: everyone(302), request: () => ({ url: '/api/auth/oidc/login' }) }] },
  completeOidcLogin: {
    public: true,
    cases: [{ expect: everyone(302), request: () => ({ url: '/api/auth/oidc/callback', query: { code: 'x', state: 'y' } }) }],
  },
  changePassword: {
    cases: [
      {
        expect: everyUser(200),
        readToken: 401, // a session route: a token is nobody's password
        freshSession: true,
        endsAllSessions: true,
        request: () => ({ method: 'POST', url: '/api/auth/password', payload: { currentPassword: testPassword, newPassword: 'Autre-Mot-De-Passe-2026!' } }),
        after: async (t, c) => {
          const user = asUser(c);
          if (!user) return;
          await t.ctx.db.update(users).set({ passwordHash: await hashPassword(testPassword) }).where(eq(users.id, t.ids.users[user].id));
        },
      },
    ],
  },
  logout: {
    public: true,
    cases: [{ expect: everyone(204), freshSession: true, request: () => ({ method: 'POST', url: '/api/auth/logout' }) }],
  },
  logoutEverywhere: {
    cases: [{ expect: everyUser(200), readToken: 401, freshSession: true, endsAllSessions: true, request: () => ({ method: 'POST', url: '/api/auth/logout-everywhere' }) }],
  },
  getMe: { cases: [{ expect: everyUser(200), readToken: 401, request: () => ({ url: '/api/auth/me' }) }] },

  // ------------------------------------------------------------ inventory agents
  // Agents authenticate with their own HTTP Basic credentials (or a tag, or a declared network),
  // never with a session or an API token: a report without agent credentials is refused to all.
  receiveAgentInventory: {
    public: true,
    cases: [
      {
        label: 'inventaire FusionInventory sans identifiants d’agent',
        expect: everyone(401),
        request: () => ({
          method: 'POST',
          url: '/api/v1/inventory',
          payload: readFileSync(fileURLToPath(new URL('../../fixtures/inventory/fusioninventory-debian12-vm.xml', import.meta.url))),
          headers: { 'content-type': 'application/xml' },
        }),
      },
    ],
  },

  // ------------------------------------------------------------ parc: devices
  listAssets: {
    cases: [
      {
        //        anon  admin steer tech  staff acad  contr audit adm-B
        expect: s(401, 200, 200, 200, 200, 403, 200, 200, 200),
        request: async (t) => {
          const devices = await devicesOfA(t);
          const outside = { unit1: [devices.unit2], unit2: [devices.unit1], none: [devices.unit1, devices.unit2] };
          hiddenDevices.set(t, {
            technician: outside.unit1,
            'establishment-staff': outside.unit1,
            contractor: outside.unit2,
            'admin-b': outside.none,
          });
          return { url: '/api/assets', query: { pageSize: '100' } };
        },
        hidden: (t, c) => hiddenDevices.get(t)?.[c] ?? [],
      },
    ],
  },
  getAsset: {
    cases: [
      {
        label: 'poste du lycée du secteur 1',
        //        anon  admin steer tech  staff acad  contr audit adm-B
        expect: s(401, 200, 200, 200, 200, 403, 404, 200, 404),
        request: async (t) => ({ url: `/api/assets/${(await devicesOfA(t)).unit1}` }),
        record: (t) => establishmentTokens(unit1School(t)),
      },
      {
        label: 'poste du lycée du secteur 2',
        expect: s(401, 200, 200, 404, 404, 403, 200, 200, 404),
        request: async (t) => ({ url: `/api/assets/${(await devicesOfA(t)).unit2}` }),
        record: (t) => establishmentTokens(unit2School(t)),
      },
    ],
  },

  // read with asset.read: every role but the académie's; each tenant its own fleet
  exportAssets: { cases: [{ expect: assetReaders, request: () => ({ url: '/api/assets/export', query: { format: 'csv' } }) }] },
  getFleetStats: {
    cases: [{ expect: assetReaders, request: () => ({ url: '/api/fleet/stats' }) }, ...onSchools((_t, e) => ({ url: '/api/fleet/stats', query: { uai: e.uai } }), fleetOfOneSchool, { showRecord: true })],
  },
  getRenewalForecast: {
    cases: [{ expect: assetReaders, request: () => ({ url: '/api/fleet/renewal' }) }, ...onSchools((_t, e) => ({ url: '/api/fleet/renewal', query: { uai: e.uai } }), fleetOfOneSchool)],
  },
  listFleetEstablishments: {
    cases: [{ expect: assetReaders, request: () => ({ url: '/api/fleet/establishments' }), hidden: (t, c) => unreadableUais(t, c) }],
  },
  listLifecycleDevices: {
    cases: [{ expect: assetReaders, request: () => ({ url: '/api/fleet/lifecycle' }) }, ...onSchools((_t, e) => ({ url: '/api/fleet/lifecycle', query: { uai: e.uai } }), fleetOfOneSchool)],
  },
  listSoftware: { cases: [{ expect: assetReaders, request: () => ({ url: '/api/software' }) }] },
  listSoftwareInstallations: {
    cases: [
      {
        label: 'un logiciel inventorié chez A',
        //        anon  admin steer tech  staff acad  contr audit adm-B
        expect: s(401, 200, 200, 200, 200, 403, 200, 200, 404),
        request: async (t) => ({ url: `/api/software/${await softwareOfA(t)}/installations` }),
        hidden: (t, c) => unreadableUais(t, c),
      },
    ],
  },
  createAsset: {
    cases: onSchools(
      (_t, e) => ({ method: 'POST', url: '/api/assets', payload: { class: 'laptop', name: unique('Portable'), uai: e.uai } }),
      {
        // a school out of the caller's scope is refused like an unknown one: 400 on the uai field
        //             anon  admin steer tech  staff acad  contr audit adm-B
        unit1: s(401, 201, 403, 201, 403, 403, 403, 403, 400),
        unit2: s(401, 201, 403, 400, 403, 403, 403, 403, 400),
      },
    ).map((c) => ({ ...c, record: undefined, echoed: (t: TestApp) => [unit1School(t).uai, unit2School(t).uai] })),
  },
  updateAsset: {
    cases: onSchools(
      async (t, e) => {
        const device = await newDeviceOfA(t, e);
        return { url: `/api/assets/${device.id}`, payload: { version: device.version, name: unique('Portable') } };
      },
      {
        //             anon  admin steer tech  staff acad  contr audit adm-B
        unit1: s(401, 200, 403, 200, 403, 403, 403, 403, 404),
        unit2: s(401, 200, 403, 404, 403, 403, 403, 403, 404),
      },
    ),
  },
  bulkUpdateAssets: {
    cases: onSchools(
      async (t, e) => {
        const device = await newDeviceOfA(t, e);
        return { url: '/api/assets/bulk', payload: { action: 'set-status', ids: [device.id], status: 'in-repair' } };
      },
      {
        //             anon  admin steer tech  staff acad  contr audit adm-B
        unit1: s(401, 200, 403, 200, 403, 403, 403, 403, 404),
        unit2: s(401, 200, 403, 404, 403, 403, 403, 403, 404),
      },
    ),
  },

  mergeAssets: {
    cases: onSchools(
      async (t, e) => {
        const [keep, merged] = [await newDeviceOfA(t, e), await newDeviceOfA(t, e)];
        return { url: '/api/assets/merge', payload: { keepId: keep.id, mergeId: merged.id } };
      },
      {
        //             anon  admin steer tech  staff acad  contr audit adm-B
        unit1: s(401, 200, 403, 200, 403, 403, 403, 403, 404),
        unit2: s(401, 200, 403, 404, 403, 403, 403, 403, 404),
      },
    ),
  },
  undoAssetMatch: {
    cases: onSchools(
      async (t, e) => {
        const [keep, merged] = [await newDeviceOfA(t, e), await newDeviceOfA(t, e)];
        await asAdmin(t, 'POST', '/api/assets/merge', { keepId: keep.id, mergeId: merged.id });
        const detail = await asAdmin(t, 'GET', `/api/assets/${keep.id}`);
        return { url: `/api/assets/${keep.id}/matches/${detail.matches[0].id}/undo` };
      },
      {
        //             anon  admin steer tech  staff acad  contr audit adm-B
        unit1: s(401, 200, 403, 200, 403, 403, 403, 403, 404),
        unit2: s(401, 200, 403, 404, 403, 403, 403, 403, 404),
      },
    ),
  },
  previewAssetImport: {
    cases: [
      {
        //        anon  admin steer tech  staff acad  contr audit adm-B
        expect: s(401, 200, 403, 200, 403, 403, 403, 403, 200),
        request: (t, c) => {
          const body = multipartBody({ name: 'parc.csv', bytes: deviceFile(t, c), type: 'text/csv' });
          return { method: 'POST', url: '/api/assets/import/preview', payload: body.payload, headers: { 'content-type': body.contentType } };
        },
      },
    ],
  },
  importAssets: {
    cases: [
      {
        label: 'un poste dans une école de sa propre collectivité',
        //        anon  admin steer tech  staff acad  contr audit adm-B
        expect: s(401, 200, 403, 200, 403, 403, 403, 403, 200),
        request: (t, c) => {
          const body = multipartBody({ name: 'parc.csv', bytes: deviceFile(t, c), type: 'text/csv' }, { mode: 'all-or-nothing' });
          return { method: 'POST', url: '/api/assets/import', payload: body.payload, headers: { 'content-type': body.contentType } };
        },
      },
    ],
  },
  attachUnassignedReport: {
    cases: [
      {
        label: 'un rapport étiqueté d’un lycée de A',
        //        anon  admin steer tech  staff acad  contr audit adm-B
        expect: s(401, 200, 403, 403, 403, 403, 403, 403, 404),
        request: async (t) => ({ url: `/api/inventory/unassigned/${await unassignedReportOfA(t)}/attach` }),
      },
    ],
  },

  // ------------------------------------------------------------ parc: deliveries (deployments)
  listDeployments: { cases: [{ expect: assetReaders, request: () => ({ url: '/api/deployments' }) }] },
  createDeployment: {
    cases: onSchools(
      (_t, e) => ({ method: 'POST', url: '/api/deployments', payload: { uai: e.uai, label: unique('Livraison'), deliveredAt: '2026-03-02T08:00:00Z', serials: [unique('SN')] } }),
      {
        //             anon  admin steer tech  staff acad  contr audit adm-B
        unit1: s(401, 201, 403, 201, 403, 403, 403, 403, 404),
        unit2: s(401, 201, 403, 404, 403, 403, 403, 403, 404),
      },
    ),
  },
  getDeployment: {
    cases: onSchools(
      async (t, e) => {
        const batch = await asAdmin(t, 'POST', '/api/deployments', { uai: e.uai, label: unique('Livraison'), deliveredAt: '2026-03-02T08:00:00Z', serials: [unique('SN')] });
        return { url: `/api/deployments/${batch.id}` };
      },
      {
        //             anon  admin steer tech  staff acad  contr audit adm-B
        unit1: s(401, 200, 200, 200, 200, 403, 404, 200, 404),
        unit2: s(401, 200, 200, 404, 404, 403, 200, 200, 404),
      },
    ),
  },
  advanceDeployment: {
    cases: onSchools(
      async (t, e) => {
        const batch = await asAdmin(t, 'POST', '/api/deployments', { uai: e.uai, label: unique('Livraison'), deliveredAt: '2026-03-02T08:00:00Z', serials: [unique('SN')] });
        return { url: `/api/deployments/${batch.id}/advance`, payload: { step: 'installed', all: true } };
      },
      {
        //             anon  admin steer tech  staff acad  contr audit adm-B
        unit1: s(401, 200, 403, 200, 403, 403, 403, 403, 404),
        unit2: s(401, 200, 403, 404, 403, 403, 403, 403, 404),
      },
    ),
  },

  // ------------------------------------------------------------ parc: inventory settings (inventory.manage: the admin)
  // inventory.manage is not a read-only action: a read token is refused even the GETs
  getInventorySettings: { cases: [{ expect: inventoryManagers(200), readToken: 403, request: () => ({ url: '/api/inventory/settings' }) }] },
  updateInventorySettings: {
    cases: [
      {
        expect: inventoryManagers(200),
        request: async (t, c) => {
          const { version, ...current } = await asAdmin(t, 'GET', '/api/inventory/settings', undefined, tenantOfCaller(c));
          return { url: '/api/inventory/settings', payload: { ...current, version } };
        },
      },
    ],
  },
  listAgentCredentials: { cases: [{ expect: inventoryManagers(200), readToken: 403, request: () => ({ url: '/api/inventory/credentials' }) }] },
  createAgentCredential: {
    cases: [
      {
        expect: inventoryManagers(201),
        request: (t, c) => ({ method: 'POST', url: '/api/inventory/credentials', payload: { username: `${tenantCodeOf(t, c)}/${unique('agent')}`, label: 'Agents du banc' } }),
      },
    ],
  },
  revokeAgentCredential: {
    cases: [
      {
        label: 'un identifiant d’agent de A',
        //        anon  admin steer tech  staff acad  contr audit adm-B
        expect: s(401, 204, 403, 403, 403, 403, 403, 403, 404),
        request: async (t) => {
          const created = await asAdmin(t, 'POST', '/api/inventory/credentials', { username: `${t.ids.a.code}/${unique('agent')}`, label: 'À révoquer' });
          return { url: `/api/inventory/credentials/${encodeURIComponent(created.username)}` };
        },
      },
    ],
  },
  listUnassignedReports: { cases: [{ expect: inventoryManagers(200), readToken: 403, request: () => ({ url: '/api/inventory/unassigned' }) }] },

  // ------------------------------------------------------------ API tokens
  listApiTokens: { cases: [{ expect: s(401, 200, 403, 403, 403, 403, 403, 403, 200), readToken: 403, request: () => ({ url: '/api/tokens' }) }] },
  createApiToken: {
    cases: [
      {
        //        anon  admin steer tech  staff acad  contr audit adm-B
        expect: s(401, 201, 403, 403, 403, 403, 403, 403, 201),
        request: () => ({ method: 'POST', url: '/api/tokens', payload: { name: unique('Jeton'), access: 'read', role: 'auditor', unitIds: [] } }),
      },
    ],
  },
  revokeApiToken: {
    cases: [
      {
        label: 'un jeton de A',
        expect: s(401, 200, 403, 403, 403, 403, 403, 403, 404),
        request: async (t) => ({ url: `/api/tokens/${(await newTokenOfA(t)).id}` }),
      },
    ],
  },

  // ------------------------------------------------------------ users and roles
  listUsers: {
    cases: [
      {
        //        anon  admin steer tech  staff acad  contr audit adm-B
        expect: s(401, 200, 200, 403, 403, 403, 403, 200, 200),
        request: () => ({ url: '/api/users', query: { pageSize: '100' } }),
        shown: (t, c) => (c === 'admin-b' ? [t.ids.users['admin-b'].email] : emailsOfA(t)),
        hidden: (t, c) => (c === 'admin-b' ? [] : [t.ids.users['admin-b'].email]),
      },
    ],
  },
  exportUsers: {
    cases: [
      {
        expect: s(401, 200, 200, 403, 403, 403, 403, 200, 200),
        request: () => ({ url: '/api/users/export', query: { format: 'csv' } }),
        shown: (t, c) => (c === 'admin-b' ? [t.ids.users['admin-b'].email] : emailsOfA(t)),
        hidden: (t, c) => (c === 'admin-b' ? [] : [t.ids.users['admin-b'].email]),
      },
    ],
  },
  getRoleOptions: {
    cases: [
      {
        expect: s(401, 200, 200, 403, 403, 403, 403, 200, 200),
        request: () => ({ url: '/api/users/options' }),
        shown: (t, c) => (c === 'admin-b' ? [t.ids.b.name] : [t.ids.a.name, t.ids.academy.name, t.ids.contractorOrg.name]),
        hidden: (t, c) => (c === 'admin-b' ? [t.ids.a.name] : [t.ids.b.name]),
      },
    ],
  },
  getUser: {
    cases: [
      {
        label: 'le technicien de A',
        //        anon  admin steer tech  staff acad  contr audit adm-B
        expect: s(401, 200, 200, 403, 403, 403, 403, 200, 404),
        request: (t) => ({ url: `/api/users/${t.ids.users.technician.id}` }),
        record: (t) => [t.ids.users.technician.email, t.ids.users.technician.displayName],
        shown: (t) => [t.ids.users.technician.email],
      },
    ],
  },
  addUser: {
    cases: [
      {
        //        anon  admin steer tech  staff acad  contr audit adm-B
        expect: s(401, 201, 403, 403, 403, 403, 403, 403, 201),
        request: () => ({
          method: 'POST',
          url: '/api/users',
          payload: { email: `${unique('nouveau')}@essai.coherence.fr`, displayName: 'Nouvelle personne', role: 'auditor', unitIds: [] },
        }),
      },
    ],
  },
  grantRole: {
    cases: [
      {
        label: 'une personne de A',
        expect: s(401, 201, 403, 403, 403, 403, 403, 403, 404),
        request: async (t) => {
          const { user } = await newUserOfA(t);
          return { url: `/api/users/${user.id}/roles`, payload: { role: 'steering', unitIds: [] } };
        },
      },
    ],
  },
  removeRole: {
    cases: [
      {
        label: 'le rôle d’une personne de A',
        expect: s(401, 204, 403, 403, 403, 403, 403, 403, 404),
        request: async (t) => {
          const { user, assignment } = await newUserOfA(t);
          return { url: `/api/users/${user.id}/roles/${assignment.id}` };
        },
      },
    ],
  },
  disableUser: {
    cases: [
      {
        label: 'une personne de A',
        expect: s(401, 200, 403, 403, 403, 403, 403, 403, 404),
        request: async (t) => ({ url: `/api/users/${(await newUserOfA(t)).user.id}/disable` }),
      },
    ],
  },
  enableUser: {
    cases: [
      {
        label: 'une personne désactivée de A',
        expect: s(401, 200, 403, 403, 403, 403, 403, 403, 404),
        request: async (t) => {
          const { user } = await newUserOfA(t);
          await t.ctx.db.update(users).set({ active: false }).where(eq(users.id, user.id));
          return { url: `/api/users/${user.id}/enable` };
        },
      },
    ],
  },

  // ------------------------------------------------------------ establishments
  listEstablishments: {
    cases: [
      {
        expect: everyUser(200),
        request: () => ({ url: '/api/establishments', query: { pageSize: '100' } }),
        hidden: (t, c) => unreadableUais(t, c),
        shown: (t, c) => (c === 'admin-b' ? t.ids.establishmentsB.map((e) => e.uai) : readableUais(t, c)),
      },
      {
        label: 'recherche du nom d’un lycée du secteur 2',
        expect: everyUser(200),
        request: (t) => ({ url: '/api/establishments', query: { search: unit2School(t).name } }),
        hidden: (t, c) => unreadableUais(t, c),
      },
    ],
  },
  getEstablishmentStats: {
    cases: [
      {
        expect: everyUser(200),
        request: () => ({ url: '/api/establishments/stats' }),
        // counts only what the caller may read
        shown: (t, c) => [`"total":${c === 'admin-b' ? t.ids.establishmentsB.length : readableUais(t, c).length}`],
      },
    ],
  },
  exportEstablishments: {
    cases: [
      {
        //        anon  admin steer tech  staff acad  contr audit adm-B
        expect: s(401, 200, 200, 200, 403, 200, 403, 200, 200),
        request: () => ({ url: '/api/establishments/export', query: { format: 'csv' } }),
        hidden: (t, c) => unreadableUais(t, c),
        shown: (t, c) => (c === 'admin-b' ? t.ids.establishmentsB.map((e) => e.uai) : readableUais(t, c)),
      },
    ],
  },
  getEstablishment: {
    cases: onSchools(
      (_t, e) => ({ url: `/api/establishments/${e.uai}` }),
      {
        //             anon  admin steer tech  staff acad  contr audit adm-B
        unit1: s(401, 200, 200, 200, 200, 200, 404, 200, 404),
        unit2: s(401, 200, 200, 404, 404, 404, 200, 200, 404),
        lilleNoUnit: s(401, 200, 200, 404, 404, 200, 404, 200, 404),
      },
      { showRecord: true },
    ),
  },
  updateEstablishment: {
    cases: onSchools(
      async (t, e) => ({ url: `/api/establishments/${e.uai}`, payload: { version: await establishmentVersion(t, e), phone: `03 20 00 00 ${String(++counter % 100).padStart(2, '0')}` } }),
      {
        //             anon  admin steer tech  staff acad  contr audit adm-B
        unit1: s(401, 200, 403, 403, 403, 403, 403, 403, 404),
        unit2: s(401, 200, 403, 403, 403, 403, 403, 403, 404),
      },
      { showRecord: true },
    ),
  },
  getEstablishmentHistory: {
    cases: onSchools(
      (_t, e) => ({ url: `/api/establishments/${e.uai}/history` }),
      {
        //             anon  admin steer tech  staff acad  contr audit adm-B
        unit1: s(401, 200, 200, 403, 403, 403, 403, 200, 404),
        unit2: s(401, 200, 200, 403, 403, 403, 403, 200, 404),
      },
    ),
  },

  // ------------------------------------------------------------ buildings and rooms
  createBuilding: {
    cases: onSchools((_t, e) => ({ url: `/api/establishments/${e.uai}/buildings`, payload: { name: unique('Bâtiment') } }), {
      unit1: created(premisesOnUnit1),
      unit2: created(premisesOnUnit2),
    }),
  },
  updateBuilding: {
    cases: onSchools(
      async (t, e) => {
        const building = await newBuilding(t, e);
        return { url: `/api/establishments/${e.uai}/buildings/${building.id}`, payload: { name: unique('Bâtiment'), version: building.version } };
      },
      { unit1: premisesOnUnit1, unit2: premisesOnUnit2 },
    ),
  },
  deleteBuilding: {
    cases: onSchools(
      async (t, e) => {
        const building = await newBuilding(t, e);
        return { url: `/api/establishments/${e.uai}/buildings/${building.id}`, query: { version: String(building.version) } };
      },
      { unit1: deleted(premisesOnUnit1), unit2: deleted(premisesOnUnit2) },
    ),
  },
  createRoom: {
    cases: onSchools(
      async (t, e) => {
        const building = await newBuilding(t, e);
        return { url: `/api/establishments/${e.uai}/rooms`, payload: { buildingId: building.id, name: unique('Salle'), kind: 'classroom' } };
      },
      { unit1: created(premisesOnUnit1), unit2: created(premisesOnUnit2) },
    ),
  },
  updateRoom: {
    cases: onSchools(
      async (t, e) => {
        const { building, room } = await newRoom(t, e);
        return {
          url: `/api/establishments/${e.uai}/rooms/${room.id}`,
          payload: { buildingId: building.id, name: unique('Salle'), kind: 'lab', floor: '1', version: room.version },
        };
      },
      { unit1: premisesOnUnit1, unit2: premisesOnUnit2 },
    ),
  },
  deleteRoom: {
    cases: onSchools(
      async (t, e) => {
        const { room } = await newRoom(t, e);
        return { url: `/api/establishments/${e.uai}/rooms/${room.id}`, query: { version: String(room.version) } };
      },
      { unit1: deleted(premisesOnUnit1), unit2: deleted(premisesOnUnit2) },
    ),
  },

  // ------------------------------------------------------------ units and organizations
  listUnits: {
    cases: [
      {
        //        anon  admin steer tech  staff acad  contr audit adm-B
        expect: s(401, 200, 200, 200, 403, 200, 403, 200, 200),
        request: () => ({ url: '/api/units' }),
        shown: (t, c) => (c === 'admin-b' ? [t.ids.unitB.name] : [t.ids.unit1.name, t.ids.unit2.name]),
      },
    ],
  },
  createUnit: {
    cases: [
      {
        //        anon  admin steer tech  staff acad  contr audit adm-B
        expect: s(401, 201, 403, 403, 403, 403, 403, 403, 201),
        request: () => ({ method: 'POST', url: '/api/units', payload: { code: unique('AG'), name: unique('Agence matrice'), kind: 'agency' } }),
      },
    ],
  },
  updateUnit: {
    cases: [
      {
        label: 'agence 1 de A',
        //        anon  admin steer tech  staff acad  contr audit adm-B
        expect: s(401, 200, 403, 403, 403, 403, 403, 403, 404),
        request: async (t) => ({ url: `/api/units/${t.ids.unit1.id}`, payload: { version: await unitVersion(t, t.ids.unit1.id), name: t.ids.unit1.name } }),
        record: (t) => [t.ids.unit1.name, t.ids.unit1.code],
      },
    ],
  },
  listOrganizations: {
    cases: [
      {
        expect: everyUser(200),
        request: () => ({ url: '/api/organizations' }),
        shown: (t, c) => (c === 'admin-b' ? [t.ids.b.name] : [t.ids.a.name, t.ids.academy.name, t.ids.contractorOrg.name]),
        hidden: (t, c) => (c === 'admin-b' ? [t.ids.a.name] : [t.ids.b.name]),
      },
    ],
  },
  addPartner: {
    cases: [
      {
        //        anon  admin steer tech  staff acad  contr audit adm-B
        expect: s(401, 201, 403, 403, 403, 403, 403, 403, 201),
        request: () => ({ method: 'POST', url: '/api/organizations', payload: { code: unique('partenaire'), kind: 'contractor', name: unique('Partenaire matrice') } }),
      },
    ],
  },

  // ------------------------------------------------------------ imports and audit
  importEstablishments: {
    cases: [
      {
        label: 'le fichier de ses propres lycées, attendu jusqu’au bout',
        //        anon  admin steer tech  staff acad  contr audit adm-B
        expect: s(401, 200, 403, 403, 403, 403, 403, 403, 200),
        request: async (t, c) => {
          const body = multipartBody({ name: 'lycees.json', bytes: await ownLyceesFile(t, c), type: 'application/json' }, { mode: 'all-or-nothing' });
          return { method: 'POST', url: '/api/imports/establishments', query: { wait: 'true' }, payload: body.payload, headers: { 'content-type': body.contentType } };
        },
      },
    ],
  },
  listImports: {
    cases: [{ expect: s(401, 200, 403, 403, 403, 403, 403, 403, 200), readToken: 403, request: () => ({ url: '/api/imports' }) }],
  },
  getImport: {
    cases: [
      {
        label: 'un import de A',
        //        anon  admin steer tech  staff acad  contr audit adm-B
        expect: s(401, 200, 403, 403, 403, 403, 403, 403, 404),
        readToken: 403,
        request: async (t) => ({ url: `/api/imports/${await importRunOfA(t)}` }),
      },
    ],
  },
  listAuditEvents: {
    cases: [{ expect: s(401, 200, 200, 403, 403, 403, 403, 200, 200), request: () => ({ url: '/api/audit', query: { pageSize: '100' } }) }],
  },

  // ------------------------------------------------------------ service desk (guichet)
  // Reading follows the ticket scope (src/modules/guichet/ticket-access.ts): the sector's
  // technicians, the school's heads and referents, the Académie its own scope, a contractor only
  // what is assigned to it. Working on a ticket needs ticket.handle (403 before any lookup).
  createTicket: {
    cases: onSchools(
      (_t, e) => ({
        method: 'POST',
        url: '/api/tickets',
        payload: { uai: e.uai, title: unique('Matrice'), description: 'Ouvert par la matrice.', type: 'incident', urgency: 3, impact: 3 },
      }),
      {
        // a school out of the caller's scope is refused like an unknown one: 400 on the uai field
        //             anon  admin steer tech  staff acad  contr audit adm-B
        unit1: s(401, 201, 403, 201, 201, 201, 403, 403, 400),
        unit2: s(401, 201, 403, 400, 400, 400, 403, 403, 400),
      },
    ).map((c) => ({
      ...c,
      record: undefined,
      echoed: (t: TestApp) => [unit1School(t).uai, unit2School(t).uai],
      request: async (t: TestApp, caller: Caller) => {
        await deskOf(t);
        return c.request(t, caller);
      },
    })),
  },
  listTickets: {
    cases: [
      {
        expect: everyUser(200),
        request: async (t) => {
          await standingTickets(t);
          return { url: '/api/tickets', query: { pageSize: '200' } };
        },
        hidden: (_t, c) => unreadableTickets(c),
        shown: (_t, c) => (c === 'authority-admin' ? Object.values(ticketTitles) : []),
      },
    ],
  },
  exportTickets: {
    cases: [
      {
        //        anon  admin steer tech  staff acad  contr audit adm-B
        expect: s(401, 200, 200, 200, 403, 200, 403, 200, 200),
        request: async (t) => {
          await standingTickets(t);
          return { url: '/api/tickets/export', query: { format: 'csv' } };
        },
        hidden: (_t, c) => unreadableTickets(c),
      },
    ],
  },
  getTicket: {
    cases: [
      {
        label: 'ticket du lycée du secteur 1',
        //        anon  admin steer tech  staff acad  contr audit adm-B
        expect: s(401, 200, 200, 200, 200, 404, 404, 200, 404),
        request: async (t) => ({ url: `/api/tickets/${(await standingTickets(t)).unit1}` }),
        record: (t) => [...establishmentTokens(unit1School(t)), ticketTitles.unit1],
        shown: () => [ticketTitles.unit1],
      },
      {
        label: 'ticket confié au prestataire',
        expect: s(401, 200, 200, 404, 404, 404, 200, 200, 404),
        request: async (t) => ({ url: `/api/tickets/${(await standingTickets(t)).contractor}` }),
        record: (t) => [...establishmentTokens(unit2School(t)), ticketTitles.contractor],
      },
      {
        label: 'ticket du périmètre de l’Académie',
        expect: s(401, 200, 200, 404, 404, 200, 404, 200, 404),
        request: async (t) => ({ url: `/api/tickets/${(await standingTickets(t)).academy}` }),
        record: (t) => [...establishmentTokens(lilleNoUnit(t)), ticketTitles.academy],
      },
    ],
  },
  changeTicketStatus: {
    cases: [
      {
        label: 'ticket du lycée du secteur 1',
        expect: handleUnit1Ticket,
        request: async (t) => {
          const ticket = await newTicketOfA(t, 'unit1');
          return { url: `/api/tickets/${ticket.id}/status`, payload: { action: 'start', version: ticket.version } };
        },
      },
      {
        label: 'ticket confié au prestataire',
        //        anon  admin steer tech  staff acad  contr audit adm-B
        expect: s(401, 200, 403, 404, 403, 404, 200, 403, 404),
        request: async (t) => {
          const ticket = await newTicketOfA(t, 'contractor');
          return { url: `/api/tickets/${ticket.id}/status`, payload: { action: 'start', version: ticket.version } };
        },
      },
      {
        label: 'ticket du périmètre de l’Académie',
        expect: s(401, 200, 403, 404, 403, 200, 404, 403, 404),
        request: async (t) => {
          const ticket = await newTicketOfA(t, 'academy');
          return { url: `/api/tickets/${ticket.id}/status`, payload: { action: 'start', version: ticket.version } };
        },
      },
    ],
  },
  qualifyTicket: {
    cases: [
      {
        expect: handleUnit1Ticket,
        request: async (t) => {
          const ticket = await newTicketOfA(t, 'unit1');
          return { url: `/api/tickets/${ticket.id}/qualification`, payload: { version: ticket.version, urgency: 4 } };
        },
      },
    ],
  },
  escalateTicket: {
    cases: [
      {
        expect: handleUnit1Ticket,
        request: async (t) => {
          const ticket = await newTicketOfA(t, 'unit1');
          return { url: `/api/tickets/${ticket.id}/escalation`, payload: { version: ticket.version, direction: 'up', reason: 'Diagnostic matériel au niveau 2' } };
        },
      },
    ],
  },
  addTicketFollowup: {
    cases: [
      {
        label: 'suivi public',
        expect: commentUnit1Ticket,
        request: async (t) => ({ url: `/api/tickets/${(await newTicketOfA(t, 'unit1')).id}/followups`, payload: { body: 'Suivi de la matrice.' } }),
      },
    ],
  },
  addTicketTask: {
    cases: [
      {
        expect: created(handleUnit1Ticket),
        request: async (t) => ({ url: `/api/tickets/${(await newTicketOfA(t, 'unit1')).id}/tasks`, payload: { description: 'Diagnostic', minutes: 20 } }),
      },
    ],
  },
  answerTicketSolution: {
    cases: [
      {
        label: 'solution d’un ticket demandé par le personnel de l’établissement',
        expect: requesterOfUnit1Ticket,
        request: async (t) => {
          const ticket = await solvedTicketOfA(t);
          return { url: `/api/tickets/${ticket.id}/approval`, payload: { version: ticket.version, decision: 'accept' } };
        },
      },
    ],
  },
  rateTicket: {
    cases: [
      {
        expect: requesterOfUnit1Ticket,
        request: async (t) => ({ url: `/api/tickets/${(await solvedTicketOfA(t)).id}/satisfaction`, payload: { rating: 4 } }),
      },
    ],
  },
  linkTicketToMajorIncident: {
    cases: [
      {
        label: 'un site rattaché à un incident majeur du secteur 1',
        expect: handleUnit1Ticket,
        request: async (t) => {
          const major = await newTicketOfA(t, 'unit1', { major: true, title: 'Matrice : incident majeur' });
          const site = await newTicketOfA(t, 'unit1');
          return { url: `/api/tickets/${site.id}/major-incident`, payload: { version: site.version, majorId: major.id } };
        },
      },
    ],
  },
  setTicketProblemFlag: {
    cases: [
      {
        expect: handleUnit1Ticket,
        request: async (t) => {
          const ticket = await newTicketOfA(t, 'unit1');
          return { url: `/api/tickets/${ticket.id}/problem`, payload: { version: ticket.version, flagged: true, reason: 'Pannes répétées' } };
        },
      },
    ],
  },
  addTicketAttachment: {
    cases: [
      {
        expect: commentUnit1Ticket,
        request: async (t) => {
          const ticket = await newTicketOfA(t, 'unit1');
          const body = multipartBody({ name: 'photo.txt', bytes: Buffer.from('Constat de la matrice.'), type: 'text/plain' });
          return { url: `/api/tickets/${ticket.id}/attachments`, payload: body.payload, headers: { 'content-type': body.contentType } };
        },
      },
    ],
  },
  downloadTicketAttachment: {
    cases: [
      {
        //        anon  admin steer tech  staff acad  contr audit adm-B
        expect: s(401, 200, 200, 200, 200, 404, 404, 200, 404),
        request: async (t) => {
          const attachment = await attachmentOfA(t);
          return { url: `/api/tickets/${attachment.ticketId}/attachments/${attachment.id}` };
        },
      },
    ],
  },
  listTicketCategories: {
    cases: [
      {
        expect: everyUser(200),
        request: async (t) => {
          await deskOf(t);
          return { url: '/api/desk/categories' };
        },
        shown: (t, c) => (c === 'admin-b' ? [t.ids.b.name] : [t.ids.academy.name]),
      },
    ],
  },
  listSupportTeams: {
    cases: [
      {
        //        anon  admin steer tech  staff acad  contr audit adm-B
        expect: s(401, 200, 200, 200, 403, 200, 200, 200, 200),
        request: async (t) => {
          await deskOf(t);
          return { url: '/api/desk/teams' };
        },
        shown: (t, c) => (c === 'admin-b' ? [t.ids.unitB.name] : [t.ids.unit1.name, t.ids.contractorOrg.name]),
      },
    ],
  },
};

/** The test user behind a caller: none for the anonymous caller and the API token. */
export function asUser(caller: Caller): TestUser | null {
  return caller === 'anonymous' || caller === 'read-token' ? null : caller;
}

/** The status a caller expects in a case. */
export function expectedStatus(entry: MatrixEntry, c: MatrixCase, caller: Caller, method: string): number {
  const index = callers.indexOf(caller);
  if (caller !== 'read-token') return c.expect[index];
  if (c.readToken !== undefined) return c.readToken;
  if (entry.public) return c.expect[0];
  return method === 'GET' ? c.expect[callers.indexOf('authority-admin')] : 403;
}
