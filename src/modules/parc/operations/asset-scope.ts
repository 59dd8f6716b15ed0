import { and, eq, inArray } from 'drizzle-orm';
import { establishmentScope, type Action } from '../../../server/platform/authz.js';
import type { AuthedCtx } from '../../../server/platform/context.js';
import type { Db } from '../../../server/platform/db.js';
import { AppError, forbidden, notFound } from '../../../server/platform/errors.js';
import { establishmentsView as establishments, establishmentScopeWhere, roomsView as rooms } from '../../referentiel/index.js';
import { assets } from '../db/schema.js';

/** A device with the school that decides who reaches it. */
export interface ScopedAsset {
  asset: typeof assets.$inferSelect;
  uai: string | null;
  establishmentName: string | null;
  unitId: string | null;
  academyCode: string | null;
}

const establishmentJoin = and(eq(establishments.tenantId, assets.tenantId), eq(establishments.id, assets.establishmentId));

/**
 * Devices among `ids` that the actor reaches for `action`: those of a school in scope; a device
 * of no school only with a tenant-wide role. With `lock`, the rows are locked for the caller's
 * transaction (the school row is not).
 */
export async function selectScopedAssets(ctx: AuthedCtx, db: Db, ids: string[], options: { action: Action; lock?: boolean }): Promise<ScopedAsset[]> {
  if (ids.length === 0) return [];
  const scope = establishmentScope(ctx.actor, options.action);
  const ofTenant = and(eq(assets.tenantId, ctx.actor.tenantId), inArray(assets.id, ids));
  // drizzle writes FOR UPDATE OF with the schema, which PostgreSQL refuses: lock first, then read with the school
  if (options.lock) await db.select({ id: assets.id }).from(assets).where(ofTenant).for('update');
  return db
    .select({ asset: assets, uai: establishments.uai, establishmentName: establishments.name, unitId: establishments.unitId, academyCode: establishments.academyCode })
    .from(assets)
    .leftJoin(establishments, establishmentJoin)
    .where(and(ofTenant, establishmentScopeWhere(scope)));
}

/**
 * The device a person wants to change: 404 when they cannot even see it (another tenant, out of
 * scope), 403 when they see it but may not change it. Locked for the caller's transaction.
 */
export async function assetForUpdate(ctx: AuthedCtx, db: Db, id: string): Promise<ScopedAsset> {
  const [row] = await selectScopedAssets(ctx, db, [id], { action: 'asset.update', lock: true });
  if (row) return row;
  const [visible] = await selectScopedAssets(ctx, db, [id], { action: 'asset.read' });
  throw visible ? forbidden() : notFound('Équipement');
}

/** All the devices of a batch, each one the actor may change; else 404 naming none of them. */
export async function assetsForUpdate(ctx: AuthedCtx, db: Db, ids: string[]): Promise<ScopedAsset[]> {
  const found = await selectScopedAssets(ctx, db, ids, { action: 'asset.update', lock: true });
  if (found.length !== ids.length) {
    const missing = ids.length - found.length;
    throw new AppError(
      'NOT_FOUND',
      missing === 1
        ? 'Un des équipements demandés est introuvable ou hors de votre périmètre : aucun n’a été modifié.'
        : `${missing} des équipements demandés sont introuvables ou hors de votre périmètre : aucun n’a été modifié.`,
    );
  }
  return found;
}

export interface Placement {
  establishmentId: string | null;
  uai: string | null;
  establishmentName: string | null;
  roomId: string | null;
  roomName: string | null;
}

const outOfScope = (path: string, message: string) => new AppError('VALIDATION', message, { issues: [{ path, message }] });

/**
 * Where a person puts a device: a school of their scope (unknown and out-of-scope schools get
 * the same answer), and a room of that school. No school at all only for tenant-wide roles.
 */
export async function resolvePlacement(ctx: AuthedCtx, db: Db, input: { uai: string | null; roomId: string | null }): Promise<Placement> {
  const scope = establishmentScope(ctx.actor, 'asset.update');
  if (input.uai === null) {
    if (!scope.all) throw outOfScope('uai', 'Indiquez l’établissement (UAI) de l’équipement : seul un administrateur de la collectivité gère le parc hors établissement.');
    if (input.roomId !== null) throw outOfScope('roomId', 'Une salle n’a de sens que dans un établissement.');
    return { establishmentId: null, uai: null, establishmentName: null, roomId: null, roomName: null };
  }
  const uai = input.uai.trim().toUpperCase();
  const [school] = await db
    .select({ id: establishments.id, uai: establishments.uai, name: establishments.name })
    .from(establishments)
    .where(and(eq(establishments.tenantId, ctx.actor.tenantId), eq(establishments.uai, uai), establishmentScopeWhere(scope)));
  if (!school) throw outOfScope('uai', `Établissement ${uai} inconnu ou hors de votre périmètre.`);
  if (input.roomId === null) return { establishmentId: school.id, uai: school.uai, establishmentName: school.name, roomId: null, roomName: null };
  const room = await roomOf(db, ctx.actor.tenantId, school.id, input.roomId);
  if (!room) throw outOfScope('roomId', 'Cette salle n’appartient pas à l’établissement de l’équipement.');
  return { establishmentId: school.id, uai: school.uai, establishmentName: school.name, roomId: room.id, roomName: room.name };
}

export async function roomOf(db: Db, tenantId: string, establishmentId: string, roomId: string) {
  const [room] = await db
    .select({ id: rooms.id, name: rooms.name })
    .from(rooms)
    .where(and(eq(rooms.tenantId, tenantId), eq(rooms.id, roomId), eq(rooms.establishmentId, establishmentId)));
  return room ?? null;
}

/** Room names by id, for history lines. */
export async function roomNames(db: Db, tenantId: string, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const found = await db.select({ id: rooms.id, name: rooms.name }).from(rooms).where(and(eq(rooms.tenantId, tenantId), inArray(rooms.id, wanted)));
  return new Map(found.map((r) => [r.id, r.name]));
}
