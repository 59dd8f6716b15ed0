import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { assetProposals } from '../modules/parc/db/schema.js';
import { glpiExampleReport } from '../modules/parc/inventory/testing/fixtures.js';
import { type TestApp, type TestEstablishment } from './app.js';
import { multipartBody } from './multipart.js';
import { allowed, asAdmin, establishmentTokens, everyone, onSchools, tenantCodeOf, tenantOfCaller, unique, unit1School, unit2School, unreadableUais, type MatrixEntry } from './authz-matrix.js';
import {
  assetReaders,
  assetUpdaters,
  changeOnSchool,
  deliveryOfA,
  deviceFile,
  devicesOfA,
  fleetOfOneSchool,
  hiddenDevices,
  inventoryManagers,
  newDeviceOfA,
  softwareOfA,
  unassignedReportOfA,
} from './matrix-fixtures/parc.js';

/** A device of A placed by a person, and a pending proposal of an unauthenticated agent to rename it. */
async function newProposalOfA(t: TestApp, school: TestEstablishment): Promise<{ id: string; assetId: string }> {
  const device = await newDeviceOfA(t, school);
  const changes = [{ field: 'name', from: null, to: 'PC-PROPOSE' }];
  const [row] = await t.ctx.db
    .insert(assetProposals)
    .values({ tenantId: t.ids.a.tenantId, assetId: device.id, at: t.ctx.now(), agentDeviceId: unique('agent'), trust: 'tag', reason: 'essai', changes, changesHash: unique('h'), report: { ...glpiExampleReport('computer_2.json'), deviceId: unique('agent') } })
    .returning({ id: assetProposals.id });
  return { id: row.id, assetId: device.id };
}

/** Inventory agents and the fleet (parc): their routes in the authorization matrix (see authz-matrix.ts for the rules). */
export const parcMatrix: Record<string, MatrixEntry> = {
  // ------------------------------------------------------------ inventory agents
  // Agents authenticate with their own HTTP Basic credentials (or a tag, or a declared network),
  // never with a session or an API token: a report without agent credentials is refused to all.
  receiveAgentInventory: {
    public: true,
    cases: [
      {
        label: 'inventaire FusionInventory sans identifiants d’agent',
        expect: everyone(401),
        request: () => ({
          method: 'POST',
          url: '/api/v1/inventory',
          payload: readFileSync(fileURLToPath(new URL('../../fixtures/inventory/fusioninventory-debian12-vm.xml', import.meta.url))),
          headers: { 'content-type': 'application/xml' },
        }),
      },
    ],
  },

  // ------------------------------------------------------------ parc: devices
  listAssets: {
    cases: [
      {
        expect: allowed(assetReaders, 200),
        request: async (t) => {
          const devices = await devicesOfA(t);
          const outside = { unit1: [devices.unit2], unit2: [devices.unit1], none: [devices.unit1, devices.unit2] };
          hiddenDevices.set(t, {
            technician: outside.unit1,
            'establishment-staff': outside.unit1,
            contractor: outside.unit2,
            'admin-b': outside.none,
          });
          return { url: '/api/assets', query: { pageSize: '100' } };
        },
        hidden: (t, c) => hiddenDevices.get(t)?.[c] ?? [],
      },
    ],
  },
  getAsset: {
    cases: [
      {
        label: 'poste du lycée du secteur 1',
        expect: fleetOfOneSchool.unit1,
        request: async (t) => ({ url: `/api/assets/${(await devicesOfA(t)).unit1}` }),
        record: (t) => establishmentTokens(unit1School(t)),
      },
      {
        label: 'poste du lycée du secteur 2',
        expect: fleetOfOneSchool.unit2,
        request: async (t) => ({ url: `/api/assets/${(await devicesOfA(t)).unit2}` }),
        record: (t) => establishmentTokens(unit2School(t)),
      },
    ],
  },

  // read with asset.read: every role but the académie's; each tenant its own fleet
  exportAssets: { cases: [{ expect: allowed(assetReaders, 200), request: () => ({ url: '/api/assets/export', query: { format: 'csv' } }) }] },
  getFleetStats: {
    cases: [{ expect: allowed(assetReaders, 200), request: () => ({ url: '/api/fleet/stats' }) }, ...onSchools((_t, e) => ({ url: '/api/fleet/stats', query: { uai: e.uai } }), fleetOfOneSchool, { showRecord: true })],
  },
  getRenewalForecast: {
    cases: [{ expect: allowed(assetReaders, 200), request: () => ({ url: '/api/fleet/renewal' }) }, ...onSchools((_t, e) => ({ url: '/api/fleet/renewal', query: { uai: e.uai } }), fleetOfOneSchool)],
  },
  listFleetEstablishments: {
    cases: [{ expect: allowed(assetReaders, 200), request: () => ({ url: '/api/fleet/establishments' }), hidden: (t, c) => unreadableUais(t, c) }],
  },
  listLifecycleDevices: {
    cases: [{ expect: allowed(assetReaders, 200), request: () => ({ url: '/api/fleet/lifecycle' }) }, ...onSchools((_t, e) => ({ url: '/api/fleet/lifecycle', query: { uai: e.uai } }), fleetOfOneSchool)],
  },
  listSoftware: { cases: [{ expect: allowed(assetReaders, 200), request: () => ({ url: '/api/software' }) }] },
  listSoftwareInstallations: {
    cases: [
      {
        label: 'un logiciel inventorié chez A',
        expect: allowed(assetReaders, 200, { recordOfA: true }),
        request: async (t) => ({ url: `/api/software/${await softwareOfA(t)}/installations` }),
        hidden: (t, c) => unreadableUais(t, c),
      },
    ],
  },
  createAsset: {
    cases: onSchools(
      (_t, e) => ({ method: 'POST', url: '/api/assets', payload: { class: 'laptop', name: unique('Portable'), uai: e.uai } }),
      {
        // a school out of the caller's scope is refused like an unknown one: 400 on the uai field
        unit1: { ...allowed(assetUpdaters, 201), 'admin-b': 400 },
        unit2: { ...allowed(assetUpdaters, 201), technician: 400, 'admin-b': 400 },
      },
    ).map((c) => ({ ...c, record: undefined, echoed: (t: TestApp) => [unit1School(t).uai, unit2School(t).uai] })),
  },
  listAssetProposals: {
    cases: onSchools(async (t, e) => ({ url: `/api/assets/${(await newProposalOfA(t, e)).assetId}/proposals` }), fleetOfOneSchool),
  },
  ...Object.fromEntries(
    (['confirm', 'refuse'] as const).map((decision) => [
      decision === 'confirm' ? 'confirmAssetProposal' : 'refuseAssetProposal',
      {
        cases: onSchools(
          async (t, e) => {
            const p = await newProposalOfA(t, e);
            return { url: `/api/assets/${p.assetId}/proposals/${p.id}/${decision}` };
          },
          changeOnSchool,
        ),
      } satisfies MatrixEntry,
    ]),
  ),
  updateAsset: {
    cases: onSchools(
      async (t, e) => {
        const device = await newDeviceOfA(t, e);
        return { url: `/api/assets/${device.id}`, payload: { version: device.version, name: unique('Portable') } };
      },
      changeOnSchool,
    ),
  },
  bulkUpdateAssets: {
    cases: onSchools(
      async (t, e) => {
        const device = await newDeviceOfA(t, e);
        return { url: '/api/assets/bulk', payload: { action: 'set-status', ids: [device.id], status: 'in-repair' } };
      },
      changeOnSchool,
    ),
  },

  mergeAssets: {
    cases: onSchools(
      async (t, e) => {
        const [keep, merged] = [await newDeviceOfA(t, e), await newDeviceOfA(t, e)];
        return { url: '/api/assets/merge', payload: { keepId: keep.id, mergeId: merged.id } };
      },
      changeOnSchool,
    ),
  },
  undoAssetMatch: {
    cases: onSchools(
      async (t, e) => {
        const [keep, merged] = [await newDeviceOfA(t, e), await newDeviceOfA(t, e)];
        await asAdmin(t, 'POST', '/api/assets/merge', { keepId: keep.id, mergeId: merged.id });
        const detail = await asAdmin(t, 'GET', `/api/assets/${keep.id}`);
        return { url: `/api/assets/${keep.id}/matches/${detail.matches[0].id}/undo` };
      },
      changeOnSchool,
    ),
  },
  previewAssetImport: {
    cases: [
      {
        expect: allowed(assetUpdaters, 200),
        request: (t, c) => {
          const body = multipartBody({ name: 'parc.csv', bytes: deviceFile(t, c), type: 'text/csv' });
          return { method: 'POST', url: '/api/assets/import/preview', payload: body.payload, headers: { 'content-type': body.contentType } };
        },
      },
    ],
  },
  importAssets: {
    cases: [
      {
        label: 'un poste dans une école de sa propre collectivité',
        expect: allowed(assetUpdaters, 200),
        request: (t, c) => {
          const body = multipartBody({ name: 'parc.csv', bytes: deviceFile(t, c), type: 'text/csv' }, { mode: 'all-or-nothing' });
          return { method: 'POST', url: '/api/assets/import', payload: body.payload, headers: { 'content-type': body.contentType } };
        },
      },
    ],
  },
  attachUnassignedReport: {
    cases: [
      {
        label: 'un rapport étiqueté d’un lycée de A',
        expect: allowed(inventoryManagers, 200, { recordOfA: true }),
        request: async (t) => ({ url: `/api/inventory/unassigned/${await unassignedReportOfA(t)}/attach` }),
      },
    ],
  },

  // ------------------------------------------------------------ parc: deliveries (deployments)
  listDeployments: { cases: [{ expect: allowed(assetReaders, 200), request: () => ({ url: '/api/deployments' }) }] },
  // each reader gets the planned lines of the schools they reach (renewal-files.test.ts shows both sides)
  listDeploymentPlans: { cases: [{ expect: allowed(assetReaders, 200), request: () => ({ url: '/api/deployments/plans' }) }] },
  createDeployment: {
    cases: onSchools(
      (_t, e) => ({ method: 'POST', url: '/api/deployments', payload: { uai: e.uai, label: unique('Livraison'), deliveredAt: '2026-03-02T08:00:00Z', serials: [unique('SN')] } }),
      {
        unit1: allowed(assetUpdaters, 201, { recordOfA: true }),
        unit2: allowed(assetUpdaters, 201, { outOfScope: ['technician'], recordOfA: true }),
      },
    ),
  },
  getDeployment: {
    cases: onSchools(
      async (t, e) => ({ url: `/api/deployments/${await deliveryOfA(t, e.uai)}` }),
      fleetOfOneSchool,
    ),
  },
  advanceDeployment: {
    cases: onSchools(
      async (t, e) => ({ url: `/api/deployments/${await deliveryOfA(t, e.uai)}/advance`, payload: { step: 'installed', all: true } }),
      changeOnSchool,
    ),
  },

  // ------------------------------------------------------------ parc: inventory settings (inventory.manage: the admin)
  // inventory.manage is not a read-only action: a read token is refused even the GETs
  getInventorySettings: { cases: [{ expect: { ...allowed(inventoryManagers, 200), 'read-token': 403 }, request: () => ({ url: '/api/inventory/settings' }) }] },
  updateInventorySettings: {
    cases: [
      {
        expect: allowed(inventoryManagers, 200),
        request: async (t, c) => {
          const { version, ...current } = await asAdmin(t, 'GET', '/api/inventory/settings', undefined, tenantOfCaller(c));
          return { url: '/api/inventory/settings', payload: { ...current, version } };
        },
      },
    ],
  },
  listAgentCredentials: { cases: [{ expect: { ...allowed(inventoryManagers, 200), 'read-token': 403 }, request: () => ({ url: '/api/inventory/credentials' }) }] },
  createAgentCredential: {
    cases: [
      {
        expect: allowed(inventoryManagers, 201),
        request: (t, c) => ({ method: 'POST', url: '/api/inventory/credentials', payload: { username: `${tenantCodeOf(t, c)}/${unique('agent')}`, label: 'Agents du banc' } }),
      },
    ],
  },
  revokeAgentCredential: {
    cases: [
      {
        label: 'un identifiant d’agent de A',
        expect: allowed(inventoryManagers, 204, { recordOfA: true }),
        request: async (t) => {
          const created = await asAdmin(t, 'POST', '/api/inventory/credentials', { username: `${t.ids.a.code}/${unique('agent')}`, label: 'À révoquer' });
          return { url: `/api/inventory/credentials/${encodeURIComponent(created.username)}` };
        },
      },
    ],
  },
  listUnassignedReports: { cases: [{ expect: { ...allowed(inventoryManagers, 200), 'read-token': 403 }, request: () => ({ url: '/api/inventory/unassigned' }) }] },

};
