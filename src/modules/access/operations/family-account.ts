import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../server/platform/audit.js';
import { changingAccess } from '../../../server/platform/authenticate.js';
import type { Ctx } from '../../../server/platform/context.js';
import { AppError } from '../../../server/platform/errors.js';
import { roleAssignments, users } from '../db/schema.js';
import { createSession } from './create-session.js';

/**
 * A family signs in without a password (a link sent by e-mail, an identity provider): its account
 * is made on first use and holds the family role of the authority only. An address that already
 * belongs to a staff account is refused, or a mailbox would open an agent's session without
 * their password.
 */
export async function openFamilySession(ctx: Ctx, input: { tenantId: string; email: string; displayName?: string; method: 'link' | 'oidc' }) {
  const email = input.email.trim().toLowerCase();
  const user = await changingAccess(
    ctx,
    ctx.db.transaction(async (tx) => {
      let [person] = await tx.select().from(users).where(eq(users.email, email));
      if (person) {
        const held = await tx.select({ role: roleAssignments.role, tenantId: roleAssignments.tenantId }).from(roleAssignments).where(eq(roleAssignments.userId, person.id));
        if (held.some((a) => a.role !== 'family')) {
          throw new AppError('FORBIDDEN', 'Cette adresse est celle d’un compte professionnel : connectez-vous avec votre mot de passe.');
        }
        if (!person.active) throw new AppError('FORBIDDEN', 'Ce compte est désactivé.');
      } else {
        [person] = await tx.insert(users).values({ email, displayName: input.displayName?.trim() || email }).returning();
        await recordAudit(ctx, tx, [{ tenantId: input.tenantId, action: 'create', entityType: 'user', entityId: person.id, after: { email, role: 'family' } }]);
      }
      const [assigned] = await tx
        .select({ id: roleAssignments.id })
        .from(roleAssignments)
        .where(and(eq(roleAssignments.tenantId, input.tenantId), eq(roleAssignments.userId, person.id), eq(roleAssignments.role, 'family')));
      if (!assigned) await tx.insert(roleAssignments).values({ tenantId: input.tenantId, userId: person.id, organizationId: input.tenantId, role: 'family' });
      return person;
    }),
  );
  return { user, ...(await createSession(ctx, { userId: user.id, method: input.method })) };
}
