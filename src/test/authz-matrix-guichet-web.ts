import { allowed, type MatrixEntry } from './authz-matrix.js';
import { ticketHandlers } from './matrix-fixtures/guichet.js';

/**
 * The web UI's own route (routes/assignees.ts): the desk people a ticket may be assigned to. Only
 * those who handle tickets get it; the authority's desk sees every desk person of the tenant, the
 * Académie and a contractor only their own organization's; another tenant's administrator only
 * their tenant's.
 */
export const guichetWebMatrix: Record<string, MatrixEntry> = {
  listTicketAssignees: {
    cases: [
      {
        expect: { ...allowed(ticketHandlers, 200), 'read-token': 403 }, // a read-only token never handles tickets
        request: () => ({ url: '/api/desk/assignees' }),
        shown: (t, c) => {
          const { users } = t.ids;
          if (c === 'authority-admin' || c === 'technician') return [users.technician.displayName, users.contractor.displayName, users['academy-staff'].displayName];
          if (c === 'contractor') return [users.contractor.displayName];
          if (c === 'academy-staff') return [users['academy-staff'].displayName];
          return [];
        },
        hidden: (t, c) => {
          const { users } = t.ids;
          // never the people who only read or ask
          const always = [users.steering.displayName, users['establishment-staff'].displayName, users.auditor.displayName];
          if (c === 'contractor') return [...always, users.technician.displayName, users['academy-staff'].displayName];
          if (c === 'academy-staff') return [...always, users.technician.displayName, users.contractor.displayName];
          if (c === 'admin-b') return [...always, users.technician.displayName, users.contractor.displayName];
          return always;
        },
      },
    ],
  },
};
