import { operationVersion, ppiReaders, steeringExporters, profileOfA, profileVersionOfA, scenarioOfA, sharedScenarioOfA, steeringManagers, steeringReaders } from './matrix-fixtures/pilotage.js';

import { ppiFinancingLines } from '../modules/pilotage/db/schema.js';
import { allowed, created, unit1School, unit2School, type MatrixEntry } from './authz-matrix.js';

const indicators = [{ code: 'pupils_per_device', target: 4 }];

/** Steering: assessments over the caller's schools, target profiles and the PPI for the authority. */
export const pilotageMatrix: Record<string, MatrixEntry> = {
  getEstablishmentAssessment: {
    cases: [
      { label: 'le lycée du personnel (unité 1)', expect: allowed(steeringReaders, 200, { recordOfA: true }), request: (t) => ({ url: `/api/establishments/${unit1School(t).uai}/assessment` }) },
      {
        label: 'un lycée d’Amiens (unité 2)',
        expect: allowed(steeringReaders, 200, { outOfScope: ['technician', 'establishment-staff', 'academy-staff'], recordOfA: true }),
        request: (t) => ({ url: `/api/establishments/${unit2School(t).uai}/assessment` }),
      },
    ],
  },
  getEstablishmentAssessmentRecords: {
    cases: [{ expect: allowed(steeringReaders, 200, { recordOfA: true }), request: (t) => ({ url: `/api/establishments/${unit1School(t).uai}/assessment/wifi_teaching_rooms_share/records` }) }],
  },
  exportEstablishmentAssessmentRecords: {
    cases: [
      {
        label: 'le lycée du personnel (unité 1)',
        expect: allowed(steeringExporters, 200, { recordOfA: true }),
        request: (t) => ({ url: `/api/establishments/${unit1School(t).uai}/assessment/fleet_under_5_years_share/records/export`, query: { format: 'csv' } }),
      },
      {
        label: 'un lycée d’Amiens (unité 2)',
        expect: allowed(steeringExporters, 200, { outOfScope: ['establishment-staff', 'academy-staff'], recordOfA: true }),
        request: (t) => ({ url: `/api/establishments/${unit2School(t).uai}/assessment/wifi_teaching_rooms_share/records/export`, query: { format: 'xlsx' } }),
      },
    ],
  },
  getEstablishmentAssessmentTrend: {
    cases: [
      { label: 'le lycée du personnel (unité 1)', expect: allowed(steeringReaders, 200, { recordOfA: true }), request: (t) => ({ url: `/api/establishments/${unit1School(t).uai}/assessment/trend` }) },
      {
        label: 'un lycée d’Amiens (unité 2)',
        expect: allowed(steeringReaders, 200, { outOfScope: ['technician', 'establishment-staff', 'academy-staff'], recordOfA: true }),
        request: (t) => ({ url: `/api/establishments/${unit2School(t).uai}/assessment/trend` }),
      },
    ],
  },
  refreshEstablishmentContext: { cases: [{ expect: allowed(steeringManagers, 200), request: () => ({ url: '/api/pilotage/establishment-context/refresh', payload: {} }) }] },
  getSteeringTrend: { cases: [{ expect: allowed(steeringReaders, 200), request: () => ({ url: '/api/pilotage/trend' }) }] },
  getSteeringDashboard: { cases: [{ expect: allowed(steeringReaders, 200), request: () => ({ url: '/api/pilotage/dashboard' }) }] },
  exportSteeringDashboard: { cases: [{ expect: allowed(steeringExporters, 200), request: () => ({ url: '/api/pilotage/dashboard/export', query: { format: 'csv' } }) }] },
  drillSteeringDashboard: {
    cases: [{ expect: allowed(steeringReaders, 200), request: () => ({ url: '/api/pilotage/dashboard/schools', query: { dimension: 'rurality', group: 'Inconnu' } }) }],
  },
  getSteeringOutlines: { cases: [{ expect: allowed(steeringReaders, 200), request: () => ({ url: '/api/pilotage/dashboard/outlines' }) }] },
  listTargetProfiles: { cases: [{ expect: allowed(steeringReaders, 200), request: () => ({ url: '/api/pilotage/target-profiles' }) }] },
  createTargetProfile: {
    cases: [{ expect: created(allowed(steeringManagers, 200)), request: (_t, caller) => ({ url: '/api/pilotage/target-profiles', payload: { name: `Profil ${caller}`, establishmentKind: 'college', indicators } }) }],
  },
  addTargetProfileVersion: {
    cases: [{ expect: created(allowed(steeringManagers, 200, { recordOfA: true })), request: async (t) => ({ url: `/api/pilotage/target-profiles/${await profileOfA(t)}/versions`, payload: { indicators } }) }],
  },
  updateTargetProfileVersion: {
    cases: [
      {
        expect: allowed(steeringManagers, 200, { recordOfA: true }),
        request: async (t) => ({ url: `/api/pilotage/target-profiles/${await profileOfA(t)}/versions/1`, payload: { version: await profileVersionOfA(t), indicators } }),
      },
    ],
  },
  listPpiScenarios: { cases: [{ expect: allowed(ppiReaders, 200), request: () => ({ url: '/api/pilotage/ppi/scenarios' }) }] },
  createPpiScenario: {
    cases: [
      {
        expect: created(allowed(steeringManagers, 200)),
        request: (_t, caller) => ({ url: '/api/pilotage/ppi/scenarios', payload: { name: `Scénario ${caller}`, startYear: 2027, yearCount: 1, yearlyCeilingsCents: [100_000] } }),
      },
    ],
  },
  comparePpiScenarios: {
    cases: [{ expect: allowed(ppiReaders, 200, { recordOfA: true }), request: async (t) => ({ url: '/api/pilotage/ppi/compare', query: { ids: (await sharedScenarioOfA(t)).id } }) }],
  },
  listPpiUnitCosts: { cases: [{ expect: allowed(ppiReaders, 200), request: () => ({ url: '/api/pilotage/ppi/unit-costs' }) }] },
  setPpiCostReference: {
    cases: [{ expect: allowed(steeringManagers, 200), request: () => ({ url: '/api/pilotage/ppi/unit-costs/interactive_displays', payload: { label: 'Écran interactif 75 pouces', unitCostCents: 320_000 } }) }],
  },
  getPpiExecution: {
    cases: [{ expect: allowed(ppiReaders, 200, { recordOfA: true }), request: async (t) => ({ url: `/api/pilotage/ppi/scenarios/${(await sharedScenarioOfA(t)).id}/execution` }) }],
  },
  listPpiOperations: {
    cases: [
      { expect: allowed(ppiReaders, 200, { recordOfA: true }), request: async (t) => ({ url: `/api/pilotage/ppi/scenarios/${(await sharedScenarioOfA(t)).id}/operations` }) },
      { label: 'page 2, une année', expect: allowed(ppiReaders, 200, { recordOfA: true }), request: async (t) => ({ url: `/api/pilotage/ppi/scenarios/${(await sharedScenarioOfA(t)).id}/operations`, query: { page: '2', pageSize: '1', year: '2027' } }) },
    ],
  },
  exportPpiOperations: {
    cases: [
      { label: 'CSV', expect: allowed(ppiReaders, 200, { recordOfA: true }), request: async (t) => ({ url: `/api/pilotage/ppi/scenarios/${(await sharedScenarioOfA(t)).id}/operations/export`, query: { format: 'csv' } }) },
      { label: 'XLSX hors plan', expect: allowed(ppiReaders, 200, { recordOfA: true }), request: async (t) => ({ url: `/api/pilotage/ppi/scenarios/${(await sharedScenarioOfA(t)).id}/operations/export`, query: { format: 'xlsx', year: 'unscheduled' } }) },
    ],
  },
  movePpiOperation: {
    cases: [
      {
        expect: allowed(steeringManagers, 200, { recordOfA: true }),
        request: async (t) => {
          const s = await sharedScenarioOfA(t);
          return { url: `/api/pilotage/ppi/scenarios/${s.id}/operations/${s.operationId}/year`, payload: { year: 2027, version: await operationVersion(t, s.operationId) } };
        },
      },
    ],
  },
  setPpiOperationFinancing: {
    cases: [
      {
        expect: allowed(steeringManagers, 200, { recordOfA: true }),
        request: async (t) => {
          const s = await sharedScenarioOfA(t);
          return { url: `/api/pilotage/ppi/scenarios/${s.id}/operations/${s.operationId}/financing`, payload: { lines: [{ source: 'own', amountCents: 600 }, { source: 'feder', amountCents: 400 }] } };
        },
      },
    ],
  },
  splitPpiFinancing: {
    cases: [
      {
        expect: allowed(steeringManagers, 200, { recordOfA: true }),
        request: async (t) => ({ url: `/api/pilotage/ppi/scenarios/${(await sharedScenarioOfA(t)).id}/financing-split`, payload: { shares: [{ source: 'own', percent: 100 }] } }),
      },
    ],
  },
  votePpiScenario: {
    cases: [
      {
        expect: allowed(steeringManagers, 200, { recordOfA: true }),
        request: async (t, caller) => {
          const s = await scenarioOfA(t, `Vote ${caller} ${Math.random()}`);
          await t.ctx.db.insert(ppiFinancingLines).values({ tenantId: t.ids.a.tenantId, operationId: s.operationId, source: 'own', amountCents: 1000 });
          return { url: `/api/pilotage/ppi/scenarios/${s.id}/vote` };
        },
      },
    ],
  },
};
