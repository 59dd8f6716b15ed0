import * as client from 'openid-client';
import type { AppConfig } from '../../../server/platform/http.js';

export type OidcSettings = NonNullable<AppConfig['oidc']>;

const loopbackHosts = ['127.0.0.1', 'localhost', '[::1]'];

/** Plain http is accepted only for a provider on this machine (tests, local development). */
export function allowsPlainHttp(issuer: string): boolean {
  const url = new URL(issuer);
  return url.protocol === 'http:' && loopbackHosts.includes(url.hostname);
}

export function isAcceptedIssuer(issuer: string): boolean {
  return new URL(issuer).protocol === 'https:' || allowsPlainHttp(issuer);
}

const configurations = new Map<string, Promise<client.Configuration>>();

/** The provider's metadata, fetched once per issuer and client (again after a failure). */
export function oidcConfiguration(settings: OidcSettings): Promise<client.Configuration> {
  const key = `${settings.issuer}\n${settings.clientId}`;
  let found = configurations.get(key);
  if (!found) {
    if (!isAcceptedIssuer(settings.issuer)) {
      return Promise.reject(new Error(`OIDC issuer must use https: ${settings.issuer}`));
    }
    found = client.discovery(new URL(settings.issuer), settings.clientId, settings.clientSecret || undefined, undefined, {
      execute: allowsPlainHttp(settings.issuer) ? [client.allowInsecureRequests] : [],
      timeout: 10,
    });
    found.catch(() => configurations.delete(key));
    configurations.set(key, found);
  }
  return found;
}

export function callbackUrl(publicUrl: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/api/auth/oidc/callback`;
}
