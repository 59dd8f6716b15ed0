import { and, eq } from 'drizzle-orm';
import type { TestApp } from '../../../test/app.js';
import { establishments } from '../../referentiel/db/schema.js';
import { assetSoftware, assets, inventorySettings, software } from '../db/schema.js';

/** "Now" of the fleet tests: the fixed clock of their test app. */
export const fleetNow = new Date('2026-11-24T10:00:00Z');
const daysAgo = (days: number) => new Date(fleetNow.getTime() - days * 86_400_000);

type NewAsset = typeof assets.$inferInsert;

/**
 * A small fleet in the test world (src/test/app.ts), figures chosen so each count is known:
 * - the staff school (unit 1, Lille, 400 pupils): 3 Windows 10 desktops bought 2020-09 at 600 €
 *   (warranty over, due 2025: overdue), 2 Windows 11 laptops bought 2024-01 at 900 € (covered, one
 *   not seen for 60 days), 1 projector of unknown purchase first inventoried 2022-05, 1 retired desktop;
 * - the first school of unit 2 (Amiens, 300 pupils): 2 tablets bought 2023-09 at 350 €, 1 Windows 10
 *   desktop bought 2022-03 with no price;
 * - tenant B: 1 desktop, never visible to A.
 */
export async function seedFleet(t: TestApp) {
  const tenantId = t.ids.a.tenantId;
  const lille = t.ids.establishments.unit1[0];
  const amiens = t.ids.establishments.unit2[0];
  const setPupils = (id: string, pupils: number) =>
    t.ctx.db.update(establishments).set({ pupils }).where(and(eq(establishments.tenantId, tenantId), eq(establishments.id, id)));
  await setPupils(lille.id, 400);
  await setPupils(amiens.id, 300);
  await t.ctx.db.insert(inventorySettings).values({ tenantId, staleAfterDays: 30, expectedLifeYears: { projector: 7 } }).onConflictDoNothing();

  const base = (establishmentId: string, n: number): NewAsset => ({ tenantId, establishmentId, assetClass: 'desktop', status: 'in-service', name: `PC-${n}`, serial: `SN-FLEET-${n}` });
  const rows: NewAsset[] = [
    ...[1, 2, 3].map((n) => ({
      ...base(lille.id, n),
      purchaseDate: '2020-09-01',
      purchasePrice: '600.00',
      warrantyEnd: '2023-09-01',
      osName: 'Windows',
      osVersion: '10.0.19045',
      firstInventoryAt: daysAgo(900),
      lastInventoryAt: daysAgo(1),
    })),
    ...[4, 5].map((n) => ({
      ...base(lille.id, n),
      assetClass: 'laptop',
      purchaseDate: '2024-01-10',
      purchasePrice: '900.00',
      warrantyEnd: '2027-01-10',
      osName: 'Windows',
      osVersion: '11',
      lastInventoryAt: n === 5 ? daysAgo(60) : daysAgo(2),
    })),
    { ...base(lille.id, 6), assetClass: 'projector', firstInventoryAt: new Date('2022-05-01T08:00:00Z') },
    { ...base(lille.id, 7), status: 'retired', purchaseDate: '2012-01-01', osName: 'Windows', osVersion: '7' },
    ...[8, 9].map((n) => ({ ...base(amiens.id, n), assetClass: 'tablet', purchaseDate: '2023-09-01', purchasePrice: '350.00', osName: 'iPadOS', osVersion: '17' })),
    { ...base(amiens.id, 10), purchaseDate: '2022-03-01', osName: 'Windows', osVersion: '10.0.19044', lastInventoryAt: daysAgo(3) },
  ];
  const inserted = await t.ctx.db.insert(assets).values(rows).returning({ id: assets.id, name: assets.name });
  const [other] = await t.ctx.db
    .insert(assets)
    .values({ tenantId: t.ids.b.tenantId, establishmentId: t.ids.establishmentsB[0].id, assetClass: 'desktop', status: 'in-service', name: 'PC-B', purchaseDate: '2015-01-01', osName: 'Windows', osVersion: '10' })
    .returning({ id: assets.id });
  const idOf = (name: string) => inserted.find((a) => a.name === name)!.id;
  return { idOf, otherTenantAsset: other.id, lille, amiens };
}

/** Software on that fleet: LibreOffice on every PC of both schools (two versions), GeoGebra on the Lille laptops only. */
export async function seedSoftware(t: TestApp, idOf: (name: string) => string) {
  const tenantId = t.ids.a.tenantId;
  const [libre, geogebra, hidden] = await t.ctx.db
    .insert(software)
    .values([
      { tenantId, key: 'libreoffice', name: 'LibreOffice', publisher: 'The Document Foundation' },
      { tenantId, key: 'geogebra', name: 'GeoGebra Classic', publisher: 'International GeoGebra Institute' },
      { tenantId, key: 'outil-amiens', name: 'Outil Amiens', publisher: null },
    ])
    .returning({ id: software.id });
  const [ofB] = await t.ctx.db.insert(software).values({ tenantId: t.ids.b.tenantId, key: 'libreoffice', name: 'LibreOffice', publisher: null }).returning({ id: software.id });
  const on = (softwareId: number, names: string[], version: string) => names.map((n) => ({ tenantId, assetId: idOf(n), softwareId, version }));
  await t.ctx.db.insert(assetSoftware).values([
    ...on(libre.id, ['PC-1', 'PC-2', 'PC-3', 'PC-4'], '7.6'),
    ...on(libre.id, ['PC-5', 'PC-10'], '24.2'),
    ...on(libre.id, ['PC-5'], '7.6'), // two versions side by side: one device, two lines
    ...on(geogebra.id, ['PC-4', 'PC-5'], '6.0'),
    ...on(hidden.id, ['PC-10'], '1.0'),
  ]);
  return { libre: libre.id, geogebra: geogebra.id, amiensOnly: hidden.id, ofB: ofB.id };
}
