import { allowed, created, onSchools, unit1School, type MatrixEntry } from './authz-matrix.js';
import { ordersWorldOfA } from './matrix-fixtures/marches-orders.js';
import { entContractOfA, resourceChoosers, resourceManagers, resourceReaders, titleOfA } from './matrix-fixtures/marches-resources.js';

const contractQuery = async (t: Parameters<typeof ordersWorldOfA>[0]) => ({ contractId: (await ordersWorldOfA(t)).contractId });

/** Digital resources and the ENT (marchés): their routes in the matrix. */
export const marchesResourcesMatrix: Record<string, MatrixEntry> = {
  listResourceTitles: { cases: [{ expect: allowed(resourceReaders, 200), request: () => ({ url: '/api/resource-titles' }) }] },
  createResourceTitle: {
    cases: [
      {
        label: 'titre numérique d’un marché de A',
        expect: { ...created(allowed(resourceManagers, 200)), recordOfA: true },
        request: async (t) => {
          const w = await ordersWorldOfA(t);
          return { method: 'POST', url: '/api/resource-titles', payload: { contractId: w.contractId, lotId: w.lot1, title: 'Manuel', publisher: 'Éditeur', levels: ['2de'], throughGar: true, digital: true, priceItemId: w.items.pc } };
        },
      },
    ],
  },
  listResourceChoices: { cases: [{ expect: allowed(resourceReaders, 200), request: () => ({ url: '/api/resource-choices' }) }] },
  exportResourceChoices: {
    cases: [
      { label: 'CSV', expect: allowed(resourceReaders, 200), request: () => ({ url: '/api/resource-choices/export', query: { format: 'csv' } }) },
      { label: 'XLSX d’un lycée', expect: allowed(resourceReaders, 200), request: (t) => ({ url: '/api/resource-choices/export', query: { format: 'xlsx', uai: unit1School(t).uai } }) },
    ],
  },
  setResourceChoice: {
    cases: onSchools(
      async (t, e) => ({ method: 'PUT', url: '/api/resource-choices', payload: { titleId: (await titleOfA(t)).id, uai: e.uai, level: '2de', quantity: 10 } }),
      {
        unit1: allowed(resourceChoosers, 200, { recordOfA: true }),
        unit2: allowed(resourceChoosers, 200, { outOfScope: ['establishment-staff'], recordOfA: true }),
      },
    ),
  },
  consolidateResourceChoices: {
    cases: [
      {
        label: 'choix en attente d’un lycée du secteur 1',
        expect: { ...created(allowed(resourceManagers, 200)), recordOfA: true },
        request: async (t) => {
          const title = await titleOfA(t);
          await t.app.inject({ method: 'PUT', url: '/api/resource-choices', payload: { titleId: title.id, uai: unit1School(t).uai, level: '6e', quantity: 1 }, headers: await t.headers('authority-admin') });
          return { method: 'POST', url: '/api/resource-consolidations', payload: await contractQuery(t) };
        },
      },
    ],
  },
  getResourceLicences: { cases: [{ expect: allowed(resourceReaders, 200, { recordOfA: true }), request: async (t) => ({ url: '/api/resource-licences', query: await contractQuery(t) }) }] },
  exportResourceLicences: {
    cases: [
      { label: 'CSV', expect: allowed(resourceReaders, 200, { recordOfA: true }), request: async (t) => ({ url: '/api/resource-licences/export', query: { ...(await contractQuery(t)), format: 'csv' } }) },
      { label: 'XLSX', expect: allowed(resourceReaders, 200, { recordOfA: true }), request: async (t) => ({ url: '/api/resource-licences/export', query: { ...(await contractQuery(t)), format: 'xlsx' } }) },
    ],
  },
  setResourceHeadcount: {
    cases: onSchools(
      async (t, e) => ({ method: 'PUT', url: '/api/resource-headcounts', payload: { ...(await contractQuery(t)), uai: e.uai, level: '2de', pupils: 120 } }),
      {
        unit1: allowed(resourceChoosers, 200, { recordOfA: true }),
        unit2: allowed(resourceChoosers, 200, { outOfScope: ['establishment-staff'], recordOfA: true }),
      },
    ),
  },
  listEntSites: { cases: [{ expect: allowed(resourceReaders, 200, { recordOfA: true }), request: async (t) => ({ url: '/api/ent-sites', query: await contractQuery(t) }) }] },
  recordEntSite: {
    cases: onSchools(
      async (t, e) => ({ method: 'POST', url: '/api/ent-sites', payload: { contractId: await entContractOfA(t), uai: e.uai, wave: 1, openingDate: '2026-09-01', launchCostCents: 495_000, yearlyCostCents: 99_000 } }),
      { unit1: created(allowed(resourceManagers, 200, { recordOfA: true })), unit2: created(allowed(resourceManagers, 200, { recordOfA: true })) },
    ),
  },
};
