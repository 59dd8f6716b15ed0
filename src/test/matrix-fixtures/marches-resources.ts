import { contracts } from '../../modules/marches/db/schema.js';
import type { TestApp } from '../app.js';
import { asAdmin, unique, type Caller } from '../authz-matrix.js';
import { ordersWorldOfA } from './marches-orders.js';

/** Digital resources and the ENT (marchés): role groups and records of A for the matrix. */

/** Who reads the catalogue, choices, licences and ENT sites (resource.read), each within their schools. */
export const resourceReaders: readonly Caller[] = ['authority-admin', 'steering', 'technician', 'establishment-staff', 'academy-staff', 'auditor'];
/** Who chooses titles for a school (resource.choose): the school's staff for its own. */
export const resourceChoosers: readonly Caller[] = ['authority-admin', 'establishment-staff'];
/** Who keeps the catalogue, consolidates and opens ENT sites (resource.manage). */
export const resourceManagers: readonly Caller[] = ['authority-admin'];

/** A fresh digital title of A's orders world (lot 1, the PC item), with every level. */
export async function titleOfA(t: TestApp): Promise<{ id: string }> {
  const w = await ordersWorldOfA(t);
  return asAdmin(t, 'POST', '/api/resource-titles', { contractId: w.contractId, lotId: w.lot1, title: unique('Titre'), publisher: 'Éditeur', levels: ['6e', '2de'], throughGar: true, digital: true, priceItemId: w.items.pc });
}

/** A fresh bare ENT contract of A (a site opens once per contract). */
export async function entContractOfA(t: TestApp): Promise<string> {
  const [c] = await t.ctx.db
    .insert(contracts)
    .values({ tenantId: t.ids.a.tenantId, reference: unique('ENT'), object: 'ENT', kind: 'ordinary', procedure: 'appel-offres-ouvert', cpvCode: '72000000-5', buyerOrganizationId: t.ids.a.tenantId, buyerSiret: '23590001900018', holders: [], estimateCents: 0, startsOn: '2026-01-01', durationMonths: 48, ccag: 'CCAG-TIC', priceForm: 'unitaire', status: 'notified' })
    .returning();
  return c.id;
}
