import type { AppConfig } from '../../../server/platform/http.js';

/** The session cookie: httpOnly, SameSite=Strict, Secure behind https. */
export function sessionCookieOptions(config: AppConfig) {
  return { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: config.secureCookies };
}
