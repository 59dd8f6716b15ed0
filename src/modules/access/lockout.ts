import { and, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../server/platform/audit.js';
import type { Ctx } from '../../server/platform/context.js';
import { AppError } from '../../server/platform/errors.js';
import { loginAttempts, roleAssignments } from './db/schema.js';
import { sha256 } from './tokens.js';

/**
 * Failed logins are counted three ways:
 * - per e-mail from one address: `maxFailures` lock that e-mail from that address only, so a
 *   stranger elsewhere cannot lock a person out of their usual place;
 * - per address, whatever the e-mails: `maxAddressFailures` within `lockMinutes` stop password
 *   spraying from one address;
 * - in all, in this process: `overall.limit` failures a minute stop a spraying spread over many
 *   addresses.
 * Each refusal is a 429 with Retry-After; a lock of an account is audited in its tenants, and an
 * administrator can lift it (login-locks.ts).
 */
export const maxFailures = 5;
export const lockMinutes = 15;
export const maxAddressFailures = 20;
export const overall = { limit: 600, windowMs: 60_000, started: 0, failures: 0 };

/** Failures are counted per e-mail (hashed), whether or not an account exists for it, and per address. */
export const attemptKey = (email: string, address = '') => sha256(`${email.trim().toLowerCase()}\u0000${address}`);
export const addressKey = (address: string) => sha256(`address\u0000${address}`);

const tooMany = (retryAfterSeconds: number, message: string) => new AppError('TOO_MANY_REQUESTS', message, { details: { retryAfterSeconds } });

function minutesText(seconds: number) {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return `${minutes} minute${minutes > 1 ? 's' : ''}`;
}

function assertOverall(now: Date) {
  if (now.getTime() - overall.started >= overall.windowMs) return;
  if (overall.failures < overall.limit) return;
  const seconds = Math.ceil((overall.started + overall.windowMs - now.getTime()) / 1000);
  throw tooMany(seconds, `Trop de tentatives de connexion échouées en ce moment sur Cohérence. Réessayez dans ${minutesText(seconds)}.`);
}

function countOverall(now: Date) {
  if (now.getTime() - overall.started >= overall.windowMs) {
    overall.started = now.getTime();
    overall.failures = 0;
  }
  overall.failures++;
}

/** Throws 429 while this address or this e-mail from this address is locked; returns whether failures are on record. */
export async function assertNotLocked(ctx: Ctx, keys: { account: string; address: string }): Promise<boolean> {
  const now = ctx.now();
  assertOverall(now);
  const found = await ctx.db.select().from(loginAttempts).where(sql`${loginAttempts.key} in (${keys.account}, ${keys.address})`);
  for (const attempt of found) {
    if (!attempt.lockedUntil || attempt.lockedUntil <= now) continue;
    const seconds = Math.ceil((attempt.lockedUntil.getTime() - now.getTime()) / 1000);
    throw tooMany(
      seconds,
      attempt.kind === 'address'
        ? `Trop de tentatives de connexion échouées depuis votre adresse réseau. Réessayez dans ${minutesText(seconds)}.`
        : `Trop de tentatives de connexion échouées. Réessayez dans ${minutesText(seconds)}.`,
    );
  }
  return found.some((a) => a.key === keys.account);
}

interface Failure {
  key: string;
  kind: 'account-address' | 'address';
  threshold: number;
  userId: string | null;
  address: string;
}

/** One failure more on each count; the lock starts at the threshold (a count older than the lock's length starts again). */
async function countFailure(ctx: Ctx, f: Failure): Promise<{ lockedNow: boolean; lockedUntil: Date | null }> {
  const now = ctx.now();
  const lockUntil = new Date(now.getTime() + lockMinutes * 60000);
  const windowStart = new Date(now.getTime() - lockMinutes * 60000);
  const stale = sql`(${loginAttempts.lockedUntil} is not null and ${loginAttempts.lockedUntil} <= ${now}) or (${loginAttempts.lockedUntil} is null and ${loginAttempts.updatedAt} < ${windowStart})`;
  const [row] = await ctx.db
    .insert(loginAttempts)
    .values({ key: f.key, failures: 1, updatedAt: now, kind: f.kind, userId: f.userId, address: f.address, lockedUntil: f.threshold <= 1 ? lockUntil : null })
    .onConflictDoUpdate({
      target: loginAttempts.key,
      set: {
        failures: sql`case when ${stale} then 1 else ${loginAttempts.failures} + 1 end`,
        lockedUntil: sql`case when (case when ${stale} then 1 else ${loginAttempts.failures} + 1 end) >= ${f.threshold} and (${loginAttempts.lockedUntil} is null or ${loginAttempts.lockedUntil} <= ${now}) then ${lockUntil}::timestamptz else ${loginAttempts.lockedUntil} end`,
        updatedAt: now,
        userId: f.userId,
      },
    })
    .returning({ failures: loginAttempts.failures, lockedUntil: loginAttempts.lockedUntil });
  return { lockedNow: row.failures === f.threshold && row.lockedUntil !== null, lockedUntil: row.lockedUntil };
}

export async function recordFailure(ctx: Ctx, input: { email: string; address: string; userId: string | null }): Promise<void> {
  countOverall(ctx.now());
  const account = await countFailure(ctx, { key: attemptKey(input.email, input.address), kind: 'account-address', threshold: maxFailures, userId: input.userId, address: input.address });
  if (account.lockedNow && input.userId) await auditLock(ctx, input.userId, { address: input.address || null, lockedUntil: account.lockedUntil });
  // an operation called without an address (the command line, tests) counts per e-mail only
  if (!input.address) return;
  const address = await countFailure(ctx, { key: addressKey(input.address), kind: 'address', threshold: maxAddressFailures, userId: null, address: input.address });
  if (address.lockedNow) ctx.log.warn({ address: input.address, until: address.lockedUntil }, 'connexions bloquées pour cette adresse (trop d’échecs)');
}

/** A lock is written in the trail of every tenant where the person holds a role. */
async function auditLock(ctx: Ctx, userId: string, after: Record<string, unknown>) {
  const tenants = await ctx.db.selectDistinct({ tenantId: roleAssignments.tenantId }).from(roleAssignments).where(eq(roleAssignments.userId, userId));
  await recordAudit(
    ctx,
    ctx.db,
    tenants.map((t) => ({ tenantId: t.tenantId, action: 'lock', entityType: 'login-lock', entityId: userId, after })),
  );
}

export async function clearFailures(ctx: Ctx, key: string): Promise<void> {
  await ctx.db.delete(loginAttempts).where(and(eq(loginAttempts.key, key), eq(loginAttempts.kind, 'account-address')));
}
