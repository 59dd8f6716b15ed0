import type { Ctx } from '../../../../server/platform/context.js';
import { updateVersioned } from '../../../../server/platform/versioned-update.js';
import { metropoleManager } from '../access.js';
import { catalogueServices, joiningCycles } from '../db/schema.js';
import { updateCycleInput, updateServiceInput, type UpdateCycleInput, type UpdateServiceInput } from './catalogue.input.js';

/** A service's name, measured categories, promised level and unit costs; the version read must be current. */
export async function updateCatalogueService(ctx: Ctx, serviceId: string, raw: UpdateServiceInput) {
  const actor = metropoleManager(ctx);
  const { version, ...changes } = updateServiceInput.parse(raw);
  return updateVersioned(ctx, { table: catalogueServices, tenantId: actor.tenantId, id: serviceId, version, changes, entityType: 'metropole-service', label: 'Service' });
}

/** A cycle's label (its year keys the memberships and stays). */
export async function updateJoiningCycle(ctx: Ctx, cycleId: string, raw: UpdateCycleInput) {
  const actor = metropoleManager(ctx);
  const { version, ...changes } = updateCycleInput.parse(raw);
  return updateVersioned(ctx, { table: joiningCycles, tenantId: actor.tenantId, id: cycleId, version, changes, entityType: 'metropole-cycle', label: 'Cycle' });
}
