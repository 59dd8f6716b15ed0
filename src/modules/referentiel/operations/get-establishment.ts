import { and, asc, eq } from 'drizzle-orm';
import { authorize, canOnEstablishment } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { forbidden, notFound } from '../../../server/platform/errors.js';
import { buildings, rooms, territorialUnits } from '../db/schema.js';
import { findEstablishmentByUai } from '../db/queries.js';

/** One school the actor may see; another tenant's or out-of-scope school is "not found", never leaked. */
export async function getEstablishment(ctx: Ctx, input: { uai: string }) {
  authorize(ctx.actor, 'establishment.read');
  const row = await findEstablishmentByUai(ctx.db, { tenantId: ctx.actor.tenantId, uai: input.uai.toUpperCase() });
  if (!row || !canOnEstablishment(ctx.actor, 'establishment.read', row)) throw notFound('Établissement');
  return row;
}

export async function getEstablishmentDetail(ctx: Ctx, input: { uai: string }) {
  const establishment = await getEstablishment(ctx, input);
  const tenantId = establishment.tenantId;
  const [buildingRows, roomRows, unit] = await Promise.all([
    ctx.db
      .select()
      .from(buildings)
      .where(and(eq(buildings.tenantId, tenantId), eq(buildings.establishmentId, establishment.id)))
      .orderBy(asc(buildings.name)),
    ctx.db
      .select()
      .from(rooms)
      .where(and(eq(rooms.tenantId, tenantId), eq(rooms.establishmentId, establishment.id)))
      .orderBy(asc(rooms.name)),
    establishment.unitId
      ? ctx.db
          .select()
          .from(territorialUnits)
          .where(and(eq(territorialUnits.tenantId, tenantId), eq(territorialUnits.id, establishment.unitId)))
          .then((r) => r[0] ?? null)
      : Promise.resolve(null),
  ]);
  return { establishment, buildings: buildingRows, rooms: roomRows, unit };
}

/** The school whose buildings and rooms the actor wants to change: visible, and in their premises scope. */
export async function getEstablishmentForPremises(ctx: Ctx, input: { uai: string }) {
  authorize(ctx.actor, 'premises.manage'); // no such right at all: 403 before any lookup
  const establishment = await getEstablishment(ctx, input);
  if (!canOnEstablishment(ctx.actor!, 'premises.manage', establishment)) throw forbidden();
  return establishment;
}
