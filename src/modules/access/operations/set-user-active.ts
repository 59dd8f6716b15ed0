import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../../server/platform/audit.js';
import { authorize } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { AppError, notFound } from '../../../server/platform/errors.js';
import { findTenantUser, holdsRolesElsewhere } from '../db/queries.js';
import { sessions, users } from '../db/schema.js';
import { getUser } from './get-user.js';
import { changingAccess } from '../../../server/platform/authenticate.js';

export const setUserActiveInput = z.object({ userId: z.uuid(), active: z.boolean() });
export type SetUserActiveInput = z.infer<typeof setUserActiveInput>;

/**
 * Disables (or enables again) an account: a disabled account cannot log in and its sessions end.
 * An account is global, so a tenant may only switch it when it holds roles in that tenant alone;
 * otherwise the tenant withdraws its own roles instead.
 */
export async function setUserActive(ctx: Ctx, input: SetUserActiveInput) {
  authorize(ctx.actor, 'user.manage');
  const tenantId = ctx.actor.tenantId;
  const user = await findTenantUser(ctx.db, { tenantId, userId: input.userId });
  if (!user) throw notFound('Utilisateur');
  if (user.id === ctx.actor.id) throw new AppError('CONFLICT', 'Vous ne pouvez pas désactiver votre propre compte.');
  if (await holdsRolesElsewhere(ctx.db, { tenantId, userId: user.id })) {
    throw new AppError(
      'CONFLICT',
      "Ce compte a aussi des rôles dans d'autres organisations : retirez-lui les rôles qu'il a ici plutôt que de le désactiver.",
    );
  }
  if (user.active !== input.active) {
    await changingAccess(
      ctx,
      ctx.db.transaction(async (tx) => {
        await tx.update(users).set({ active: input.active }).where(eq(users.id, user.id));
        if (!input.active) await tx.delete(sessions).where(eq(sessions.userId, user.id));
        await recordAudit(ctx, tx, [
          { tenantId, action: input.active ? 'enable' : 'disable', entityType: 'user', entityId: user.id, before: { active: user.active }, after: { active: input.active } },
        ]);
      }),
    );
  }
  return getUser(ctx, { id: user.id });
}
