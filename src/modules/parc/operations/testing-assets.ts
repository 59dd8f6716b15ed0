import { and, asc, eq } from 'drizzle-orm';
import { actorCtx } from '../../access/testing.js';
import { buildings, rooms } from '../../referentiel/db/schema.js';
import type { TestApp, TestUser } from '../../../test/app.js';
import type { AuthedCtx } from '../../../server/platform/context.js';
import { auditEvents } from '../../../server/platform/db-schema.js';
import { assetEvents, assets } from '../db/schema.js';

/** Test support for the parc's operations, on the world of src/test/app.ts. */

let counter = 0;
export const uniqueSerial = (prefix = 'SN') => `${prefix}${Date.now().toString(36).toUpperCase()}${++counter}`;

/** A context acting as one of the world's users, in their tenant. */
export async function actingAs(t: TestApp, user: TestUser): Promise<AuthedCtx> {
  const code = user === 'admin-b' ? t.ids.b.code : t.ids.a.code;
  return actorCtx(t.database, t.ids.users[user].id, code, t.ctx.now);
}

/** A device of tenant A written straight into the table (what an import or an agent would have left). */
export async function insertAsset(t: TestApp, values: Partial<typeof assets.$inferInsert> = {}) {
  const [row] = await t.ctx.db
    .insert(assets)
    .values({ tenantId: t.ids.a.tenantId, assetClass: 'desktop', status: 'in-service', serial: uniqueSerial(), ...values })
    .returning();
  return row;
}

export async function insertRoom(t: TestApp, establishmentId: string, name: string, buildingName = 'Bâtiment A') {
  const tenantId = t.ids.a.tenantId;
  const [building] = await t.ctx.db.insert(buildings).values({ tenantId, establishmentId, name: buildingName }).returning();
  const [room] = await t.ctx.db.insert(rooms).values({ tenantId, establishmentId, buildingId: building.id, name, kind: 'classroom' }).returning();
  return room;
}

export async function assetRow(t: TestApp, id: string) {
  const [row] = await t.ctx.db.select().from(assets).where(and(eq(assets.tenantId, t.ids.a.tenantId), eq(assets.id, id)));
  return row ?? null;
}

export async function historyOf(t: TestApp, id: string) {
  return t.ctx.db.select().from(assetEvents).where(eq(assetEvents.assetId, id)).orderBy(asc(assetEvents.id));
}

export async function auditOf(t: TestApp, id: string) {
  return t.ctx.db.select().from(auditEvents).where(and(eq(auditEvents.entityType, 'asset'), eq(auditEvents.entityId, id))).orderBy(asc(auditEvents.id));
}
