import { createHmac, randomBytes } from 'node:crypto';
import { defineCache, type Caches } from '../../../server/platform/cache.js';

/**
 * Agents send the same HTTP Basic credentials with every inventory, and verifying one against its
 * argon2 hash costs ~50 ms of CPU by design: at a Région's rate (tens of inventories a second)
 * that alone would take the server. A successful verification is remembered for a while, keyed by
 * an HMAC (a per-process secret) of the user name, the password sent and the stored hash: a
 * changed password or hash misses, a revoked credential is refused before (its row is not
 * found), and a wrong password is never remembered, so guessing still pays argon2 every time.
 * Nothing to invalidate, then: a change of credential changes the key.
 */
const secret = randomBytes(32);
export const verifiedCredentials = defineCache<true>('agent-credentials', { max: 10_000, ttlMs: 15 * 60_000 });

function keyOf(username: string, password: string, passwordHash: string): string {
  return createHmac('sha256', secret).update(username).update('\u0000').update(password).update('\u0000').update(passwordHash).digest('base64');
}

export function wasVerified(cache: Caches, username: string, password: string, passwordHash: string): boolean {
  return cache.of(verifiedCredentials).get(keyOf(username, password, passwordHash)) === true;
}

export function rememberVerified(cache: Caches, username: string, password: string, passwordHash: string): void {
  cache.of(verifiedCredentials).set(keyOf(username, password, passwordHash), true);
}
