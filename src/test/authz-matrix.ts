import { and, eq } from 'drizzle-orm';
import { apiTokens } from '../modules/access/db/schema.js';
import { assignRole, createUser } from '../modules/access/index.js';
import { normalizeGlpiJson, parseGlpiMessage, validateGlpiInventory } from '../modules/parc/inventory/index.js';
import { fixtureText, glpiExampleReport } from '../modules/parc/inventory/testing/fixtures.js';
import { software, unassignedReports } from '../modules/parc/db/schema.js';
import { frenchCsv } from '../modules/parc/import/testing-files.js';
import { ingestReport } from '../modules/parc/operations/ingest-report.js';
import { seedGuichetDemo } from '../modules/guichet/index.js';
import { buildings, establishments, importRuns, rooms, territorialUnits } from '../modules/referentiel/db/schema.js';
import { testUsers, type TestApp, type TestEstablishment, type TestUser } from './app.js';
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

export async function establishmentVersion(t: TestApp, e: TestEstablishment) {
  const [row] = await t.ctx.db
    .select({ version: establishments.version })
    .from(establishments)
    .where(and(eq(establishments.tenantId, t.ids.a.tenantId), eq(establishments.id, e.id)));
  return row.version;
}

export async function unitVersion(t: TestApp, unitId: string) {
  const [row] = await t.ctx.db
    .select({ version: territorialUnits.version })
    .from(territorialUnits)
    .where(and(eq(territorialUnits.tenantId, t.ids.a.tenantId), eq(territorialUnits.id, unitId)));
  return row.version;
}

export async function newBuilding(t: TestApp, e: TestEstablishment) {
  const [row] = await t.ctx.db
    .insert(buildings)
    .values({ tenantId: t.ids.a.tenantId, establishmentId: e.id, name: unique('Bâtiment') })
    .returning();
  return row;
}

export async function newRoom(t: TestApp, e: TestEstablishment) {
  const building = await newBuilding(t, e);
  const [row] = await t.ctx.db
    .insert(rooms)
    .values({ tenantId: t.ids.a.tenantId, establishmentId: e.id, buildingId: building.id, name: unique('Salle'), kind: 'classroom' })
    .returning();
  return { building, room: row };
}

/** A person with one auditor role in A only (so A may disable them), made for one call. */
export async function newUserOfA(t: TestApp) {
  const email = `${unique('personne')}@essai.coherence.fr`;
  const user = await createUser(t.ctx, t.ids.a.tenantId, { email, displayName: `Personne ${email}` });
  const assignment = await assignRole(t.ctx, t.ids.a.tenantId, { userId: user.id, organizationId: t.ids.a.tenantId, role: 'auditor', unitIds: [] });
  return { user, assignment, email };
}

export async function newTokenOfA(t: TestApp) {
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
      const report = { ...glpiExampleReport(file), tag: school.uai };
      return (await ingestReport(t.ctx, t.database, { tenantId: t.ids.a.tenantId, report, storeLastUser: false })).assetId;
    };
    known = (async () => ({ unit1: await inventory('computer_1.json', unit1School(t)), unit2: await inventory('computer_3.json', unit2School(t)) }))();
    assetsOfA.set(t, known);
  }
  return known;
}


/** Calls the API as A's (or B's) admin to set a record up; throws unless it answers 2xx. */
export async function asAdmin(t: TestApp, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, tenant: 'a' | 'b' = 'a') {
  const response = await t.app.inject({ method, url, payload, headers: await t.headers(tenant === 'a' ? 'authority-admin' : 'admin-b') });
  if (response.statusCode >= 300) throw new Error(`préparation ${method} ${url} : ${response.statusCode} ${response.body}`);
  return response.json();
}

/** A device created by hand in a school of A, for one call. */
export async function newDeviceOfA(t: TestApp, school: TestEstablishment): Promise<{ id: string; version: number }> {
  return asAdmin(t, 'POST', '/api/assets', { class: 'laptop', name: unique('Portable'), uai: school.uai });
}

export async function softwareOfA(t: TestApp): Promise<number> {
  await devicesOfA(t);
  const [row] = await t.ctx.db.select({ id: software.id }).from(software).where(eq(software.tenantId, t.ids.a.tenantId)).limit(1);
  return row.id;
}

export const tenantOfCaller = (c: Caller) => (c === 'admin-b' ? 'b' : 'a') as 'a' | 'b';
export const tenantCodeOf = (t: TestApp, c: Caller) => (c === 'admin-b' ? t.ids.b.code : t.ids.a.code);


/** A report of the unassigned queue tagged with a school of A (so only A sees it), for one call. */
export async function unassignedReportOfA(t: TestApp): Promise<string> {
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
export async function importRunOfA(t: TestApp) {
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
export async function ownLyceesFile(t: TestApp, caller: Caller) {
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

export type TicketKind = 'unit1' | 'contractor' | 'academy';
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
export async function newTicketOfA(t: TestApp, kind: TicketKind, extra: Record<string, unknown> = {}): Promise<{ id: string; version: number }> {
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
export async function solvedTicketOfA(t: TestApp) {
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
