import type { TestApp } from './app.js';
import { allowed, lilleNoUnit, unit1School, unit2School, type Caller, type MatrixEntry } from './authz-matrix.js';
import { standingTickets, ticketExporters, ticketReaders } from './matrix-fixtures/guichet.js';

/**
 * The service desk's dashboard (routes/dashboard.ts): everyone who reads tickets gets figures, each
 * over their own ticket scope only, so the schools of tickets out of scope never appear; exporting
 * a table needs ticket.export, like the ticket list's export.
 */

/** Schools of the standing tickets (unit 1, the contractor's in unit 2, the Académie's) a caller must not see. */
function hiddenSchools(t: TestApp, caller: Caller): string[] {
  const hidden: Partial<Record<Caller, string[]>> = {
    technician: [unit2School(t).uai, lilleNoUnit(t).uai],
    'establishment-staff': [unit2School(t).uai, lilleNoUnit(t).uai],
    contractor: [unit1School(t).uai, lilleNoUnit(t).uai],
  };
  return hidden[caller] ?? [];
}

export const guichetDashboardMatrix: Record<string, MatrixEntry> = {
  getDeskDashboard: {
    cases: [
      {
        expect: allowed(ticketReaders, 200),
        request: async (t) => {
          await standingTickets(t);
          return { url: '/api/desk/dashboard' };
        },
        hidden: hiddenSchools,
        shown: (t, c) => (c === 'authority-admin' ? [unit1School(t).uai, unit2School(t).uai, lilleNoUnit(t).uai] : []),
      },
    ],
  },
  getDeskHome: {
    cases: [
      {
        expect: allowed(ticketReaders, 200),
        request: async (t) => {
          await standingTickets(t);
          return { url: '/api/desk/home' };
        },
        hidden: hiddenSchools,
      },
    ],
  },
  exportDeskDashboard: {
    cases: [
      {
        expect: allowed(ticketExporters, 200),
        request: async (t) => {
          await standingTickets(t);
          return { url: '/api/desk/dashboard/export', query: { table: 'backlog-schools', format: 'csv' } };
        },
        hidden: hiddenSchools,
      },
    ],
  },
};
