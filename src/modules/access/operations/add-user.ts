import { authorize } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { AppError } from '../../../server/platform/errors.js';
import { checkPasswordPolicy } from '../passwords.js';
import { assignRole, checkRoleScope } from './assign-role.js';
import { createUser, findUserByEmail } from './create-user.js';
import { getUser } from './get-user.js';
import { addUserInput, type AddUserInput } from './add-user.input.js';

export { addUserInput, type AddUserInput };

/**
 * Gives a person their first role in the active tenant: creates the account, or, when an account
 * already exists for the e-mail (a person working for several authorities), adds the role to it
 * without touching its name or password.
 */
export async function addUser(ctx: Ctx, input: AddUserInput) {
  authorize(ctx.actor, 'user.manage');
  const parsed = addUserInput.parse(input);
  const tenantId = ctx.actor.tenantId;
  checkRoleScope(parsed, { forPartner: parsed.organizationId !== undefined && parsed.organizationId !== tenantId });
  const existing = await findUserByEmail(ctx, parsed.email);
  if (!existing && parsed.password !== undefined) checkPasswordPolicy(parsed.password);
  if (existing && !existing.active) {
    throw new AppError('CONFLICT', `Le compte de ${parsed.email} est désactivé : réactivez-le avant de lui donner un rôle.`);
  }
  // the account and its role land together or not at all
  return ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const user = existing ?? (await createUser(txCtx, { ...parsed, tenantId }));
    await assignRole(txCtx, {
      tenantId,
      userId: user.id,
      organizationId: parsed.organizationId ?? tenantId,
      role: parsed.role,
      establishmentId: parsed.establishmentId,
      staffFunction: parsed.staffFunction,
      unitIds: parsed.unitIds,
      level: parsed.level,
    });
    return { ...(await getUser(txCtx, { id: user.id })), created: !existing };
  });
}
