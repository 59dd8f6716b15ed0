import { and, eq, gt, inArray, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../../server/platform/audit.js';
import { authorize } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { notFound } from '../../../server/platform/errors.js';
import { loginAttempts, roleAssignments, users } from '../db/schema.js';
import { addressKey } from '../lockout.js';

export const loginLockParams = z.object({ id: z.string().regex(/^[0-9a-f]{64}$/, 'Identifiant de verrou invalide.') });

export interface LoginLock {
  id: string;
  userId: string;
  email: string;
  displayName: string;
  address: string | null;
  failures: number;
  lockedUntil: Date;
  /** The address itself is blocked too (too many failures from it, whatever the accounts). */
  addressLockedUntil: Date | null;
}

const ofTenant = (tenantId: string) =>
  inArray(loginAttempts.userId, ctxUsers(tenantId));

const ctxUsers = (tenantId: string) => sql`(select ${roleAssignments.userId} from ${roleAssignments} where ${roleAssignments.tenantId} = ${tenantId})`;

/** The accounts of this tenant locked out from an address right now (failed passwords), newest first. */
export async function findLoginLocks(ctx: Ctx): Promise<LoginLock[]> {
  authorize(ctx.actor, 'user.manage');
  const now = ctx.now();
  const found = await ctx.db
    .select({ a: loginAttempts, email: users.email, displayName: users.displayName })
    .from(loginAttempts)
    .innerJoin(users, eq(users.id, loginAttempts.userId))
    .where(and(eq(loginAttempts.kind, 'account-address'), gt(loginAttempts.lockedUntil, now), ofTenant(ctx.actor.tenantId)))
    .orderBy(sql`${loginAttempts.lockedUntil} desc`)
    .limit(500);
  const addresses = [...new Set(found.map((f) => f.a.address).filter((a): a is string => !!a))];
  const blocked = addresses.length
    ? await ctx.db
        .select({ address: loginAttempts.address, lockedUntil: loginAttempts.lockedUntil })
        .from(loginAttempts)
        .where(and(eq(loginAttempts.kind, 'address'), inArray(loginAttempts.address, addresses), gt(loginAttempts.lockedUntil, now)))
    : [];
  return found.map(({ a, email, displayName }) => ({
    id: a.key,
    userId: a.userId!,
    email,
    displayName,
    address: a.address || null,
    failures: a.failures,
    lockedUntil: a.lockedUntil!,
    addressLockedUntil: blocked.find((b) => b.address === a.address)?.lockedUntil ?? null,
  }));
}

/**
 * Lifts a lock of an account of this tenant: the count for that account from that address, and
 * the block of the address itself, so the person can sign in from there at once. Audited.
 */
export async function unlockLogin(ctx: Ctx, input: { id: string }): Promise<{ unlocked: boolean }> {
  authorize(ctx.actor, 'user.manage');
  const tenantId = ctx.actor.tenantId;
  const [lock] = await ctx.db
    .select()
    .from(loginAttempts)
    .where(and(eq(loginAttempts.key, input.id), eq(loginAttempts.kind, 'account-address'), ofTenant(tenantId)));
  if (!lock) throw notFound('Verrou de connexion');
  await ctx.db.transaction(async (tx) => {
    const keys = [lock.key, ...(lock.address ? [addressKey(lock.address)] : [])];
    await tx.delete(loginAttempts).where(or(...keys.map((k) => eq(loginAttempts.key, k))));
    await recordAudit(ctx, tx, [
      { tenantId, action: 'unlock', entityType: 'login-lock', entityId: lock.userId!, before: { address: lock.address, failures: lock.failures, lockedUntil: lock.lockedUntil } },
    ]);
  });
  return { unlocked: true };
}
