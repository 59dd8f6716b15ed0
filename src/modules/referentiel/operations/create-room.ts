import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../../../server/platform/audit.js';
import type { Ctx } from '../../../server/platform/context.js';
import { AppError } from '../../../server/platform/errors.js';
import { buildings, rooms } from '../db/schema.js';
import { getEstablishmentForPremises } from './get-establishment.js';
import type { roomInput } from './premises.input.js';

/** A room belongs to a building of the same school; another school's building is refused. */
export async function assertBuildingOf(ctx: Ctx, establishment: { tenantId: string; id: string }, buildingId: string) {
  const [building] = await ctx.db
    .select({ id: buildings.id })
    .from(buildings)
    .where(and(eq(buildings.tenantId, establishment.tenantId), eq(buildings.id, buildingId), eq(buildings.establishmentId, establishment.id)));
  if (!building) {
    throw new AppError('VALIDATION', "Ce bâtiment n'appartient pas à l'établissement.", { issues: [{ path: 'buildingId', message: 'Bâtiment inconnu.' }] });
  }
}

export async function createRoom(ctx: Ctx, input: { uai: string; room: z.infer<typeof roomInput> }) {
  const establishment = await getEstablishmentForPremises(ctx, input);
  await assertBuildingOf(ctx, establishment, input.room.buildingId);
  return ctx.db.transaction(async (tx) => {
    const [room] = await tx
      .insert(rooms)
      .values({ tenantId: establishment.tenantId, establishmentId: establishment.id, ...input.room, floor: input.room.floor ?? null })
      .returning();
    await recordAudit(ctx, tx, [
      { tenantId: establishment.tenantId, action: 'create', entityType: 'room', entityId: room.id, after: { uai: establishment.uai, ...input.room } },
    ]);
    return room;
  });
}
