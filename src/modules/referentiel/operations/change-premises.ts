import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Ctx } from '../../../server/platform/context.js';
import { notFound } from '../../../server/platform/errors.js';
import { deleteVersioned, updateVersioned, type VersionedUpdateInput } from '../../../server/platform/versioned-update.js';
import { buildings, rooms } from '../db/schema.js';
import { assertBuildingOf } from './create-room.js';
import { getEstablishmentForPremises } from './get-establishment.js';
import type { buildingInput, roomInput } from './premises.input.js';

type Kind = 'building' | 'room';
const tables = { building: buildings, room: rooms } as const;
const labels = { building: 'Bâtiment', room: 'Salle' } as const;

/** Buildings and rooms are changed through their school, so scope is checked on the school. */
async function ownedTarget(ctx: Ctx, kind: Kind, uai: string, id: string) {
  const establishment = await getEstablishmentForPremises(ctx, { uai });
  const table = tables[kind];
  const [row] = await ctx.db
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.tenantId, establishment.tenantId), eq(table.id, id), eq(table.establishmentId, establishment.id)));
  if (!row) throw notFound(labels[kind]);
  return establishment;
}

export async function updateBuilding(ctx: Ctx, input: VersionedUpdateInput<z.infer<typeof buildingInput>> & { uai: string }) {
  const establishment = await ownedTarget(ctx, 'building', input.uai, input.id);
  const { version, ...changes } = input.changes;
  return updateVersioned(ctx, { table: buildings, tenantId: establishment.tenantId, id: input.id, version, changes, entityType: 'building', label: labels.building });
}

export async function updateRoom(ctx: Ctx, input: VersionedUpdateInput<z.infer<typeof roomInput>> & { uai: string }) {
  const establishment = await ownedTarget(ctx, 'room', input.uai, input.id);
  const { version, ...room } = input.changes;
  await assertBuildingOf(ctx, establishment, room.buildingId);
  const changes = { ...room, floor: room.floor ?? null };
  return updateVersioned(ctx, { table: rooms, tenantId: establishment.tenantId, id: input.id, version, changes, entityType: 'room', label: labels.room });
}

export async function deletePremises(ctx: Ctx, input: { kind: Kind; uai: string; id: string; version: number }) {
  const establishment = await ownedTarget(ctx, input.kind, input.uai, input.id);
  await deleteVersioned(ctx, { table: tables[input.kind], tenantId: establishment.tenantId, id: input.id, version: input.version, entityType: input.kind, label: labels[input.kind] });
}
