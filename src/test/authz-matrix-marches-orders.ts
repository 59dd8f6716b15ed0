import { allowed, onSchools, unique, type MatrixEntry } from './authz-matrix.js';
import { laterDay, linkManagers, linkOfA, linkOfOneSchool, linkReaders } from './matrix-fixtures/marches-orders.js';


/** Network links, orders, budgets, deliveries and resources (marchés): their routes in the matrix. */
export const marchesOrdersMatrix: Record<string, MatrixEntry> = {
  listSiteLinks: { cases: [{ expect: allowed(linkReaders, 200), request: () => ({ url: '/api/site-links' }) }] },
  exportSiteLinks: { cases: [{ expect: allowed(linkReaders, 200), request: () => ({ url: '/api/site-links/export', query: { format: 'csv' } }) }] },
  getSiteLinkSavings: { cases: [{ expect: allowed(linkReaders, 200), request: () => ({ url: '/api/site-links/savings' }) }] },
  getSiteLinkSettings: { cases: [{ expect: allowed(linkReaders, 200), request: () => ({ url: '/api/site-links/settings' }) }] },
  updateSiteLinkSettings: { cases: [{ expect: allowed(linkManagers, 200), request: () => ({ method: 'PUT', url: '/api/site-links/settings', payload: { schoolSharePercent: 50 } }) }] },
  recordSiteLink: {
    cases: onSchools(
      (_t, e) => ({
        method: 'POST',
        url: '/api/site-links',
        payload: { uai: e.uai, operator: unique('Opérateur'), technology: 'vdsl', symmetric: false, downMbps: 50, upMbps: 5, monthlyCostCents: 9_000, startDate: laterDay() },
      }),
      { unit1: allowed(linkManagers, 201, { recordOfA: true }), unit2: allowed(linkManagers, 201, { recordOfA: true }) },
    ),
  },
  getSiteLink: { cases: onSchools(async (t, e) => ({ url: `/api/site-links/${(await linkOfA(t, e.uai)).id}` }), linkOfOneSchool) },
  listSiteLinkChanges: { cases: onSchools(async (t, e) => ({ url: `/api/site-links/${(await linkOfA(t, e.uai)).id}/changes` }), linkOfOneSchool) },
  updateSiteLink: {
    cases: onSchools(
      async (t, e) => {
        const link = await linkOfA(t, e.uai);
        return { method: 'PATCH', url: `/api/site-links/${link.id}`, payload: { monthlyCostCents: 55_000, version: link.version } };
      },
      { unit1: allowed(linkManagers, 200, { recordOfA: true }), unit2: allowed(linkManagers, 200, { recordOfA: true }) },
    ),
  },
};
