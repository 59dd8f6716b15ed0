import { broadbandContract } from '../modules/marches/testing.js';
import { allowed, created, deleted, tenantIdOf, type MatrixEntry } from './authz-matrix.js';
import { contractExporters, contractManagers, contractReaders, freshContract, freshDecision, groupBody, groupReaders, marchesOfA } from './matrix-fixtures/marches.js';

/** Contracts, lots, price lists, amendments, the DECP and purchasing groups. */
export const marchesMatrix: Record<string, MatrixEntry> = {
  listContracts: { cases: [{ expect: allowed(contractReaders, 200), request: () => ({ url: '/api/contracts' }) }] },
  exportContracts: { cases: [{ expect: allowed(contractExporters, 200), request: () => ({ url: '/api/contracts/export', query: { format: 'csv', what: 'lots' } }) }] },
  exportDecp: { cases: [{ expect: allowed(contractExporters, 200), request: () => ({ url: '/api/decp.json', query: { year: '2025' } }) }] },
  getContract: {
    cases: [
      { label: 'marché dont le prestataire tient un lot', expect: allowed(contractReaders, 200, { recordOfA: true }), request: async (t) => ({ url: `/api/contracts/${(await marchesOfA(t)).held.id}` }) },
      { label: 'marché sans lot du prestataire', expect: allowed(contractReaders, 200, { outOfScope: ['contractor'], recordOfA: true }), request: async (t) => ({ url: `/api/contracts/${(await marchesOfA(t)).other.id}` }) },
    ],
  },
  listPriceItemsInForce: {
    cases: [{ expect: allowed(contractReaders, 200, { recordOfA: true }), request: async (t) => ({ url: `/api/lots/${(await marchesOfA(t)).held.lotId}/price-items`, query: { on: '2025-06-01' } }) }],
  },
  createContract: {
    cases: [{ expect: created(allowed(contractManagers, 200)), request: (t, c) => ({ method: 'POST', url: '/api/contracts', payload: broadbandContract(tenantIdOf(t, c)) }) }],
  },
  updateContract: {
    cases: [{ expect: allowed(contractManagers, 200, { recordOfA: true }), request: async (t) => { const c = await freshContract(t); return { method: 'PATCH', url: `/api/contracts/${c.id}`, payload: { version: c.version, theme: 'Réseaux' } }; } }],
  },
  deleteContract: {
    cases: [{ expect: deleted(allowed(contractManagers, 200, { recordOfA: true })), request: async (t) => { const c = await freshContract(t); return { method: 'DELETE', url: `/api/contracts/${c.id}`, query: { version: String(c.version) } }; } }],
  },
  addLot: {
    cases: [{ expect: created(allowed(contractManagers, 200, { recordOfA: true })), request: async (t) => ({ method: 'POST', url: `/api/contracts/${(await freshContract(t)).id}/lots`, payload: { number: 9, title: 'Lot ajouté' } }) }],
  },
  updateLot: {
    cases: [{ expect: allowed(contractManagers, 200, { recordOfA: true }), request: async (t) => { const c = await freshContract(t); return { method: 'PATCH', url: `/api/lots/${c.lots[0].id}`, payload: { version: c.lots[0].version, title: 'Zone renommée' } }; } }],
  },
  addPriceList: {
    cases: [{
      expect: created(allowed(contractManagers, 200, { recordOfA: true })),
      request: async (t) => ({ method: 'POST', url: `/api/lots/${(await freshContract(t)).lots[0].id}/price-lists`, payload: { validFrom: '2025-04-01', items: [{ code: 'A', label: 'Accès', unit: 'site', unitPriceExclTaxCents: 100, recurrence: 'monthly' }] } }),
    }],
  },
  addAmendment: {
    cases: [{ expect: created(allowed(contractManagers, 200, { recordOfA: true })), request: async (t) => ({ method: 'POST', url: `/api/contracts/${(await freshContract(t, 'notified')).id}/amendments`, payload: { signedOn: '2025-09-01', object: 'Prolongation', durationMonths: 30 } }) }],
  },
  listPurchasingGroups: { cases: [{ expect: allowed(groupReaders, 200), request: () => ({ url: '/api/purchasing-groups' }) }] },
  createPurchasingGroup: { cases: [{ expect: created(allowed(contractManagers, 200)), request: (t, c) => ({ method: 'POST', url: '/api/purchasing-groups', payload: groupBody(tenantIdOf(t, c)) }) }] },
  getPurchasingGroup: { cases: [{ expect: allowed(groupReaders, 200, { recordOfA: true }), request: async (t) => ({ url: `/api/purchasing-groups/${(await marchesOfA(t)).groupId}` }) }] },
  setProjectLead: {
    cases: [{ expect: allowed(contractManagers, 200, { recordOfA: true }), request: async (t) => ({ method: 'PUT', url: `/api/purchasing-groups/${(await marchesOfA(t)).groupId}/members/${t.ids.a.tenantId}/project-lead`, payload: { projectLeadName: 'Nouveau chef de projet' } }) }],
  },
  proposeDecision: {
    cases: [{ expect: created(allowed(contractManagers, 200, { recordOfA: true })), request: async (t) => ({ method: 'POST', url: `/api/purchasing-groups/${(await marchesOfA(t)).groupId}/decisions`, payload: { kind: 'award-lot', title: 'Attribution' } }) }],
  },
  voteDecision: {
    cases: [{
      expect: allowed(contractManagers, 200, { recordOfA: true }),
      request: async (t) => { const d = await freshDecision(t); return { method: 'POST', url: `/api/purchasing-groups/${(await marchesOfA(t)).groupId}/decisions/${d.id}/votes`, payload: { vote: 'approve', version: d.version } }; },
    }],
  },
};
