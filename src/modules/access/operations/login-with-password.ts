import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../../server/platform/context.js';
import { AppError } from '../../../server/platform/errors.js';
import { users } from '../db/schema.js';
import { addressKey, assertNotLocked, attemptKey, clearFailures, recordFailure } from '../lockout.js';
import { verifyPassword } from '../passwords.js';
import { createSession } from './create-session.js';

export { lockMinutes, maxAddressFailures, maxFailures } from '../lockout.js';

export const loginInput = z.object({
  email: z.string().trim().toLowerCase().max(320),
  password: z.string().max(1024),
});
export type LoginInput = z.infer<typeof loginInput>;

const invalid = () => new AppError('UNAUTHENTICATED', 'Adresse e-mail ou mot de passe incorrect.');

/**
 * Same answer and the same work for unknown and known e-mails: attempts are counted per e-mail
 * whether or not an account exists, and an unknown account still runs one argon2 verification.
 */
export async function loginWithPassword(ctx: Ctx, input: LoginInput, from: { address?: string } = {}) {
  const parsed = loginInput.parse(input);
  const address = from.address ?? '';
  const key = attemptKey(parsed.email, address);
  const hadFailures = await assertNotLocked(ctx, { account: key, address: addressKey(address) });
  const [user] = await ctx.db.select().from(users).where(eq(users.email, parsed.email));
  const ok = await verifyPassword(user?.active ? user.passwordHash : null, parsed.password);
  if (!ok || !user) {
    await recordFailure(ctx, { email: parsed.email, address, userId: user?.id ?? null });
    throw invalid();
  }
  if (hadFailures) await clearFailures(ctx, key);
  const session = await createSession(ctx, { userId: user.id, method: 'password' });
  return { user, ...session };
}
