import { authorize } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { updateVersioned, type VersionedUpdateInput } from '../../../server/platform/versioned-update.js';
import { territorialUnits } from '../db/schema.js';
import { updateTerritorialUnitInput, type UpdateTerritorialUnitInput } from './update-territorial-unit.input.js';
import { changingAccess } from '../../../server/platform/authenticate.js';

export { updateTerritorialUnitInput };

export async function updateTerritorialUnit(ctx: Ctx, input: VersionedUpdateInput<UpdateTerritorialUnitInput>) {
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
