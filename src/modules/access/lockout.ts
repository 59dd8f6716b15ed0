import { eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../server/platform/context.js';
import { AppError } from '../../server/platform/errors.js';
import { loginAttempts } from './db/schema.js';
import { sha256 } from './tokens.js';

export const maxFailures = 5;
export const lockMinutes = 15;

/** Failures are counted per e-mail (hashed), whether or not an account exists for it. */
export const attemptKey = (email: string) => sha256(email.trim().toLowerCase());

/** Throws 429 while the e-mail is locked; returns whether failures are on record. */
export async function assertNotLocked(ctx: Ctx, key: string): Promise<boolean> {
  const now = ctx.now();
  const [attempt] = await ctx.db.select().from(loginAttempts).where(eq(loginAttempts.key, key));
  if (attempt?.lockedUntil && attempt.lockedUntil > now) {
    const minutes = Math.ceil((attempt.lockedUntil.getTime() - now.getTime()) / 60000);
    throw new AppError(
      'TOO_MANY_REQUESTS',
      `Trop de tentatives de connexion échouées. Réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}.`,
    );
  }
  return Boolean(attempt);
}

export async function recordFailure(ctx: Ctx, key: string): Promise<void> {
  const now = ctx.now();
  const lockUntil = new Date(now.getTime() + lockMinutes * 60000);
  await ctx.db
    .insert(loginAttempts)
    .values({ key, failures: 1, updatedAt: now })
    .onConflictDoUpdate({
      target: loginAttempts.key,
      set: {
        // a lock that has run out starts a new count
        failures: sql`case when ${loginAttempts.lockedUntil} is not null and ${loginAttempts.lockedUntil} <= ${now} then 1 else ${loginAttempts.failures} + 1 end`,
        lockedUntil: sql`case when ${loginAttempts.failures} + 1 >= ${maxFailures} and (${loginAttempts.lockedUntil} is null or ${loginAttempts.lockedUntil} <= ${now}) then ${lockUntil}::timestamptz else ${loginAttempts.lockedUntil} end`,
        updatedAt: now,
      },
    });
}

export async function clearFailures(ctx: Ctx, key: string): Promise<void> {
  await ctx.db.delete(loginAttempts).where(eq(loginAttempts.key, key));
}
