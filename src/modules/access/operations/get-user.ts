import { z } from 'zod';
import { authorize } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { notFound } from '../../../server/platform/errors.js';
import { assignmentsInTenant, findTenantUser } from '../db/queries.js';
import type { TenantUser } from './find-users.js';

export const getUserInput = z.object({ id: z.uuid() });

/** One person as the active tenant sees them: 404 when they hold no role there. */
export async function getUser(ctx: Ctx, input: z.infer<typeof getUserInput>): Promise<TenantUser> {
  authorize(ctx.actor, 'user.read');
  const tenantId = ctx.actor.tenantId;
  const user = await findTenantUser(ctx.db, { tenantId, userId: input.id });
  if (!user) throw notFound('Utilisateur');
  return { user, assignments: await assignmentsInTenant(ctx.db, { tenantId, userIds: [user.id] }) };
}
