import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/app.js';
import { multipartBody } from '../../../test/multipart.js';
import { notificationsOf } from '../solve.js';
import { call, deskTestApp, openTicket, schoolPerson, type SchoolPerson } from '../testing.js';

/**
 * The life of a ticket through the routes: statuses and their rules, the clock's pause, private
 * follow-ups that never reach a requester, escalation with reasons, the requester's answer and
 * rating, major incidents, attachments. The clock is fixed on Monday 9 March 2026, 09:00 in Paris.
 */

let now = new Date('2026-03-09T08:00:00Z').getTime();
const clock = () => new Date(now);
let t: TestApp;
let teacher: SchoolPerson;

beforeAll(async () => {
  t = await deskTestApp({ clock });
  teacher = await schoolPerson(t, t.ids.staffSchool, 'teacher');
});
afterAll(() => t?.close());

const status = (id: string, payload: Record<string, unknown>, caller: Parameters<typeof call>[1] = 'technician') =>
  call(t, caller, 'POST', `/api/tickets/${id}/status`, payload);
const read = async (id: string, caller: Parameters<typeof call>[1] = 'technician') => (await call(t, caller, 'GET', `/api/tickets/${id}`)).json();

describe('statuses', () => {
  it('takes, waits on the requester (clock paused), resumes on their answer, solves and closes on acceptance', async () => {
    const ticket = (await openTicket(t, teacher, { category: 'ent', title: 'Cahier de textes inaccessible' })).json();
    expect(ticket.sla.own.phase).toBe('running');

    now += 30 * 60_000; // 09:30
    const taken = await status(ticket.id, { action: 'assign', version: ticket.version });
    expect(taken.statusCode).toBe(200);
    expect(taken.json()).toMatchObject({ status: 'assigned', assignedUserId: t.ids.users.technician.id, sla: { own: { state: 'met', elapsedMinutes: 30 }, dueToOwn: null } });

    const waiting = await status(ticket.id, { action: 'wait', version: taken.json().version, on: 'requester', message: 'Quel navigateur utilisez-vous ?' });
    expect(waiting.json()).toMatchObject({ status: 'waiting-requester', sla: { resolve: { phase: 'paused' }, dueToResolve: null } });

    now += 2 * 3600_000; // 11:30: the pause does not count
    const answer = await call(t, teacher, 'POST', `/api/tickets/${ticket.id}/followups`, { body: 'Firefox, à jour.' });
    expect(answer.statusCode).toBe(201);
    const resumed = await read(ticket.id);
    expect(resumed).toMatchObject({ status: 'assigned', sla: { resolve: { phase: 'running', elapsedMinutes: 30 } } });
    expect(resumed.followups.map((f: { body: string }) => f.body)).toEqual(['Quel navigateur utilisez-vous ?', 'Firefox, à jour.']);

    const solved = await status(ticket.id, { action: 'solve', version: resumed.version, solution: 'Cache du navigateur vidé, accès rétabli.' });
    expect(solved.json()).toMatchObject({ status: 'solved', solution: 'Cache du navigateur vidé, accès rétabli.', sla: { resolve: { state: 'met' } } });
    const told = await notificationsOf(t.ctx.db, t.ids.a.tenantId, [ticket.id]);
    expect(told).toMatchObject([{ kind: 'ticket-solved', recipientUserId: teacher.id, sentAt: null }]);

    const teacherView = await read(ticket.id, teacher);
    expect(teacherView.permissions).toMatchObject({ approve: true, rate: true, handle: false });
    const accepted = await call(t, teacher, 'POST', `/api/tickets/${ticket.id}/approval`, { version: teacherView.version, decision: 'accept', rating: 5 });
    expect(accepted.json()).toMatchObject({ status: 'closed', satisfaction: { rating: 5 } });
    // a closed ticket no longer moves
    expect((await status(ticket.id, { action: 'reopen', version: accepted.json().version, reason: 'Encore en panne' })).statusCode).toBe(409);
    expect((await call(t, teacher, 'POST', `/api/tickets/${ticket.id}/followups`, { body: 'Merci' })).statusCode).toBe(409);
    const rated = await call(t, teacher, 'POST', `/api/tickets/${ticket.id}/satisfaction`, { rating: 4, comment: 'Rapide' });
    expect(rated.json().satisfaction).toEqual({ rating: 4, comment: 'Rapide' });
  });

  it('reopens when the requester refuses the solution, and the clock resumes', async () => {
    const ticket = (await openTicket(t, teacher, { title: 'Imprimante du CDI' })).json();
    const solved = (await status(ticket.id, { action: 'solve', version: ticket.version, solution: 'Bourrage papier retiré.' })).json();
    const bad = await call(t, teacher, 'POST', `/api/tickets/${ticket.id}/approval`, { version: solved.version, decision: 'refuse' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.issues[0].path).toContain('comment');
    const refused = await call(t, teacher, 'POST', `/api/tickets/${ticket.id}/approval`, { version: solved.version, decision: 'refuse', comment: 'Le bourrage revient à chaque impression.' });
    expect(refused.json()).toMatchObject({ status: 'reopened', sla: { resolve: { phase: 'running' } } });
    expect(refused.json().followups.at(-1).body).toContain('Le bourrage revient');
    // the approval is the requester's: another teacher of the school may not answer
    const other = await schoolPerson(t, t.ids.staffSchool, 'teacher');
    const resolved = (await status(ticket.id, { action: 'solve', version: refused.json().version, solution: 'Rouleau remplacé.' })).json();
    expect((await call(t, other, 'POST', `/api/tickets/${ticket.id}/approval`, { version: resolved.version, decision: 'accept' })).statusCode).toBe(403);
    expect((await call(t, other, 'POST', `/api/tickets/${ticket.id}/satisfaction`, { rating: 1 })).statusCode).toBe(403);
  });

  it('refuses stale versions with 409, wrong transitions with 409, bad bodies with 400, requesters with 403', async () => {
    const ticket = (await openTicket(t, 'technician', { channel: 'phone' })).json();
    expect((await status(ticket.id, { action: 'start', version: ticket.version })).statusCode).toBe(200);
    const stale = await status(ticket.id, { action: 'plan', version: ticket.version, plannedFor: '2026-03-10T09:00:00+01:00' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    const current = await read(ticket.id);
    expect((await status(ticket.id, { action: 'close', version: current.version })).statusCode).toBe(409);
    expect((await status(ticket.id, { action: 'fly', version: current.version })).statusCode).toBe(400);
    expect((await status(ticket.id, { action: 'solve', version: current.version, solution: '' })).statusCode).toBe(400);
    expect((await status(ticket.id, { action: 'start', version: current.version }, 'establishment-staff')).statusCode).toBe(403);
    expect((await status(ticket.id, { action: 'start', version: current.version }, 'contractor')).statusCode).toBe(404);
    expect((await status(ticket.id, { action: 'start', version: current.version }, 'auditor')).statusCode).toBe(403);
    const anonymous = await t.app.inject({ method: 'POST', url: `/api/tickets/${ticket.id}/status`, payload: { action: 'start', version: 1 } });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('assignment', () => {
  it('lets the dispatcher give a ticket to another team or person of the desk, not to anyone', async () => {
    const ticket = (await openTicket(t, 'technician', { channel: 'phone', category: 'devices' })).json();
    const teams = (await call(t, 'authority-admin', 'GET', '/api/desk/teams')).json().items;
    const contractorTeam = teams.find((x: { organization: { id: string } }) => x.organization.id === t.ids.contractorOrg.tenantId);
    const unknownTeam = await status(ticket.id, { action: 'assign', version: ticket.version, teamId: '00000000-0000-4000-8000-000000000000' }, 'authority-admin');
    expect(unknownTeam.statusCode).toBe(400);
    const notDesk = await status(ticket.id, { action: 'assign', version: ticket.version, assigneeId: t.ids.users['establishment-staff'].id }, 'authority-admin');
    expect(notDesk.statusCode).toBe(400);
    const given = await status(ticket.id, { action: 'assign', version: ticket.version, teamId: contractorTeam.id }, 'authority-admin');
    expect(given.json()).toMatchObject({ status: 'assigned', level: 3, assignedTeam: { id: contractorTeam.id }, assignedUserId: null });
    expect((await call(t, 'contractor', 'GET', `/api/tickets/${ticket.id}`)).statusCode).toBe(200);
    const person = await status(ticket.id, { action: 'assign', version: given.json().version, assigneeId: t.ids.users.contractor.id }, 'contractor');
    expect(person.json()).toMatchObject({ assignedUserId: t.ids.users.contractor.id, assignedTeam: { id: contractorTeam.id } });
  });
});

describe('private follow-ups', () => {
  it('never reach the requester: not in the ticket, not in the list, not in the export', async () => {
    const ticket = (await openTicket(t, teacher, { title: 'Tableau interactif salle 104' })).json();
    const secret = 'NOTE-INTERNE-CONTRAT-GARANTIE-42';
    expect((await call(t, 'technician', 'POST', `/api/tickets/${ticket.id}/followups`, { body: secret, isPrivate: true })).statusCode).toBe(201);
    expect((await call(t, 'technician', 'POST', `/api/tickets/${ticket.id}/followups`, { body: 'Intervention prévue jeudi.' })).statusCode).toBe(201);
    await call(t, 'technician', 'POST', `/api/tickets/${ticket.id}/tasks`, { description: `Diagnostic ${secret}`, minutes: 45 });
    const escalation = await call(t, 'technician', 'POST', `/api/tickets/${ticket.id}/escalation`, { version: (await read(ticket.id)).version, direction: 'up', reason: `Motif ${secret}` });
    expect(escalation.statusCode).toBe(200);

    const desk = await read(ticket.id);
    expect(desk.followups.map((f: { isPrivate: boolean }) => f.isPrivate)).toEqual([true, false]);
    expect(desk.totalMinutes).toBe(45);
    expect(JSON.stringify(desk.history)).toContain(secret);

    for (const requester of [teacher, 'establishment-staff'] as const) {
      const detail = await call(t, requester, 'GET', `/api/tickets/${ticket.id}`);
      expect(detail.statusCode).toBe(200);
      expect(detail.body).not.toContain(secret);
      expect(detail.json().followups.map((f: { body: string }) => f.body)).toEqual(['Intervention prévue jeudi.']);
      expect(detail.json().tasks).toEqual([]);
      const list = await call(t, requester, 'GET', '/api/tickets?pageSize=200');
      expect(list.body).not.toContain(secret);
    }
    for (const format of ['csv', 'xlsx']) {
      const exported = await call(t, 'authority-admin', 'GET', `/api/tickets/export?format=${format}`);
      expect(exported.statusCode).toBe(200);
      expect(exported.rawPayload.includes(Buffer.from(secret))).toBe(false);
    }
    // a requester cannot write one either
    expect((await call(t, teacher, 'POST', `/api/tickets/${ticket.id}/followups`, { body: 'x', isPrivate: true })).statusCode).toBe(403);
    expect((await call(t, 'establishment-staff', 'POST', `/api/tickets/${ticket.id}/tasks`, { description: 'x', minutes: 5 })).statusCode).toBe(403);
  });
});

describe('escalation', () => {
  it('goes up to the regional experts then the contractor with a reason, and back down', async () => {
    const ticket = (await openTicket(t, 'technician', { channel: 'phone', category: 'devices' })).json();
    expect(ticket.level).toBe(1);
    const noReason = await call(t, 'technician', 'POST', `/api/tickets/${ticket.id}/escalation`, { version: ticket.version, direction: 'up', reason: '' });
    expect(noReason.statusCode).toBe(400);
    const up = (await call(t, 'technician', 'POST', `/api/tickets/${ticket.id}/escalation`, { version: ticket.version, direction: 'up', reason: 'Carte mère à remplacer' })).json();
    expect(up).toMatchObject({ level: 2, assignedTeam: { name: 'Experts régionaux (réseau, serveurs, sécurité)' } });
    expect((await call(t, 'contractor', 'GET', `/api/tickets/${ticket.id}`)).statusCode).toBe(404);
    const contractor = (await call(t, 'technician', 'POST', `/api/tickets/${ticket.id}/escalation`, { version: up.version, direction: 'up', reason: 'Pièce sous contrat de maintenance' })).json();
    expect(contractor).toMatchObject({ level: 3, assignedTeam: { organizationId: t.ids.contractorOrg.tenantId } });
    const seen = await call(t, 'contractor', 'GET', `/api/tickets/${ticket.id}`);
    expect(seen.json().permissions.handle).toBe(true);
    expect((await call(t, 'technician', 'POST', `/api/tickets/${ticket.id}/escalation`, { version: contractor.version, direction: 'up', reason: 'Encore plus haut' })).statusCode).toBe(409);
    // the contractor hands it back down: it leaves the contractor's scope
    const down = await call(t, 'contractor', 'POST', `/api/tickets/${ticket.id}/escalation`, { version: contractor.version, direction: 'down', level: 1, reason: 'Pièce livrée, pose par le technicien' });
    expect(down.statusCode).toBe(200);
    expect(down.json()).toMatchObject({ level: 1, assignedTeam: { name: `UTIL — ${t.ids.unit1.name}` } });
    expect((await call(t, 'contractor', 'GET', `/api/tickets/${ticket.id}`)).statusCode).toBe(404);
    const history = (await read(ticket.id)).history.filter((h: { kind: string }) => h.kind.includes('escalation'));
    expect(history.map((h: { kind: string; level: number; reason: string }) => [h.kind, h.level, h.reason])).toEqual([
      ['escalation', 2, 'Carte mère à remplacer'],
      ['escalation', 3, 'Pièce sous contrat de maintenance'],
      ['de-escalation', 1, 'Pièce livrée, pose par le technicien'],
    ]);
  });

  it('requalifies a ticket from triage: a category routes it, a major flag raises its priority', async () => {
    const ticket = (await openTicket(t, 'technician', { channel: 'phone' })).json();
    expect(ticket.assignedTeam.name).toBe('Guichet unique (hotline)');
    const qualified = (await call(t, 'technician', 'POST', `/api/tickets/${ticket.id}/qualification`, { version: ticket.version, category: 'infrastructure', urgency: 4 })).json();
    expect(qualified).toMatchObject({ category: { key: 'infrastructure' }, priority: 4, assignedTeam: { name: `UTIL — ${t.ids.unit1.name}` } });
    expect(qualified.sla.own.targetMinutes).toBe(120);
  });
});

describe('major incidents', () => {
  it('solves every linked site and tells each requester once', async () => {
    const major = (await openTicket(t, 'authority-admin', { channel: 'phone', title: 'Fournisseur d’accès en panne', major: true, category: 'security', urgency: 5, impact: 5 })).json();
    const schools = [t.ids.staffSchool, t.ids.establishments.unit1[1], t.ids.establishments.unit2[0]];
    const sites = [];
    for (const school of schools) sites.push((await openTicket(t, 'authority-admin', { uai: school.uai, channel: 'phone', title: 'Plus d’internet', requester: { name: 'Accueil', contact: `accueil-${school.uai}@essai.fr` } })).json());
    sites.push((await openTicket(t, teacher, { title: 'Internet coupé en salle 12' })).json());
    sites.push((await openTicket(t, teacher, { title: 'Internet coupé au CDI' })).json());
    for (const site of sites) {
      const linked = await call(t, 'authority-admin', 'POST', `/api/tickets/${site.id}/major-incident`, { version: site.version, majorId: major.id });
      expect(linked.statusCode).toBe(200);
      expect(linked.json().majorIncident.id).toBe(major.id);
    }
    const notMajor = await call(t, 'authority-admin', 'POST', `/api/tickets/${major.id}/major-incident`, { version: major.version, majorId: sites[0].id });
    expect(notMajor.statusCode).toBe(400);
    expect((await read(major.id, 'authority-admin')).linkedTickets.total).toBe(5);

    const current = await read(major.id, 'authority-admin');
    const solved = await status(major.id, { action: 'solve', version: current.version, solution: 'Lien rétabli par l’opérateur.' }, 'authority-admin');
    expect(solved.statusCode).toBe(200);
    for (const site of sites) {
      const after = await read(site.id, 'authority-admin');
      expect(after).toMatchObject({ status: 'solved' });
      expect(after.solution).toContain(`incident majeur n° ${major.number}`);
    }
    const told = await notificationsOf(t.ctx.db, t.ids.a.tenantId, [major.id]);
    // the admin who opened the major, three school receptions, and the teacher once for two tickets
    expect(told).toHaveLength(5);
    const teacherNote = told.find((n) => n.recipientUserId === teacher.id)!;
    expect(teacherNote.subject).toContain(`vos tickets n° ${sites[3].number}, ${sites[4].number}`);
    expect(new Set(told.map((n) => n.kind))).toEqual(new Set(['major-solved']));
  });
});

describe('attachments', () => {
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63fcffff3f0005fe02fea7d6a0f50000000049454e44ae426082', 'hex');
  const upload = async (id: string, caller: Parameters<typeof call>[1], file: { name: string; bytes: Buffer; type?: string }, fields: Record<string, string> = {}) => {
    const body = multipartBody(file, fields);
    const headers = typeof caller === 'string' ? await t.headers(caller) : await caller.headers();
    return t.app.inject({ method: 'POST', url: `/api/tickets/${id}/attachments`, headers: { ...headers, 'content-type': body.contentType }, payload: body.payload });
  };

  it('keeps allowed files, refuses others by their content and size, hides private ones from requesters', async () => {
    const ticket = (await openTicket(t, teacher, { title: 'Écran noir' })).json();
    const photo = await upload(ticket.id, teacher, { name: 'ecran.png', bytes: png, type: 'image/png' });
    expect(photo.statusCode).toBe(201);
    expect(photo.json()).toMatchObject({ filename: 'ecran.png', contentType: 'image/png', sizeBytes: png.length });
    const disguised = await upload(ticket.id, teacher, { name: 'facture.pdf', bytes: Buffer.from('MZ\x90\x00binaire'), type: 'application/pdf' });
    expect(disguised.statusCode).toBe(415);
    const renamed = await upload(ticket.id, teacher, { name: 'photo.pdf', bytes: png, type: 'application/pdf' });
    expect(renamed.statusCode).toBe(415);
    const huge = await upload(ticket.id, teacher, { name: 'journal.txt', bytes: Buffer.alloc(10 * 1024 * 1024 + 1, 'a') });
    expect(huge.statusCode).toBe(413);
    const internal = await upload(ticket.id, 'technician', { name: 'devis.txt', bytes: Buffer.from('devis interne') }, { isPrivate: 'true' });
    expect(internal.statusCode).toBe(201);
    expect((await upload(ticket.id, teacher, { name: 'x.txt', bytes: Buffer.from('x') }, { isPrivate: 'true' })).statusCode).toBe(403);

    const download = await call(t, teacher, 'GET', `/api/tickets/${ticket.id}/attachments/${photo.json().id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.headers['content-disposition']).toContain('attachment');
    expect(Buffer.compare(download.rawPayload, png)).toBe(0);
    expect((await call(t, teacher, 'GET', `/api/tickets/${ticket.id}/attachments/${internal.json().id}`)).statusCode).toBe(404);
    expect((await read(ticket.id, teacher)).attachments.map((a: { filename: string }) => a.filename)).toEqual(['ecran.png']);
    expect((await read(ticket.id)).attachments.map((a: { filename: string }) => a.filename)).toEqual(['ecran.png', 'devis.txt']);
  });
});
