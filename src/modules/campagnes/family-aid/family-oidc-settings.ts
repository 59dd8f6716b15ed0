import type { OidcSettings } from '../../access/index.js';

/** An authority's provider for families (FranceConnect, or its own), as the staff's provider is set. */
export type FamilyOidcSettings = OidcSettings;

/** Env names carry the authority's code upper-cased, anything else than letters and digits as `_`. */
export const envKeyOf = (authorityCode: string) => authorityCode.toUpperCase().replace(/[^A-Z0-9]/g, '_');

/**
 * `COHERENCE_FAMILY_OIDC_<CODE>_ISSUER`, `…_CLIENT_ID`, `…_CLIENT_SECRET`, `…_LABEL` (default
 * « FranceConnect ») for each authority whose families may sign in by an identity provider.
 */
export function familyOidcFromEnv(env: NodeJS.ProcessEnv): Record<string, FamilyOidcSettings> {
  const found: Record<string, FamilyOidcSettings> = {};
  for (const [name, issuer] of Object.entries(env)) {
    const key = /^COHERENCE_FAMILY_OIDC_([A-Z0-9_]+)_ISSUER$/.exec(name)?.[1];
    if (!key || !issuer) continue;
    const at = (suffix: string) => env[`COHERENCE_FAMILY_OIDC_${key}_${suffix}`];
    found[key] = { issuer, clientId: at('CLIENT_ID') ?? '', clientSecret: at('CLIENT_SECRET') ?? '', label: at('LABEL') ?? 'FranceConnect' };
  }
  return found;
}

export function familyOidcOf(all: Record<string, FamilyOidcSettings> | undefined, authorityCode: string): FamilyOidcSettings | null {
  return all?.[envKeyOf(authorityCode)] ?? null;
}
