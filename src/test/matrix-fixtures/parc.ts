import { eq } from 'drizzle-orm';
import { normalizeGlpiJson, parseGlpiMessage, validateGlpiInventory } from '../../modules/parc/inventory/index.js';
import { fixtureText, glpiExampleReport } from '../../modules/parc/inventory/testing/fixtures.js';
import { software, unassignedReports } from '../../modules/parc/db/schema.js';
import { frenchCsv } from '../../modules/parc/import/testing-files.js';
import { ingestReport } from '../../modules/parc/operations/ingest-report.js';
import type { TestApp, TestEstablishment } from '../app.js';
import { allowed, asAdmin, unique, unit1School, unit2School, type Caller, type Expect } from '../authz-matrix.js';

/** The fleet (parc): who may do what in the matrix (see authz-matrix.ts for the rules), and the records of A it needs. */

/** Who reads the fleet (asset.read): every role but the Académie's. */
export const assetReaders: readonly Caller[] = ['authority-admin', 'steering', 'technician', 'establishment-staff', 'contractor', 'auditor'];
/** Who changes devices, imports them and records deliveries (asset.update), each in their scope. */
export const assetUpdaters: readonly Caller[] = ['authority-admin', 'technician'];
/** Who manages the inventory agents' credentials, settings and unassigned reports (inventory.manage). */
export const inventoryManagers: readonly Caller[] = ['authority-admin'];

/** A device, a delivery or a fleet page of one school (?uai=) of unit 1 or unit 2: out of the caller's scope, or in another tenant, it does not exist. */
export const fleetOfOneSchool: { unit1: Expect; unit2: Expect } = {
  unit1: allowed(assetReaders, 200, { outOfScope: ['contractor'], recordOfA: true }),
  unit2: allowed(assetReaders, 200, { outOfScope: ['technician', 'establishment-staff'], recordOfA: true }),
};

/** A change to a device or a delivery of a school of unit 1 (the technician's) or of unit 2. */
export const changeOnSchool: { unit1: Expect; unit2: Expect } = {
  unit1: allowed(assetUpdaters, 200, { recordOfA: true }),
  unit2: allowed(assetUpdaters, 200, { outOfScope: ['technician'], recordOfA: true }),
};

/** Two devices of A, inventoried once: one in the staff user's school (unit 1), one in a school of unit 2. */
const assetsOfA = new WeakMap<TestApp, Promise<{ unit1: string; unit2: string }>>();
export function devicesOfA(t: TestApp) {
  let known = assetsOfA.get(t);
  if (!known) {
    const inventory = async (file: string, school: TestEstablishment) => {
      const report = { ...glpiExampleReport(file), tag: school.uai };
      return (await ingestReport(t.ctx, { tenantId: t.ids.a.tenantId, report, storeLastUser: false })).assetId;
    };
    known = (async () => ({ unit1: await inventory('computer_1.json', unit1School(t)), unit2: await inventory('computer_3.json', unit2School(t)) }))();
    assetsOfA.set(t, known);
  }
  return known;
}

/** Devices of A a caller must not see (asset ids); filled once the devices exist. */
export const hiddenDevices = new WeakMap<TestApp, Record<string, string[]>>();

/** A device created by hand in a school of A, for one call. */
export async function newDeviceOfA(t: TestApp, school: TestEstablishment): Promise<{ id: string; version: number }> {
  return asAdmin(t, 'POST', '/api/assets', { class: 'laptop', name: unique('Portable'), uai: school.uai });
}

/** A product of A's software catalogue (from the inventoried devices). */
export async function softwareOfA(t: TestApp): Promise<number> {
  await devicesOfA(t);
  const [row] = await t.ctx.db.select({ id: software.id }).from(software).where(eq(software.tenantId, t.ids.a.tenantId)).limit(1);
  return row.id;
}

/** A delivery of A on a school, recorded by A's admin for one call. */
export async function deliveryOfA(t: TestApp, uai: string): Promise<string> {
  const batch = await asAdmin(t, 'POST', '/api/deployments', { uai, label: unique('Livraison'), deliveredAt: '2026-03-02T08:00:00Z', serials: [unique('SN')] });
  return batch.id;
}

/** A report of the unassigned queue tagged with a school of A (so only A sees it), for one call. */
export async function unassignedReportOfA(t: TestApp): Promise<string> {
  const message = parseGlpiMessage(fixtureText('glpi-inventory-format/examples/computer_2.json'));
  if (message.action === 'contact') throw new Error('computer_2.json n’est pas un inventaire');
  const report = { ...normalizeGlpiJson(validateGlpiInventory(message.document)), tag: unit1School(t).uai, deviceId: unique('poste') };
  const [row] = await t.ctx.db
    .insert(unassignedReports)
    .values({ receivedAt: new Date(), source: report.source, deviceId: report.deviceId, tag: report.tag, remoteAddress: '192.0.2.10', report })
    .returning({ id: unassignedReports.id });
  return row.id;
}

/** A one-device CSV placed in a school of the caller's own tenant. */
export function deviceFile(t: TestApp, c: Caller) {
  const school = c === 'admin-b' ? t.ids.establishmentsB[0] : unit1School(t);
  return frenchCsv([
    ['N° de série', 'UAI', 'Type', 'Nom'],
    [unique('SN'), school.uai, 'Portable', unique('Portable')],
  ]);
}
