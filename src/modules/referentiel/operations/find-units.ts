import { and, asc, count, eq } from 'drizzle-orm';
import { authorize } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { establishments, territorialUnits } from '../db/schema.js';

/** The whole unit tree of the tenant, each unit with the number of schools attached directly. */
export async function findUnits(ctx: Ctx) {
  authorize(ctx.actor, 'unit.read');
  const tenantId = ctx.actor.tenantId;
  const [units, counts] = await Promise.all([
    ctx.db.select().from(territorialUnits).where(eq(territorialUnits.tenantId, tenantId)).orderBy(asc(territorialUnits.code)),
    ctx.db
      .select({ unitId: establishments.unitId, n: count() })
      .from(establishments)
      .where(and(eq(establishments.tenantId, tenantId)))
      .groupBy(establishments.unitId),
  ]);
  const byUnit = new Map(counts.map((c) => [c.unitId, c.n]));
  return units.map((u) => ({ unit: u, establishmentCount: byUnit.get(u.id) ?? 0 }));
}
