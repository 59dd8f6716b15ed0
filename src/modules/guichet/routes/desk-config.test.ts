import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testUsers, type TestApp, type TestUser } from '../../../test/app.js';
import { auditEvents } from '../../../server/platform/db-schema.js';
import { demoAgreement } from '../sla/index.js';
import { deskTestApp, openTicket } from '../testing.js';

/**
 * The desk configuration API: who may read and change it, the rules of each change (French 400s,
 * 409 on a stale version, audit), and dated versions of the terms: an agreement and a calendar
 * changed in the middle of a running ticket give its deadlines one clear answer.
 * The clock starts on Friday 6 March 2026, 16:00 in Paris (UTC+1).
 */

let now = new Date('2026-03-06T15:00:00Z').getTime();
const clock = () => new Date(now);
let t: TestApp;

beforeAll(async () => {
  t = await deskTestApp({ clock });
});
afterAll(() => t?.close());

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT';
/** Sessions end after a while: moving the clock days ahead logs everyone in anew. */
function setNow(iso: string) {
  now = new Date(iso).getTime();
  for (const user of testUsers) t.forgetSession(user);
}
async function api(user: TestUser, method: Method, url: string, payload?: object) {
  return t.app.inject({ method, url, headers: await t.headers(user), ...(payload ? { payload } : {}) });
}
async function configOf(user: TestUser = 'authority-admin') {
  const response = await api(user, 'GET', '/api/desk/configuration');
  expect(response.statusCode).toBe(200);
  return response.json();
}
async function auditOf(entityType: string, entityId: string) {
  return t.ctx.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.tenantId, t.ids.a.tenantId), eq(auditEvents.entityType, entityType), eq(auditEvents.entityId, entityId)))
    // in the order they were written (PostgreSQL returns an unordered scan in any order)
    .orderBy(auditEvents.id);
}

const weekdays = (ranges: { from: string; to: string }[]) => ({ mon: ranges, tue: ranges, wed: ranges, thu: ranges, fri: ranges, sat: [], sun: [] });

describe('reading the configuration', () => {
  it('shows the desk to those who work it, each in its own tenant', async () => {
    const admin = await configOf();
    expect(admin.canConfigure).toBe(true);
    expect(admin.teams.map((x: { name: string }) => x.name)).toContain(`UTIL — ${t.ids.unit1.name}`);
    expect(admin.categories.map((x: { key: string }) => x.key)).toEqual(['devices', 'infrastructure', 'security', 'ent', 'digital-resources', 'pedagogical-software']);
    expect(admin.categories.find((x: { key: string }) => x.key === 'pedagogical-software').responsibleOrganization.name).toBe(t.ids.academy.name);
    expect(admin.priorityMatrix).toMatchObject({ version: 1, matrix: [[1, 1, 2, 2, 2], [1, 2, 2, 3, 3], [2, 2, 3, 4, 4], [2, 3, 4, 4, 5], [2, 3, 4, 5, 5]] });
    expect(admin.agreements[0]).toMatchObject({ id: 'convention-demo', version: 1, targets: { '3': { timeToOwnMinutes: 240, timeToResolveMinutes: 960 } } });
    expect(admin.calendars[0]).toMatchObject({ id: 'heures-ouvrees', version: 1, timeZone: 'Europe/Paris', holidays: 'fr' });
    expect(admin.settings).toMatchObject({ defaultAgreementId: 'convention-demo', problemThreshold: 3, problemWindowDays: 30, version: 1 });

    const technician = await configOf('technician');
    expect(technician.canConfigure).toBe(false);
    expect((await api('establishment-staff', 'GET', '/api/desk/configuration')).statusCode).toBe(403);

    const b = await configOf('admin-b');
    const namesOfB = JSON.stringify(b.teams);
    expect(namesOfB).toContain(t.ids.unitB.name);
    expect(namesOfB).not.toContain(t.ids.unit1.name);
    expect(JSON.stringify(b)).not.toContain(t.ids.academy.name);
  });
});

describe('support teams', () => {
  it('creates, renames and deactivates a team; refuses unknown organizations, duplicates and stale versions', async () => {
    const created = await api('authority-admin', 'POST', '/api/desk/teams', {
      name: 'Experts téléphonie (académie)',
      level: 2,
      organizationId: t.ids.academy.tenantId,
      unitIds: [t.ids.unit1.id],
      categories: ['infrastructure'],
    });
    expect(created.statusCode).toBe(201);
    const team = created.json();
    expect(team).toMatchObject({ level: 2, organization: { id: t.ids.academy.tenantId, name: t.ids.academy.name }, unitIds: [t.ids.unit1.id], active: true, version: 1 });
    expect((await auditOf('support-team', team.id)).map((e) => e.action)).toEqual(['create']);

    const foreignOrg = await api('authority-admin', 'POST', '/api/desk/teams', { name: 'Équipe de B', level: 1, organizationId: t.ids.b.tenantId });
    expect(foreignOrg.statusCode).toBe(400);
    expect(foreignOrg.json().error.message).toBe("Cette organisation n'est ni la collectivité ni l'un de ses partenaires.");
    const badLevel = await api('authority-admin', 'POST', '/api/desk/teams', { name: 'Niveau 7', level: 7, organizationId: t.ids.a.tenantId });
    expect(badLevel.statusCode).toBe(400);
    const unknownUnit = await api('authority-admin', 'POST', '/api/desk/teams', { name: 'Unité de B', level: 1, organizationId: t.ids.a.tenantId, unitIds: [t.ids.unitB.id] });
    expect(unknownUnit.statusCode).toBe(400);
    expect(unknownUnit.json().error.message).toMatch(/^Unité territoriale inconnue/);
    const duplicate = await api('authority-admin', 'POST', '/api/desk/teams', { name: 'Experts téléphonie (académie)', level: 1, organizationId: t.ids.a.tenantId });
    expect(duplicate.statusCode).toBe(409);

    const renamed = await api('authority-admin', 'PATCH', `/api/desk/teams/${team.id}`, { version: 1, name: 'Experts téléphonie et PPMS' });
    expect(renamed.json()).toMatchObject({ name: 'Experts téléphonie et PPMS', version: 2 });
    const stale = await api('authority-admin', 'PATCH', `/api/desk/teams/${team.id}`, { version: 1, level: 3 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');

    const teamsBefore = (await api('technician', 'GET', '/api/desk/teams')).json().items.map((x: { id: string }) => x.id);
    expect(teamsBefore).toContain(team.id);
    const deactivated = await api('authority-admin', 'PATCH', `/api/desk/teams/${team.id}`, { version: 2, active: false });
    expect(deactivated.json()).toMatchObject({ active: false, version: 3 });
    // the forms and routing see the change at once (the cached desk configuration was dropped)
    const teamsAfter = (await api('technician', 'GET', '/api/desk/teams')).json().items.map((x: { id: string }) => x.id);
    expect(teamsAfter).not.toContain(team.id);
    expect((await configOf()).teams.find((x: { id: string }) => x.id === team.id)).toMatchObject({ active: false });
    expect((await auditOf('support-team', team.id)).map((e) => e.action)).toEqual(['create', 'update', 'update']);
  });

  it('lets neither a technician, a school nor another tenant change a team', async () => {
    const teamId = (await configOf()).teams[0].id;
    for (const user of ['technician', 'establishment-staff', 'academy-staff', 'contractor', 'auditor', 'steering'] as const) {
      expect((await api(user, 'POST', '/api/desk/teams', { name: `Équipe ${user}`, level: 1, organizationId: t.ids.a.tenantId })).statusCode).toBe(403);
      expect((await api(user, 'PATCH', `/api/desk/teams/${teamId}`, { version: 1, active: false })).statusCode).toBe(403);
    }
    const fromB = await api('admin-b', 'PATCH', `/api/desk/teams/${teamId}`, { version: 1, active: false });
    expect(fromB.statusCode).toBe(404);
    expect((await configOf()).teams[0]).toMatchObject({ id: teamId, active: true, version: 1 });
  });
});

describe('categories', () => {
  it('creates a category with its responsible organization and default teams, and deactivates it', async () => {
    const config = await configOf();
    const expert = config.teams.find((x: { level: number; organization: { id: string } }) => x.level === 2 && x.organization.id === t.ids.a.tenantId);
    const created = await api('authority-admin', 'POST', '/api/desk/categories', {
      key: 'telephonie',
      label: 'Téléphonie et PPMS',
      responsibleOrganizationId: t.ids.a.tenantId,
      defaultTeams: { '2': expert.id },
      hardware: true,
      sortOrder: 25,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ key: 'telephonie', defaultTeams: { '2': expert.id }, version: 1, active: true });
    expect((await api('establishment-staff', 'GET', '/api/desk/categories')).json().items.map((c: { key: string }) => c.key)).toContain('telephonie');

    const wrongLevel = await api('authority-admin', 'POST', '/api/desk/categories', {
      key: 'cablage',
      label: 'Câblage',
      responsibleOrganizationId: t.ids.a.tenantId,
      defaultTeams: { '1': expert.id },
    });
    expect(wrongLevel.statusCode).toBe(400);
    expect(wrongLevel.json().error.message).toBe(`L'équipe « ${expert.name} » est de niveau 2, pas 1.`);
    const badKey = await api('authority-admin', 'POST', '/api/desk/categories', { key: 'Câblage !', label: 'Câblage', responsibleOrganizationId: t.ids.a.tenantId });
    expect(badKey.statusCode).toBe(400);
    const again = await api('authority-admin', 'POST', '/api/desk/categories', { key: 'telephonie', label: 'Encore', responsibleOrganizationId: t.ids.a.tenantId });
    expect(again.statusCode).toBe(409);
    expect((await api('technician', 'POST', '/api/desk/categories', { key: 'x', label: 'X', responsibleOrganizationId: t.ids.a.tenantId })).statusCode).toBe(403);

    // the Académie takes the scope: its tickets go to the Académie's desk
    const toAcademy = await api('authority-admin', 'PATCH', '/api/desk/categories/telephonie', { version: 1, responsibleOrganizationId: t.ids.academy.tenantId, defaultTeams: {} });
    expect(toAcademy.json()).toMatchObject({ responsibleOrganization: { id: t.ids.academy.tenantId }, version: 2 });
    expect((await api('authority-admin', 'PATCH', '/api/desk/categories/telephonie', { version: 1, label: 'Ancien' })).statusCode).toBe(409);
    expect((await api('admin-b', 'PATCH', '/api/desk/categories/telephonie', { version: 2, active: false })).statusCode).toBe(404);
    const off = await api('authority-admin', 'PATCH', '/api/desk/categories/telephonie', { version: 2, active: false });
    expect(off.json()).toMatchObject({ active: false, version: 3 });
    expect((await api('establishment-staff', 'GET', '/api/desk/categories')).json().items.map((c: { key: string }) => c.key)).not.toContain('telephonie');
    expect((await auditOf('ticket-category', 'telephonie')).map((e) => e.action)).toEqual(['create', 'update', 'update']);
  });
});

describe('priority matrix', () => {
  it('publishes a new version now or at a later date; tickets take the version in force when opened', async () => {
    const base = (await configOf()).priorityMatrix;
    const matrix = base.matrix.map((row: number[]) => [...row]);
    matrix[2][2] = 4; // urgency 3 × impact 3 becomes high
    const published = await api('authority-admin', 'PUT', '/api/desk/priority-matrix', { version: base.version, matrix });
    expect(published.statusCode).toBe(200);
    expect(published.json()).toEqual({ version: 2, validFrom: new Date(now).toISOString() });
    expect((await openTicket(t, 'establishment-staff')).json().priority).toBe(4);

    const stale = await api('authority-admin', 'PUT', '/api/desk/priority-matrix', { version: base.version, matrix: base.matrix });
    expect(stale.statusCode).toBe(409);
    const badCell = await api('authority-admin', 'PUT', '/api/desk/priority-matrix', { version: 2, matrix: [[1, 1, 1, 1, 9], ...matrix.slice(1)] });
    expect(badCell.statusCode).toBe(400);
    expect(badCell.json().error.issues[0].path).toBe('body.matrix.0.4');
    const past = await api('authority-admin', 'PUT', '/api/desk/priority-matrix', { version: 2, matrix, validFrom: '2026-03-01T00:00:00+01:00' });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.message).toMatch(/ne peut pas être dans le passé/);

    // from Monday 9 March: back to medium for 3 × 3
    const monday = '2026-03-09T00:00:00+01:00';
    expect((await api('authority-admin', 'PUT', '/api/desk/priority-matrix', { version: 2, matrix: base.matrix, validFrom: monday })).json()).toEqual({
      version: 3,
      validFrom: '2026-03-08T23:00:00.000Z',
    });
    expect((await openTicket(t, 'establishment-staff')).json().priority).toBe(4); // still Friday
    const beforeMonday = await api('authority-admin', 'PUT', '/api/desk/priority-matrix', { version: 3, matrix, validFrom: '2026-03-07T10:00:00+01:00' });
    expect(beforeMonday.statusCode).toBe(400);
    expect((await api('technician', 'PUT', '/api/desk/priority-matrix', { version: 3, matrix })).statusCode).toBe(403);
    expect((await api('establishment-staff', 'PUT', '/api/desk/priority-matrix', { version: 3, matrix })).statusCode).toBe(403);
    // two editors publishing from the same version at once: one wins, the other is told to reload
    const race = await Promise.all([
      api('authority-admin', 'PUT', '/api/desk/priority-matrix', { version: 3, matrix: base.matrix, validFrom: monday }),
      api('authority-admin', 'PUT', '/api/desk/priority-matrix', { version: 3, matrix: base.matrix, validFrom: monday }),
    ]);
    expect(race.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    // another tenant's matrix is its own
    expect((await configOf('admin-b')).priorityMatrix.version).toBe(1);
    expect((await auditOf('priority-matrix', 'default')).length).toBe(3);
  });
});

describe('agreements and calendars changed while a ticket runs', () => {
  it('measures the past with the terms of its time and the rest with the new ones', async () => {
    setNow('2026-03-06T15:00:00Z'); // Friday 16:00 in Paris
    // urgency 3 × impact 4 is high (4) under every matrix version above: own in 2 h, resolve in 8 h
    const ticket = (await openTicket(t, 'establishment-staff', { urgency: 3, impact: 4 })).json();
    expect(ticket.priority).toBe(4);
    expect(ticket.sla).toMatchObject({ dueToOwn: '2026-03-09T07:30:00.000Z', dueToResolve: '2026-03-09T15:00:00.000Z' });

    setNow('2026-03-09T08:00:00Z'); // Monday 09:00: 90 + 60 = 150 business minutes spent
    const config = await configOf();
    const calendar = config.calendars.find((c: { id: string }) => c.id === 'heures-ouvrees');
    const longDays = await api('authority-admin', 'PUT', '/api/desk/calendars/heures-ouvrees', {
      version: calendar.version,
      label: 'Heures ouvrées élargies',
      week: weekdays([{ from: '08:00', to: '18:00' }]),
      holidays: 'fr',
    });
    expect(longDays.statusCode).toBe(200);
    const { id, version, ...demo } = demoAgreement;
    void id;
    const highTarget = { ...demo.targets['4'], timeToOwnMinutes: 180, timeToResolveMinutes: 600 };
    const agreement = await api('authority-admin', 'PUT', '/api/desk/agreements/convention-demo', { ...demo, version, targets: { ...demo.targets, '4': highTarget } });
    expect(agreement.json()).toMatchObject({ version: 2 });

    const read = (await api('authority-admin', 'GET', `/api/tickets/${ticket.id}`)).json();
    // own: 180 − 150 = 30 minutes left from 09:00 → 09:30 (the new calendar applied to Friday too would
    // count 16:00-18:00 and say 09:00); resolve: 600 − 150 = 450 minutes on 08:00-18:00 days → 16:30
    expect(read.sla).toMatchObject({ dueToOwn: '2026-03-09T08:30:00.000Z', dueToResolve: '2026-03-09T15:30:00.000Z' });
    // a new ticket opened now runs on the new terms only: 12:00, then 540 minutes Monday + 60 on Tuesday
    const fresh = (await openTicket(t, 'establishment-staff', { urgency: 3, impact: 4 })).json();
    expect(fresh.sla).toMatchObject({ dueToOwn: '2026-03-09T11:00:00.000Z', dueToResolve: '2026-03-10T08:00:00.000Z' });
    expect((await auditOf('service-agreement', 'convention-demo')).map((e) => e.action)).toEqual(['publish']);
    expect((await auditOf('business-calendar', 'heures-ouvrees')).map((e) => e.action)).toEqual(['publish']);
  });

  it('closes a calendar on its school holidays zone and its extra closures', async () => {
    setNow('2026-03-09T08:00:00Z'); // Monday 09:00
    const created = await api('authority-admin', 'PUT', '/api/desk/calendars/ecoles-zone-b', {
      version: 0,
      label: 'Écoles (zone B)',
      week: weekdays([{ from: '08:00', to: '12:00' }, { from: '13:30', to: '17:30' }]),
      holidays: 'fr-alsace-moselle',
      closures: [{ label: 'Pont', start: '2026-03-10', end: '2026-03-10' }],
      schoolHolidays: {
        zone: 'B',
        periods: [
          { label: 'Vacances d’hiver', zone: 'B', start: '2026-03-11', end: '2026-03-13' },
          { label: 'Vacances d’hiver', zone: 'A', start: '2026-03-16', end: '2026-03-20' },
        ],
      },
    });
    expect(created.json()).toMatchObject({ version: 1 });
    const again = await api('authority-admin', 'PUT', '/api/desk/calendars/ecoles-zone-b', { version: 0, label: 'Doublon', week: weekdays([{ from: '08:00', to: '12:00' }]) });
    expect(again.statusCode).toBe(409);
    const closed = await api('authority-admin', 'PUT', '/api/desk/calendars/ferme', { version: 0, label: 'Fermé', week: weekdays([]) });
    expect(closed.statusCode).toBe(400);
    expect(closed.json().error.issues[0].message).toBe('Le calendrier doit être ouvert au moins une plage dans la semaine.');
    const inverted = await api('authority-admin', 'PUT', '/api/desk/calendars/ferme', { version: 0, label: 'Plages', week: weekdays([{ from: '14:00', to: '12:00' }]) });
    expect(inverted.statusCode).toBe(400);

    const { id, version, ...demo } = demoAgreement;
    void id;
    void version;
    const onSchoolDays = Object.fromEntries(Object.entries(demo.targets).map(([p, target]) => [p, { ...target, calendarId: 'ecoles-zone-b' }]));
    const unknownCalendar = await api('authority-admin', 'PUT', '/api/desk/agreements/convention-ecoles', { ...demo, version: 0, label: 'Écoles', targets: { ...onSchoolDays, '1': { ...onSchoolDays['1'], calendarId: 'inconnu' } } });
    expect(unknownCalendar.statusCode).toBe(400);
    expect(unknownCalendar.json().error.message).toBe('Calendrier inconnu : inconnu.');
    expect((await api('authority-admin', 'PUT', '/api/desk/agreements/convention-ecoles', { ...demo, version: 0, label: 'Écoles', targets: onSchoolDays })).json()).toMatchObject({ version: 1 });
    const ent = (await configOf()).categories.find((c: { key: string }) => c.key === 'ent');
    expect((await api('authority-admin', 'PATCH', '/api/desk/categories/ent', { version: ent.version, agreementId: 'convention-ecoles' })).statusCode).toBe(200);

    // ENT, medium (3 × 3 under the matrix in force on Monday): resolve in 16 business hours from Monday
    // 09:00: 7 h on Monday, Tuesday a bridge, Wednesday to Friday zone B holidays, 8 h on Monday 16
    // (zone A's week does not close it), the last hour on Tuesday 17 → 09:00 (without closures: Wednesday 11)
    const ticket = (await openTicket(t, 'establishment-staff', { category: 'ent', channel: 'web' })).json();
    expect(ticket.priority).toBe(3);
    expect(ticket.sla).toMatchObject({ dueToOwn: '2026-03-09T13:30:00.000Z', dueToResolve: '2026-03-17T08:00:00.000Z' });
    const form = (await configOf()).calendars.find((c: { id: string }) => c.id === 'ecoles-zone-b');
    expect(form).toMatchObject({ holidays: 'fr-alsace-moselle', closures: [{ label: 'Pont' }], schoolHolidays: { zone: 'B' } });
  });
});

describe('desk settings', () => {
  it('changes the default agreement and the repeated-failure rule, with its version', async () => {
    const settings = (await configOf()).settings;
    const changed = await api('authority-admin', 'PATCH', '/api/desk/settings', { version: settings.version, problemThreshold: 4, problemWindowDays: 60, defaultAgreementId: 'convention-ecoles' });
    expect(changed.json()).toEqual({ version: settings.version + 1, problemThreshold: 4, problemWindowDays: 60, defaultAgreementId: 'convention-ecoles' });
    expect((await api('authority-admin', 'PATCH', '/api/desk/settings', { version: settings.version, problemThreshold: 5 })).statusCode).toBe(409);
    const unknown = await api('authority-admin', 'PATCH', '/api/desk/settings', { version: settings.version + 1, defaultAgreementId: 'convention-fantome' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toBe('Convention de service inconnue : convention-fantome.');
    expect((await api('auditor', 'PATCH', '/api/desk/settings', { version: settings.version + 1, problemThreshold: 5 })).statusCode).toBe(403);
    expect((await configOf('admin-b')).settings).toMatchObject({ defaultAgreementId: 'convention-demo', problemThreshold: 3 });
    expect((await auditOf('desk-settings', t.ids.a.tenantId)).length).toBe(1);
  });
});
