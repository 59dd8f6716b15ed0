import type { TestApp } from './app.js';
import { allowed, onSchools, unreadableUais, type Caller, type MatrixEntry } from './authz-matrix.js';
import { assetReaders, deliveryOfA, fleetOfOneSchool } from './matrix-fixtures/parc.js';

/**
 * Exports of the fleet-by-school, lifecycle and deployment lists: the list's permission (asset.read)
 * and scope; a file never names a school the caller may not read.
 */

const hiddenSchools = (t: TestApp, c: Caller) => unreadableUais(t, c);

export const parcExportsMatrix: Record<string, MatrixEntry> = {
  exportFleetEstablishments: {
    cases: [{ expect: allowed(assetReaders, 200), request: () => ({ url: '/api/fleet/establishments/export', query: { format: 'csv' } }), hidden: hiddenSchools }],
  },
  exportLifecycleDevices: {
    cases: [
      { expect: allowed(assetReaders, 200), request: () => ({ url: '/api/fleet/lifecycle/export', query: { format: 'csv' } }), hidden: hiddenSchools },
      ...onSchools((_t, e) => ({ url: '/api/fleet/lifecycle/export', query: { uai: e.uai, format: 'xlsx' } }), fleetOfOneSchool),
    ],
  },
  exportDeployments: {
    cases: [{ expect: allowed(assetReaders, 200), request: () => ({ url: '/api/deployments/export', query: { format: 'csv' } }), hidden: hiddenSchools }],
  },
  exportDeploymentItems: {
    cases: onSchools(async (t, e) => ({ url: `/api/deployments/${await deliveryOfA(t, e.uai)}/export`, query: { format: 'csv' } }), fleetOfOneSchool),
  },
};
