import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Ctx } from '../../../server/platform/context.js';
import { notFound } from '../../../server/platform/errors.js';
import { deleteVersioned, updateVersioned } from '../../../server/platform/versioned-update.js';
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

export async function updateBuilding(ctx: Ctx, input: { uai: string; id: string; version: number; changes: z.infer<typeof buildingInput> }) {
  const establishment = await ownedTarget(ctx, 'building', input.uai, input.id);
  return updateVersioned(ctx, { table: buildings, tenantId: establishment.tenantId, id: input.id, version: input.version, changes: input.changes, entityType: 'building', label: labels.building });
}

export async function updateRoom(ctx: Ctx, input: { uai: string; id: string; version: number; changes: z.infer<typeof roomInput> }) {
  const establishment = await ownedTarget(ctx, 'room', input.uai, input.id);
  await assertBuildingOf(ctx, establishment, input.changes.buildingId);
  const changes = { ...input.changes, floor: input.changes.floor ?? null };
  return updateVersioned(ctx, { table: rooms, tenantId: establishment.tenantId, id: input.id, version: input.version, changes, entityType: 'room', label: labels.room });
}

export async function deletePremises(ctx: Ctx, input: { kind: Kind; uai: string; id: string; version: number }) {
  const establishment = await ownedTarget(ctx, input.kind, input.uai, input.id);
  await deleteVersioned(ctx, { table: tables[input.kind], tenantId: establishment.tenantId, id: input.id, version: input.version, entityType: input.kind, label: labels[input.kind] });
}
