import { type TestApp } from './app.js';
import { multipartBody } from './multipart.js';
import { type Caller, allowed, created, establishmentTokens, lilleNoUnit, onSchools, unique, unit1School, unit2School, type MatrixEntry } from './authz-matrix.js';
import {
  attachmentOfA,
  commentUnit1Ticket,
  deskOf,
  deskStaff,
  handleUnit1Ticket,
  newTicketOfA,
  requesterOfUnit1Ticket,
  solvedTicketOfA,
  standingTickets,
  ticketCreators,
  ticketExporters,
  ticketHandlers,
  ticketReaders,
  ticketTitles,
  unreadableTickets,
} from './matrix-fixtures/guichet.js';

/** The service desk (guichet): their routes in the authorization matrix (see authz-matrix.ts for the rules). */
export const guichetMatrix: Record<string, MatrixEntry> = {
  // ------------------------------------------------------------ service desk (guichet)
  // Reading follows the ticket scope (see matrix-fixtures/guichet.ts). Working on a ticket needs
  // ticket.handle (403 before any lookup).
  createTicket: {
    cases: onSchools(
      (_t, e) => ({
        method: 'POST',
        url: '/api/tickets',
        payload: { uai: e.uai, title: unique('Matrice'), description: 'Ouvert par la matrice.', type: 'incident', urgency: 3, impact: 3 },
      }),
      {
        // a school out of the caller's scope is refused like an unknown one: 400 on the uai field
        unit1: { ...allowed(ticketCreators, 201), 'admin-b': 400 },
        unit2: { ...allowed(ticketCreators, 201), technician: 400, 'establishment-staff': 400, 'academy-staff': 400, 'admin-b': 400 },
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
        expect: allowed(ticketReaders, 200),
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
        expect: allowed(ticketExporters, 200),
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
        expect: allowed(ticketReaders, 200, { outOfScope: ['academy-staff', 'contractor'], recordOfA: true }),
        request: async (t) => ({ url: `/api/tickets/${(await standingTickets(t)).unit1}` }),
        record: (t) => [...establishmentTokens(unit1School(t)), ticketTitles.unit1],
        shown: () => [ticketTitles.unit1],
      },
      {
        label: 'ticket confié au prestataire',
        expect: allowed(ticketReaders, 200, { outOfScope: ['technician', 'establishment-staff', 'academy-staff'], recordOfA: true }),
        request: async (t) => ({ url: `/api/tickets/${(await standingTickets(t)).contractor}` }),
        record: (t) => [...establishmentTokens(unit2School(t)), ticketTitles.contractor],
      },
      {
        label: 'ticket du périmètre de l’Académie',
        expect: allowed(ticketReaders, 200, { outOfScope: ['technician', 'establishment-staff', 'contractor'], recordOfA: true }),
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
        expect: allowed(ticketHandlers, 200, { outOfScope: ['technician', 'academy-staff'], recordOfA: true }),
        request: async (t) => {
          const ticket = await newTicketOfA(t, 'contractor');
          return { url: `/api/tickets/${ticket.id}/status`, payload: { action: 'start', version: ticket.version } };
        },
      },
      {
        label: 'ticket du périmètre de l’Académie',
        expect: allowed(ticketHandlers, 200, { outOfScope: ['technician', 'contractor'], recordOfA: true }),
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
        expect: allowed(ticketReaders, 200, { outOfScope: ['academy-staff', 'contractor'], recordOfA: true }),
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
        expect: allowed(ticketReaders, 200),
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
        expect: allowed(deskStaff, 200),
        request: async (t) => {
          await deskOf(t);
          return { url: '/api/desk/teams' };
        },
        shown: (t, c) => (c === 'admin-b' ? [t.ids.unitB.name] : [t.ids.unit1.name, t.ids.contractorOrg.name]),
      },
    ],
  },
};
