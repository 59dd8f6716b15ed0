import type { Ctx } from '../../../../server/platform/context.js';
import { isDatabaseError } from '../../../../server/platform/database-errors.js';
import { AppError } from '../../../../server/platform/errors.js';
import { updateVersioned } from '../../../../server/platform/versioned-update.js';
import { governanceActor } from '../access.js';
import { bodies } from '../db/schema.js';
import { updateBodyInput, type UpdateBodyInput } from './body.input.js';

/** A body's kind, name, periodicity and rule (unanimity or majority); decisions already closed keep their outcome. */
export async function updateBody(ctx: Ctx, bodyId: string, raw: UpdateBodyInput) {
  const actor = governanceActor(ctx, 'governance.manage');
  const { version, ...changes } = updateBodyInput.parse(raw);
  try {
    return await updateVersioned(ctx, { table: bodies, tenantId: actor.tenantId, id: bodyId, version, changes, entityType: 'governance-body', label: 'Instance' });
  } catch (error) {
    if (isDatabaseError(error, '23505')) throw new AppError('CONFLICT', 'Une instance porte déjà ce nom.');
    throw error;
  }
}
