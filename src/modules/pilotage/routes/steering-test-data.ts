import { and, eq } from 'drizzle-orm';
import type { TestApp } from '../../../test/app.js';
import { assets } from '../../parc/db/schema.js';
import { buildings, establishments, rooms } from '../../referentiel/db/schema.js';
import { establishmentContext } from '../db/schema.js';

/** "Now" of the steering tests: 6 December 2026, so 2021-12-06 is exactly five years ago. */
export const steeringNow = new Date('2026-12-06T10:00:00Z');

export const lyceeTargets = [
  { code: 'internet_down_mbps', target: 100 },
  { code: 'internet_symmetric', target: 100 },
  { code: 'pupils_per_device', target: 4 },
  { code: 'devices_per_100_pupils', target: 25 },
  { code: 'fleet_under_5_years_share', target: 0.6 },
  { code: 'wifi_teaching_rooms_share', target: 1 },
] as const;

/**
 * The staff school (600 pupils) with 150 teaching devices in service: 100 bought 2024-01-10, 49 in
 * 2020-09, one on 2021-12-06 (five years ago today: not « under 5 years »), plus a retired desktop;
 * one building of 3 classrooms and an office, Wi-Fi access points in 2 of the classrooms.
 * Amiens' first school: 300 pupils, an estimate kept in the steering's context, no devices.
 */
export async function seedSteering(t: TestApp) {
  const tenantId = t.ids.a.tenantId;
  const school = t.ids.staffSchool;
  const amiens = t.ids.establishments.unit2[0];
  await t.ctx.db.update(establishments).set({ pupils: 600 }).where(and(eq(establishments.tenantId, tenantId), eq(establishments.id, school.id)));
  await t.ctx.db.insert(establishmentContext).values({ tenantId, establishmentId: amiens.id, pupilsEstimate: 300, ipsGeneral: 95.5, rural: true });
  const [building] = await t.ctx.db.insert(buildings).values({ tenantId, establishmentId: school.id, name: 'Bâtiment A' }).returning();
  const made = await t.ctx.db
    .insert(rooms)
    .values(['A101', 'A102', 'A103'].map((name) => ({ tenantId, establishmentId: school.id, buildingId: building.id, name, kind: 'classroom' })).concat([{ tenantId, establishmentId: school.id, buildingId: building.id, name: 'Secrétariat', kind: 'office' }]))
    .returning();
  const device = (n: number, purchaseDate: string, extra: Partial<typeof assets.$inferInsert> = {}): typeof assets.$inferInsert => ({
    tenantId,
    establishmentId: school.id,
    assetClass: 'laptop',
    status: 'in-service',
    name: `PORT-${String(n).padStart(3, '0')}`,
    serial: `SN-STEER-${n}`,
    purchaseDate,
    ...extra,
  });
  const values = [
    ...Array.from({ length: 100 }, (_, i) => device(i, '2024-01-10', { warrantyEnd: '2027-01-10' })),
    ...Array.from({ length: 49 }, (_, i) => device(100 + i, '2020-09-01')),
    device(149, '2021-12-06'),
    device(150, '2012-01-01', { status: 'retired', assetClass: 'desktop' }),
    device(151, '2023-01-01', { assetClass: 'wifi-access-point', roomId: made[0].id }),
    device(152, '2023-01-01', { assetClass: 'wifi-access-point', roomId: made[1].id }),
  ];
  const inserted = await t.ctx.db.insert(assets).values(values).returning({ id: assets.id, name: assets.name });
  return { school, amiens, rooms: made, devices: inserted };
}
