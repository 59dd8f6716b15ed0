import { seedGuichetDemo } from '../../modules/guichet/index.js';
import type { TestApp } from '../app.js';
import { allowed, asAdmin, lilleNoUnit, unit1School, unit2School, type Caller, type Expect } from '../authz-matrix.js';
import { multipartBody } from '../multipart.js';

/**
 * The service desk (guichet): who may do what in the matrix (see authz-matrix.ts for the rules),
 * and the records of A it needs. Reading follows the ticket scope (modules/guichet/ticket-access.ts):
 * the sector's technicians, the school's heads and referents, the Académie its own scope, a
 * contractor only what is assigned to it.
 */

/** Who reads tickets in their scope (ticket.read): every role. */
export const ticketReaders: readonly Caller[] = ['authority-admin', 'steering', 'technician', 'establishment-staff', 'academy-staff', 'contractor', 'auditor'];
/** Who opens tickets (ticket.create). */
export const ticketCreators: readonly Caller[] = ['authority-admin', 'technician', 'establishment-staff', 'academy-staff'];
/** Who adds public follow-ups and attachments (ticket.comment). */
export const ticketCommenters: readonly Caller[] = ['authority-admin', 'technician', 'establishment-staff', 'academy-staff', 'contractor'];
/** Who works on tickets (ticket.handle): status, qualification, escalation, tasks, major incidents. */
export const ticketHandlers: readonly Caller[] = ['authority-admin', 'technician', 'academy-staff', 'contractor'];
/** Who belongs to the desk's own organisation (ticket.private.read): teams and configuration, not requesters. */
export const deskStaff: readonly Caller[] = ['authority-admin', 'steering', 'technician', 'academy-staff', 'contractor', 'auditor'];
/** Who exports tickets and the dashboard's tables (ticket.export). */
export const ticketExporters: readonly Caller[] = ['authority-admin', 'steering', 'technician', 'academy-staff', 'auditor'];

/** On the unit-1 ticket (the technician's sector, the staff user's school): the Académie and the contractor do not see it. */
const notSeeingUnit1Ticket: readonly Caller[] = ['academy-staff', 'contractor'];
export const handleUnit1Ticket: Expect = allowed(ticketHandlers, 200, { outOfScope: notSeeingUnit1Ticket, recordOfA: true });
export const commentUnit1Ticket: Expect = allowed(ticketCommenters, 201, { outOfScope: notSeeingUnit1Ticket, recordOfA: true });
/** Only its requester (the staff user) answers the solution or rates it. */
export const requesterOfUnit1Ticket: Expect = allowed(['establishment-staff'], 200, { outOfScope: notSeeingUnit1Ticket, recordOfA: true });

/** The demo desk of A and B, seeded once per test app. */
const desksSeeded = new WeakMap<TestApp, Promise<void>>();
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
const ticketsOfA = new WeakMap<TestApp, Promise<Record<TicketKind, string>>>();
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

const attachmentsOfA = new WeakMap<TestApp, Promise<{ ticketId: string; id: string }>>();
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

/** Which standing tickets each caller reads (exhaustive: a new caller must say). */
const readableTickets: Record<Caller, TicketKind[]> = {
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

/** Titles of the standing tickets a caller must not see in lists and exports. */
export function unreadableTickets(caller: Caller): string[] {
  return (Object.keys(ticketTitles) as TicketKind[]).filter((k) => !readableTickets[caller].includes(k)).map((k) => ticketTitles[k]);
}
