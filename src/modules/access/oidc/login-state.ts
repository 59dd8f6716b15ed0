import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** What the callback must find again: kept in a signed, httpOnly, SameSite=Lax cookie for 10 minutes. */
export const loginStateCookie = 'coh_oidc';
export const loginStateMinutes = 10;

const loginState = z.object({ state: z.string(), nonce: z.string(), verifier: z.string(), expiresAt: z.number() });
export type LoginState = z.infer<typeof loginState>;

const processKey = randomBytes(32);

/** Derived from the client secret so every server of a cluster agrees; a public client signs per process. */
function signingKey(clientSecret: string): Buffer {
  return clientSecret ? createHmac('sha256', 'coherence-oidc-login-state').update(clientSecret).digest() : processKey;
}

function mac(payload: string, clientSecret: string): Buffer {
  return createHmac('sha256', signingKey(clientSecret)).update(payload).digest();
}

export function sealLoginState(value: LoginState, clientSecret: string): string {
  const payload = Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${payload}.${mac(payload, clientSecret).toString('base64url')}`;
}

/** The state, or null when the cookie is missing, forged or out of date. */
export function openLoginState(sealed: string | undefined, clientSecret: string, now: Date): LoginState | null {
  const [payload, signature, extra] = (sealed ?? '').split('.');
  if (!payload || !signature || extra !== undefined) return null;
  const expected = mac(payload, clientSecret);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const parsed = loginState.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    return parsed.success && parsed.data.expiresAt > now.getTime() ? parsed.data : null;
  } catch {
    return null;
  }
}
