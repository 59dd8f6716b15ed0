import { allowed, unreadableUais, type MatrixEntry } from './authz-matrix.js';
import { assetReaders, softwareOfA } from './matrix-fixtures/parc.js';

/**
 * The fleet's exports of the software catalogue and of one product's installations: whoever reads
 * the devices, over their own scope (a technician's export never names another unit's schools).
 */
export const parcFleetMatrix: Record<string, MatrixEntry> = {
  exportSoftware: { cases: [{ expect: allowed(assetReaders, 200), request: () => ({ url: '/api/software/export', query: { format: 'csv' } }) }] },
  exportSoftwareInstallations: {
    cases: [
      {
        label: 'un logiciel inventorié chez A',
        expect: allowed(assetReaders, 200, { recordOfA: true }),
        request: async (t) => ({ url: `/api/software/${await softwareOfA(t)}/installations/export`, query: { format: 'csv' } }),
        hidden: (t, c) => unreadableUais(t, c),
      },
    ],
  },
};
