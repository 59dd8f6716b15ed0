import { eq } from 'drizzle-orm';
import { software } from '../modules/parc/db/schema.js';
import type { TestApp } from './app.js';
import { assetReaders, devicesOfA, s, unreadableUais, type MatrixEntry } from './authz-matrix.js';

/**
 * The fleet's exports of the software catalogue and of one product's installations: whoever reads
 * the devices, over their own scope (a technician's export never names another unit's schools).
 */
async function softwareOfA(t: TestApp): Promise<number> {
  await devicesOfA(t);
  const [row] = await t.ctx.db.select({ id: software.id }).from(software).where(eq(software.tenantId, t.ids.a.tenantId)).limit(1);
  return row.id;
}

export const parcFleetMatrix: Record<string, MatrixEntry> = {
  exportSoftware: { cases: [{ expect: assetReaders, request: () => ({ url: '/api/software/export', query: { format: 'csv' } }) }] },
  exportSoftwareInstallations: {
    cases: [
      {
        label: 'un logiciel inventorié chez A',
        //        anon  admin steer tech  staff acad  contr audit adm-B
        expect: s(401, 200, 200, 200, 200, 403, 200, 200, 404),
        request: async (t) => ({ url: `/api/software/${await softwareOfA(t)}/installations/export`, query: { format: 'csv' } }),
        hidden: (t, c) => unreadableUais(t, c),
      },
    ],
  },
};
