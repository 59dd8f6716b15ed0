import { and, eq, ne } from 'drizzle-orm';
import { recordAudit } from '../../../server/platform/audit.js';
import type { Ctx } from '../../../server/platform/context.js';
import { AppError } from '../../../server/platform/errors.js';
import { tenantsOfUser } from '../db/queries.js';
import { sessions, users } from '../db/schema.js';
import { addressKey, assertNotLocked, attemptKey, clearFailures, recordFailure } from '../lockout.js';
import { checkPasswordPolicy, hashPassword, verifyPassword } from '../passwords.js';
import { changingAccess } from '../../../server/platform/authenticate.js';
import { changePasswordInput, type ChangePasswordInput } from './change-password.input.js';

export { changePasswordInput } from './change-password.input.js';

const invalid = (path: string, message: string) => new AppError('VALIDATION', message, { issues: [{ path, message }] });

/**
 * Changes one's own password: the current one is checked (failures count towards the login
 * lockout), the policy applies to the new one, and every other session of the person ends.
 */
export async function changePassword(ctx: Ctx, who: { userId: string; sessionId: string; address?: string }, input: ChangePasswordInput) {
  const parsed = changePasswordInput.parse(input);
  const [user] = await ctx.db.select().from(users).where(and(eq(users.id, who.userId), eq(users.active, true)));
  if (!user) throw new AppError('UNAUTHENTICATED', 'Vous devez être connecté.');
  if (!user.passwordHash) {
    throw new AppError('CONFLICT', "Votre compte n'a pas de mot de passe local : vous vous connectez par votre fournisseur d'identité.");
  }
  const address = who.address ?? '';
  const key = attemptKey(user.email, address);
  await assertNotLocked(ctx, { account: key, address: addressKey(address) });
  if (!(await verifyPassword(user.passwordHash, parsed.currentPassword))) {
    await recordFailure(ctx, { email: user.email, address, userId: user.id });
    throw invalid('currentPassword', 'Le mot de passe actuel est incorrect.');
  }
  try {
    checkPasswordPolicy(parsed.newPassword);
  } catch (error) {
    if (error instanceof AppError) throw invalid('newPassword', error.message);
    throw error;
  }
  if (parsed.newPassword === parsed.currentPassword) throw invalid('newPassword', "Le nouveau mot de passe doit différer de l'actuel.");
  const passwordHash = await hashPassword(parsed.newPassword);
  const tenants = await tenantsOfUser(ctx.db, user.id);
  return changingAccess(
    ctx,
    ctx.db.transaction(async (tx) => {
      await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
      const ended = await tx
        .delete(sessions)
        .where(and(eq(sessions.userId, user.id), ne(sessions.id, who.sessionId)))
        .returning({ id: sessions.id });
      await clearFailures({ ...ctx, db: tx }, key);
      // the account is global: its change shows in the trail of every tenant it has a role in
      await recordAudit(
        ctx,
        tx,
        tenants.map((tenantId) => ({ tenantId, action: 'change-password', entityType: 'user', entityId: user.id, after: { endedSessions: ended.length } })),
      );
      return { endedSessions: ended.length };
    }),
  );
}
