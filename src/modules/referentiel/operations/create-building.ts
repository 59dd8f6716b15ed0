import type { z } from 'zod';
import { recordAudit } from '../../../server/platform/audit.js';
import type { Ctx } from '../../../server/platform/context.js';
import { buildings } from '../db/schema.js';
import { getEstablishmentForPremises } from './get-establishment.js';
import type { buildingInput } from './premises.input.js';

export async function createBuilding(ctx: Ctx, input: { uai: string; building: z.infer<typeof buildingInput> }) {
  const establishment = await getEstablishmentForPremises(ctx, input);
  return ctx.db.transaction(async (tx) => {
    const [building] = await tx
      .insert(buildings)
      .values({ tenantId: establishment.tenantId, establishmentId: establishment.id, name: input.building.name })
      .returning();
    await recordAudit(ctx, tx, [
      { tenantId: establishment.tenantId, action: 'create', entityType: 'building', entityId: building.id, after: { uai: establishment.uai, ...input.building } },
    ]);
    return building;
  });
}
