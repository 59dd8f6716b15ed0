import { authorize } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { notFound } from '../../../server/platform/errors.js';
import { findTenantUser } from '../db/queries.js';
import { assignRole } from './assign-role.js';
import { grantRoleInput, type GrantRoleInput } from './grant-role.input.js';
import { getUser } from './get-user.js';

export { grantRoleInput, type GrantRoleInput };

/** Adds a role to someone who already holds one in the active tenant (others are added by e-mail). */
export async function grantRole(ctx: Ctx, input: GrantRoleInput & { userId: string }) {
  authorize(ctx.actor, 'user.manage');
  const { userId } = input;
  const parsed = grantRoleInput.parse(input);
  const tenantId = ctx.actor.tenantId;
  if (!(await findTenantUser(ctx.db, { tenantId, userId }))) throw notFound('Utilisateur');
  const assignment = await assignRole(ctx, { ...parsed, userId, organizationId: parsed.organizationId ?? tenantId, tenantId });
  return { assignmentId: assignment.id, ...(await getUser(ctx, { id: userId })) };
}
