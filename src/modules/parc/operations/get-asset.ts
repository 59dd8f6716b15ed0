import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../../server/platform/context.js';
import { notFound } from '../../../server/platform/errors.js';
import { buildingsView as buildings, establishmentsView as establishments, roomsView as rooms } from '../../referentiel/index.js';
import { assetEvents, assetMatches, assetSoftware, assets, inventorySettings, software } from '../db/schema.js';
import { assetWhere } from './find-assets.js';

export const assetIdParams = z.object({ id: z.uuid() });

/** One device with its hardware, software and history, if the actor's scope reaches it. */
export async function getAsset(ctx: Ctx, input: { id: string }) {
  const where = and(assetWhere(ctx, { sort: 'name', order: 'asc' }), eq(assets.id, input.id));
  const [row] = await ctx.db
    .select({ asset: assets, uai: establishments.uai, establishmentName: establishments.name, unitId: establishments.unitId, academyCode: establishments.academyCode })
    .from(assets)
    .leftJoin(establishments, and(eq(establishments.tenantId, assets.tenantId), eq(establishments.id, assets.establishmentId)))
    .where(where);
  if (!row) throw notFound('Équipement');
  const tenantId = row.asset.tenantId;
  const [installed, history, matches, place, cart, contents, keepsLastUser] = await Promise.all([
    ctx.db
      .select({ name: software.name, publisher: sql<string | null>`coalesce(${assetSoftware.publisher}, ${software.publisher})`, version: assetSoftware.version })
      .from(assetSoftware)
      .innerJoin(software, and(eq(software.tenantId, assetSoftware.tenantId), eq(software.id, assetSoftware.softwareId)))
      .where(and(eq(assetSoftware.tenantId, tenantId), eq(assetSoftware.assetId, input.id)))
      .orderBy(asc(software.name)),
    ctx.db
      .select()
      .from(assetEvents)
      .where(and(eq(assetEvents.tenantId, tenantId), eq(assetEvents.assetId, input.id)))
      .orderBy(desc(assetEvents.at), desc(assetEvents.id))
      .limit(200),
    ctx.db
      .select()
      .from(assetMatches)
      .where(and(eq(assetMatches.tenantId, tenantId), eq(assetMatches.assetId, input.id)))
      .orderBy(desc(assetMatches.at)),
    placeOf(ctx, tenantId, row.asset.roomId),
    row.asset.parentAssetId
      ? ctx.db
          .select({ id: assets.id, name: assets.name })
          .from(assets)
          .where(and(eq(assets.tenantId, tenantId), eq(assets.id, row.asset.parentAssetId)))
          .then(([c]) => c ?? null)
      : null,
    // what a mobile cart holds (a cart of 16 to 35 tablets; bounded all the same)
    ctx.db
      .select({ id: assets.id, name: assets.name, serial: assets.serial, assetClass: assets.assetClass, status: assets.status })
      .from(assets)
      .where(and(eq(assets.tenantId, tenantId), eq(assets.parentAssetId, input.id)))
      .orderBy(asc(assets.name), asc(assets.id))
      .limit(500),
    ctx.db
      .select({ on: inventorySettings.storeLastUser })
      .from(inventorySettings)
      .where(eq(inventorySettings.tenantId, tenantId))
      .then(([s]) => s?.on ?? false),
  ]);
  // the logged-in user (often a pupil) is shown only while the authority asks for it to be kept
  const lastUser = keepsLastUser ? row.asset.lastUser : null;
  return { ...row, software: installed, history, matches, place, cart, contents, lastUser };
}

async function placeOf(ctx: Ctx, tenantId: string, roomId: string | null) {
  if (!roomId) return { roomName: null, buildingName: null };
  const [found] = await ctx.db
    .select({ roomName: rooms.name, buildingName: buildings.name })
    .from(rooms)
    .leftJoin(buildings, and(eq(buildings.tenantId, rooms.tenantId), eq(buildings.id, rooms.buildingId)))
    .where(and(eq(rooms.tenantId, tenantId), eq(rooms.id, roomId)));
  return found ?? { roomName: null, buildingName: null };
}
