import type { TestApp } from './app.js';
import { assetReaders, fleetOfOneSchool, onSchools, s, unique, unreadableUais, type Caller, type MatrixEntry } from './authz-matrix.js';

/**
 * Exports of the fleet-by-school, lifecycle and deployment lists: the list's permission (asset.read)
 * and scope; a file never names a school the caller may not read.
 */

/** A delivery of A on a school, recorded by A's admin for one call. */
async function deliveryOfA(t: TestApp, uai: string): Promise<string> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/deployments',
    payload: { uai, label: unique('Livraison'), deliveredAt: '2026-03-02T08:00:00Z', serials: [unique('SN')] },
    headers: await t.headers('authority-admin'),
  });
  if (response.statusCode !== 201) throw new Error(`préparation de la livraison : ${response.statusCode} ${response.body}`);
  return response.json().id;
}

const hiddenSchools = (t: TestApp, c: Caller) => unreadableUais(t, c);

export const parcExportsMatrix: Record<string, MatrixEntry> = {
  exportFleetEstablishments: {
    cases: [{ expect: assetReaders, request: () => ({ url: '/api/fleet/establishments/export', query: { format: 'csv' } }), hidden: hiddenSchools }],
  },
  exportLifecycleDevices: {
    cases: [
      { expect: assetReaders, request: () => ({ url: '/api/fleet/lifecycle/export', query: { format: 'csv' } }), hidden: hiddenSchools },
      ...onSchools((_t, e) => ({ url: '/api/fleet/lifecycle/export', query: { uai: e.uai, format: 'xlsx' } }), fleetOfOneSchool),
    ],
  },
  exportDeployments: {
    cases: [{ expect: assetReaders, request: () => ({ url: '/api/deployments/export', query: { format: 'csv' } }), hidden: hiddenSchools }],
  },
  exportDeploymentItems: {
    cases: onSchools(async (t, e) => ({ url: `/api/deployments/${await deliveryOfA(t, e.uai)}/export`, query: { format: 'csv' } }), {
      //             anon  admin steer tech  staff acad  contr audit adm-B
      unit1: s(401, 200, 200, 200, 200, 403, 404, 200, 404),
      unit2: s(401, 200, 200, 404, 404, 403, 200, 200, 404),
    }),
  },
};
