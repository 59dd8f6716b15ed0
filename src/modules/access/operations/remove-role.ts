import { and, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../../server/platform/audit.js';
import { authorize } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { AppError, notFound } from '../../../server/platform/errors.js';
import { roleAssignments, users } from '../db/schema.js';
import { changingAccess } from '../../../server/platform/authenticate.js';

export const removeRoleInput = z.object({ userId: z.uuid(), assignmentId: z.uuid() });
export type RemoveRoleInput = z.infer<typeof removeRoleInput>;

/** Withdraws one role in the active tenant; the last active administrator of a tenant stays. */
export async function removeRole(ctx: Ctx, input: RemoveRoleInput) {
  authorize(ctx.actor, 'user.manage');
  const tenantId = ctx.actor.tenantId;
  return changingAccess(
    ctx,
    ctx.db.transaction(async (tx) => {
      const [assignment] = await tx
        .select()
        .from(roleAssignments)
        .where(
          and(eq(roleAssignments.tenantId, tenantId), eq(roleAssignments.id, input.assignmentId), eq(roleAssignments.userId, input.userId)),
        )
        .for('update');
      if (!assignment) throw notFound('Rôle');
      if (assignment.role === 'authority-admin') {
        const others = await tx
          .select({ id: roleAssignments.id })
          .from(roleAssignments)
          .innerJoin(users, eq(users.id, roleAssignments.userId))
          .where(
            and(
              eq(roleAssignments.tenantId, tenantId),
              eq(roleAssignments.role, 'authority-admin'),
              ne(roleAssignments.userId, input.userId),
              eq(users.active, true),
            ),
          )
          .limit(1);
        if (others.length === 0) {
          throw new AppError('CONFLICT', "C'est le dernier administrateur de la collectivité : nommez-en un autre avant de retirer ce rôle.");
        }
      }
      await tx.delete(roleAssignments).where(and(eq(roleAssignments.tenantId, tenantId), eq(roleAssignments.id, assignment.id)));
      const { createdAt: _createdAt, ...before } = assignment;
      await recordAudit(ctx, tx, [{ tenantId, action: 'delete', entityType: 'role-assignment', entityId: assignment.id, before }]);
    }),
  );
}
