import { z } from 'zod';
import { authorize } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { notFound } from '../../../server/platform/errors.js';
import { findTenantUser } from '../db/queries.js';
import { assignRole, roleScopeInput } from './assign-role.js';
import { getUser } from './get-user.js';

export const grantRoleInput = roleScopeInput.extend({ organizationId: z.uuid().optional() });
export type GrantRoleInput = z.input<typeof grantRoleInput>;

/** Adds a role to someone who already holds one in the active tenant (others are added by e-mail). */
export async function grantRole(ctx: Ctx, input: GrantRoleInput & { userId: string }) {
  authorize(ctx.actor, 'user.manage');
  const { userId } = input;
  const parsed = grantRoleInput.parse(input);
  const tenantId = ctx.actor.tenantId;
  if (!(await findTenantUser(ctx.db, { tenantId, userId }))) throw notFound('Utilisateur');
  const assignment = await assignRole(ctx, tenantId, { ...parsed, userId, organizationId: parsed.organizationId ?? tenantId });
  return { assignmentId: assignment.id, ...(await getUser(ctx, { id: userId })) };
}
