import { z } from 'zod';
import { authorize } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { updateVersioned } from '../../../server/platform/versioned-update.js';
import { territorialUnits } from '../db/schema.js';
import { changingAccess } from '../../../server/platform/authenticate.js';

export const updateTerritorialUnitInput = z.object({
  version: z.number().int().min(1),
  name: z.string().trim().min(1).max(200),
});

export async function updateTerritorialUnit(ctx: Ctx, input: { id: string; changes: z.infer<typeof updateTerritorialUnitInput> }) {
  authorize(ctx.actor, 'unit.manage');
  const { version, ...changes } = input.changes;
  // a unit moved under another changes who reaches its schools
  return changingAccess(
    ctx,
    updateVersioned(ctx, {
      table: territorialUnits,
      tenantId: ctx.actor.tenantId,
      id: input.id,
      version,
      changes,
      entityType: 'territorial-unit',
      label: 'Unité territoriale',
    }),
  );
}
