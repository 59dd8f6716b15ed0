import { createHmac, randomBytes } from 'node:crypto';

/**
 * Agents send the same HTTP Basic credentials with every inventory, and verifying one against its
 * argon2 hash costs ~50 ms of CPU by design: at a Région's rate (tens of inventories a second)
 * that alone would take the server. A successful verification is remembered for a while, keyed by
 * an HMAC (a per-process secret) of the user name, the password sent and the stored hash: a
 * changed password or hash misses, a revoked credential is refused before (its row is not
 * found), and a wrong password is never remembered, so guessing still pays argon2 every time.
 */
const secret = randomBytes(32);
const lifetimeMs = 15 * 60_000;
const maxEntries = 10_000;
const verified = new Map<string, number>();

function keyOf(username: string, password: string, passwordHash: string): string {
  return createHmac('sha256', secret).update(username).update('\u0000').update(password).update('\u0000').update(passwordHash).digest('base64');
}

export function wasVerified(username: string, password: string, passwordHash: string, now = Date.now()): boolean {
  const key = keyOf(username, password, passwordHash);
  const until = verified.get(key);
  if (until === undefined) return false;
  if (until < now) {
    verified.delete(key);
    return false;
  }
  return true;
}

export function rememberVerified(username: string, password: string, passwordHash: string, now = Date.now()): void {
  if (verified.size >= maxEntries) {
    for (const [key, until] of verified) if (until < now) verified.delete(key);
    // still full: forget the oldest (Map keeps insertion order)
    while (verified.size >= maxEntries) verified.delete(verified.keys().next().value as string);
  }
  verified.set(keyOf(username, password, passwordHash), now + lifetimeMs);
}
