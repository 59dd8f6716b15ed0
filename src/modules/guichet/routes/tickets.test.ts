import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/app.js';
import { call, deskTestApp, insertDevice, openTicket, schoolPerson, type SchoolPerson } from '../testing.js';

/**
 * The public contract of POST /api/tickets and GET /api/tickets/{id}, the list and its export,
 * and who sees which ticket. The clock is fixed on Friday 6 March 2026, 16:00 in Paris.
 */

let now = new Date('2026-03-06T15:00:00Z').getTime(); // Friday 16:00 Europe/Paris (UTC+1)
const clock = () => new Date(now);
let t: TestApp;
let teacher: SchoolPerson;
let otherTeacher: SchoolPerson;

beforeAll(async () => {
  t = await deskTestApp({ clock });
  teacher = await schoolPerson(t, t.ids.staffSchool, 'teacher');
  otherTeacher = await schoolPerson(t, t.ids.staffSchool, 'teacher');
});
afterAll(() => t?.close());

const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

describe('POST /api/tickets', () => {
  it('answers 201 with the routing, the priority and the service-level deadlines', async () => {
    const response = await openTicket(t, 'establishment-staff');
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({ priority: 3, priorityLabel: 'Moyenne', status: 'new', type: 'incident', channel: 'web', establishment: { uai: t.ids.staffSchool.uai } });
    expect(body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.assignedTeam).toMatchObject({ name: 'Guichet unique (hotline)', level: 1 });
    // the demo agreement at medium priority: own in 4 business hours, resolve in 16
    expect(body.sla.dueToOwn).toMatch(iso);
    expect(body.sla.dueToOwn).toBe('2026-03-09T09:30:00.000Z'); // Monday 10:30 in Paris
    expect(body.sla.dueToResolve).toBe('2026-03-10T15:00:00.000Z'); // Tuesday 16:00 in Paris
    const read = await call(t, 'establishment-staff', 'GET', `/api/tickets/${body.id}`);
    expect(read.statusCode).toBe(200);
    expect(Object.keys(read.json()).sort()).toEqual(Object.keys(body).sort());
    expect(read.json()).toMatchObject({ id: body.id, priority: 3, status: 'new', assignedTeam: body.assignedTeam, sla: { dueToOwn: body.sla.dueToOwn, dueToResolve: body.sla.dueToResolve } });
  });

  it('starts the clock when the call was taken, for a call logged later by the hotline', async () => {
    const response = await openTicket(t, 'technician', { channel: 'phone', openedAt: '2026-03-06T13:00:00+01:00', category: 'devices', requester: { name: 'M. Durand, CPE', contact: '03 20 00 00 00' } });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({ channel: 'phone', openedAt: '2026-03-06T12:00:00.000Z', requester: { userId: null, name: 'M. Durand, CPE' } });
    expect(body.assignedTeam.name).toBe(`UTIL — ${t.ids.unit1.name}`);
    // 13:00 → 17:30 is 4 business hours (lunch 12:00-13:30 excluded): owned by Friday 17:30
    expect(body.sla.dueToOwn).toBe('2026-03-06T16:30:00.000Z');
  });

  it('gives major incidents their own level, and uses the matrix for the rest', async () => {
    const major = await openTicket(t, 'technician', { channel: 'phone', urgency: 5, impact: 5, major: true, title: 'Plus d’accès internet' });
    expect(major.json()).toMatchObject({ priority: 6, priorityLabel: 'Majeure', isMajor: true });
    const low = await openTicket(t, 'technician', { urgency: 1, impact: 1 });
    expect(low.json().priority).toBe(1);
  });

  it('refuses bad input with a 400 naming the fields, and changes nothing', async () => {
    const before = (await call(t, 'authority-admin', 'GET', '/api/tickets?pageSize=1')).json().total;
    const bad = await openTicket(t, 'establishment-staff', { urgency: 6, impact: 0, type: 'panne', title: '' });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().error.issues.map((i: { path: string }) => i.path).join(' ');
    expect(paths).toMatch(/urgency/);
    expect(paths).toMatch(/impact/);
    expect(paths).toMatch(/type/);
    const missing = await call(t, 'establishment-staff', 'POST', '/api/tickets', { uai: t.ids.staffSchool.uai });
    expect(missing.statusCode).toBe(400);
    expect((await openTicket(t, 'technician', { openedAt: '2026-03-06T17:00:00+01:00' })).json().error.issues[0].path).toBe('openedAt');
    expect((await openTicket(t, 'technician', { openedAt: '2026-03-06T16:00:00' })).statusCode).toBe(400); // no zone
    expect((await openTicket(t, 'technician', { category: 'inconnue' })).json().error.issues[0].path).toBe('category');
    expect((await openTicket(t, 'establishment-staff', { major: true })).statusCode).toBe(400);
    expect((await openTicket(t, 'establishment-staff', { channel: 'phone' })).statusCode).toBe(400);
    expect((await call(t, 'authority-admin', 'GET', '/api/tickets?pageSize=1')).json().total).toBe(before);
  });

  it('answers 401 without a session, 403 to roles that do not open tickets, 400 for a school out of scope', async () => {
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/tickets',
      payload: { uai: t.ids.staffSchool.uai, title: 'Panne', description: 'Panne', type: 'incident', urgency: 3, impact: 3 },
    });
    expect(anonymous.statusCode).toBe(401);
    expect((await openTicket(t, 'contractor')).statusCode).toBe(403);
    expect((await openTicket(t, 'auditor')).statusCode).toBe(403);
    const elsewhere = await openTicket(t, 'establishment-staff', { uai: t.ids.establishments.unit2[0].uai });
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().error.issues[0].path).toBe('uai');
    const otherTenant = await openTicket(t, 'admin-b', { uai: t.ids.staffSchool.uai });
    expect(otherTenant.statusCode).toBe(400);
    expect(otherTenant.body).not.toContain(t.ids.staffSchool.name);
  });

  it('refuses a device of another school', async () => {
    const device = await insertDevice(t, t.ids.establishments.unit2[0], { name: 'PC-AMIENS-01' });
    const response = await openTicket(t, 'technician', { assetIds: [device] });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.issues[0].path).toBe('assetIds');
  });
});

describe('routing', () => {
  it('sends the Académie’s categories to the Académie’s desk, not the authority’s', async () => {
    const response = await openTicket(t, 'establishment-staff', { category: 'pedagogical-software', title: 'Logiciel de SVT' });
    expect(response.json()).toMatchObject({
      assignedTeam: { name: `Assistance académique — ${t.ids.academy.name}`, organizationId: t.ids.academy.tenantId },
      responsibleOrganization: { id: t.ids.academy.tenantId },
    });
    const id = response.json().id;
    expect((await call(t, 'academy-staff', 'GET', `/api/tickets/${id}`)).statusCode).toBe(200);
    // the sector technician sees the school's ticket but does not work on it
    const technician = await call(t, 'technician', 'GET', `/api/tickets/${id}`);
    expect(technician.json().permissions.handle).toBe(false);
    const refused = await call(t, 'technician', 'POST', `/api/tickets/${id}/status`, { action: 'assign', version: 1 });
    expect(refused.statusCode).toBe(403);
  });

  it('sends web reports of a category to the on-site level 0 of the school’s unit first', async () => {
    const response = await openTicket(t, 'establishment-staff', { category: 'devices' });
    expect(response.json()).toMatchObject({ level: 0, assignedTeam: { name: `Animateurs numériques — ${t.ids.unit1.name}` } });
  });

  it('sends a hardware failure of a device under warranty to the warranty holder', async () => {
    const covered = await insertDevice(t, t.ids.staffSchool, { name: 'PC-CDI-01', supplier: t.ids.contractorOrg.name, warrantyEnd: '2027-06-30' });
    const expired = await insertDevice(t, t.ids.staffSchool, { name: 'PC-CDI-02', supplier: t.ids.contractorOrg.name, warrantyEnd: '2025-06-30' });
    const underWarranty = (await openTicket(t, 'technician', { channel: 'phone', category: 'devices', assetIds: [covered] })).json();
    expect(underWarranty).toMatchObject({ level: 3, assignedTeam: { organizationId: t.ids.contractorOrg.tenantId }, assets: [{ id: covered, label: 'PC-CDI-01' }] });
    expect((await call(t, 'contractor', 'GET', `/api/tickets/${underWarranty.id}`)).statusCode).toBe(200);
    const afterWarranty = (await openTicket(t, 'technician', { channel: 'phone', category: 'devices', assetIds: [expired] })).json();
    expect(afterWarranty).toMatchObject({ level: 1, assignedTeam: { name: `UTIL — ${t.ids.unit1.name}` } });
    expect((await call(t, 'contractor', 'GET', `/api/tickets/${afterWarranty.id}`)).statusCode).toBe(404);
    // a request (not a failure) on a software category stays with the sector
    const history = (await call(t, 'technician', 'GET', `/api/tickets/${underWarranty.id}`)).json().history;
    expect(history[0].reason).toContain('sous garantie');
  });

  it('flags a device failing three times in 30 days as a problem to investigate', async () => {
    const device = await insertDevice(t, t.ids.staffSchool, { name: 'IMPRIMANTE-SALLE-B12' });
    const first = (await openTicket(t, 'technician', { channel: 'phone', category: 'devices', assetIds: [device] })).json();
    const second = (await openTicket(t, 'technician', { channel: 'phone', category: 'devices', assetIds: [device] })).json();
    expect(second.problemFlag).toBe(false);
    const third = (await openTicket(t, 'technician', { channel: 'phone', category: 'devices', assetIds: [device] })).json();
    expect(third.problemFlag).toBe(true);
    const again = (await call(t, 'technician', 'GET', `/api/tickets/${first.id}`)).json();
    expect(again.problemFlag).toBe(true);
    expect(again.version).toBe(first.version); // the desk's flag never conflicts with an edit
    expect(again.history.at(-1).reason).toContain('IMPRIMANTE-SALLE-B12 : 3 incidents en 30 jours');
    const flagged = (await call(t, 'technician', 'GET', '/api/tickets?problem=true&pageSize=100')).json();
    expect(flagged.items.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining([first.id, second.id, third.id]));
  });
});

describe('who sees which ticket', () => {
  let unit1Ticket: string;
  let unit2Ticket: string;
  let teacherOwn: string;
  let staffConfidential: string;

  beforeAll(async () => {
    unit1Ticket = (await openTicket(t, 'technician', { uai: t.ids.establishments.unit1[1].uai, title: 'Switch du bâtiment C' })).json().id;
    unit2Ticket = (await openTicket(t, 'authority-admin', { uai: t.ids.establishments.unit2[0].uai, title: 'Wi-Fi de l’internat' })).json().id;
    teacherOwn = (await openTicket(t, teacher, { title: 'Mon compte ENT est bloqué', schoolVisible: false })).json().id;
    staffConfidential = (await openTicket(t, 'establishment-staff', { title: 'Poste de la direction', schoolVisible: false })).json().id;
  });

  it('narrows technicians to their units, both ways', async () => {
    expect((await call(t, 'technician', 'GET', `/api/tickets/${unit1Ticket}`)).statusCode).toBe(200);
    const refused = await call(t, 'technician', 'GET', `/api/tickets/${unit2Ticket}`);
    expect(refused.statusCode).toBe(404);
    expect(refused.body).not.toContain('internat');
    const list = (await call(t, 'technician', 'GET', '/api/tickets?pageSize=200')).json();
    const ids = list.items.map((i: { id: string }) => i.id);
    expect(ids).toContain(unit1Ticket);
    expect(ids).not.toContain(unit2Ticket);
    expect(list.items.every((i: { establishment: { uai: string } }) => t.ids.establishments.unit1.some((e) => e.uai === i.establishment.uai))).toBe(true);
  });

  it('shows teachers their own tickets and their school’s public ones, heads everything of their school', async () => {
    const mine = (await call(t, teacher, 'GET', '/api/tickets?pageSize=200')).json().items.map((i: { id: string }) => i.id);
    expect(mine).toContain(teacherOwn);
    expect(mine).not.toContain(staffConfidential);
    expect(mine).not.toContain(unit1Ticket); // another school
    const publicOne = (await openTicket(t, 'establishment-staff', { title: 'Salle informatique 2' })).json().id;
    expect((await call(t, teacher, 'GET', `/api/tickets/${publicOne}`)).statusCode).toBe(200);
    expect((await call(t, teacher, 'GET', `/api/tickets/${staffConfidential}`)).statusCode).toBe(404);
    expect((await call(t, otherTeacher, 'GET', `/api/tickets/${teacherOwn}`)).statusCode).toBe(404);
    // the digital referent sees the whole school, confidential tickets included
    expect((await call(t, 'establishment-staff', 'GET', `/api/tickets/${teacherOwn}`)).statusCode).toBe(200);
  });

  it('shows a contractor only what is assigned to it, the Académie only its scope, tenant B nothing of A', async () => {
    expect((await call(t, 'contractor', 'GET', `/api/tickets/${unit2Ticket}`)).statusCode).toBe(404);
    expect((await call(t, 'academy-staff', 'GET', `/api/tickets/${unit1Ticket}`)).statusCode).toBe(404);
    const contractorList = (await call(t, 'contractor', 'GET', '/api/tickets?pageSize=200')).json();
    expect(contractorList.items.every((i: { assignedTeam: { organizationId: string } | null }) => i.assignedTeam?.organizationId === t.ids.contractorOrg.tenantId)).toBe(true);
    const b = await call(t, 'admin-b', 'GET', `/api/tickets/${unit1Ticket}`);
    expect(b.statusCode).toBe(404);
    const bList = (await call(t, 'admin-b', 'GET', '/api/tickets')).json();
    expect(bList.total).toBe(0);
  });

  it('answers 404 to an unknown ticket and 400 to a malformed id', async () => {
    expect((await call(t, 'authority-admin', 'GET', '/api/tickets/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await call(t, 'authority-admin', 'GET', '/api/tickets/42')).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: `/api/tickets/${unit1Ticket}` })).statusCode).toBe(401);
  });
});

describe('list and export', () => {
  it('filters on the server: status, team, establishment, category, priority, breached', async () => {
    const created = (await openTicket(t, 'technician', { channel: 'phone', category: 'security', uai: t.ids.establishments.unit1[1].uai, urgency: 4, impact: 4 })).json();
    const teamId = created.assignedTeam.id;
    const byTeam = (await call(t, 'technician', 'GET', `/api/tickets?teamId=${teamId}&status=open&sort=dueToResolve&order=asc&pageSize=200`)).json();
    expect(byTeam.items.length).toBeGreaterThan(0);
    expect(byTeam.items.every((i: { assignedTeam: { id: string } }) => i.assignedTeam.id === teamId)).toBe(true);
    const dues = byTeam.items.map((i: { sla: { dueToResolve: string } }) => i.sla.dueToResolve);
    expect([...dues].sort()).toEqual(dues);
    const filtered = (await call(t, 'technician', 'GET', `/api/tickets?uai=${t.ids.establishments.unit1[1].uai}&category=security&priority=4`)).json();
    expect(filtered.items.map((i: { id: string }) => i.id)).toEqual([created.id]);
    expect((await call(t, 'technician', 'GET', `/api/tickets?status=nouveau`)).statusCode).toBe(400);
    const page = (await call(t, 'authority-admin', 'GET', '/api/tickets?pageSize=2&page=2')).json();
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThan(4);

    expect((await call(t, 'technician', 'GET', `/api/tickets?breached=true&search=${created.number}`)).json().total).toBe(0);
    now = new Date('2026-03-10T08:00:00Z').getTime(); // Tuesday 09:00: high priority (own 2 h) is late
    // a session of Tuesday (Friday's has expired by then)
    const tuesday = await t.headers('technician', { fresh: true });
    const late = (await t.app.inject({ method: 'GET', url: `/api/tickets?breached=true&search=${created.number}`, headers: tuesday })).json();
    expect(late.items).toHaveLength(1);
    now = new Date('2026-03-06T15:00:00Z').getTime();
    expect(late.items[0].sla).toMatchObject({ breached: true, paused: false, dueToOwn: created.sla.dueToOwn });
    // the ticket itself replays its clock: the own deadline is breached, with an alert
    now = new Date('2026-03-10T08:00:00Z').getTime();
    const detail = (await t.app.inject({ method: 'GET', url: `/api/tickets/${created.id}`, headers: tuesday })).json();
    now = new Date('2026-03-06T15:00:00Z').getTime();
    expect(detail.sla).toMatchObject({ breached: true, own: { state: 'breached' } });
    expect(detail.sla.alerts.map((a: { clock: string }) => a.clock)).toContain('own');
  });

  it('exports CSV and XLSX within scope', async () => {
    const csv = await call(t, 'technician', 'GET', '/api/tickets/export?format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.charCodeAt(0)).toBe(0xfeff);
    expect(csv.body.split('\r\n')[0]).toContain('Numéro;Type;Titre');
    expect(csv.body).not.toContain('internat'); // a unit-2 ticket
    const xlsx = await call(t, 'authority-admin', 'GET', '/api/tickets/export?format=xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const total = (await call(t, 'authority-admin', 'GET', '/api/tickets?pageSize=1')).json().total;
    expect(workbook.worksheets[0].rowCount).toBe(1 + total);
    expect((await call(t, 'establishment-staff', 'GET', '/api/tickets/export')).statusCode).toBe(403);
  });
});
