import * as client from 'openid-client';
import type { Ctx } from '../../../server/platform/context.js';
import { loginStateMinutes, sealLoginState } from '../oidc/login-state.js';
import { callbackUrl, oidcConfiguration, type OidcSettings } from '../oidc/oidc-client.js';

/**
 * Begins an authorization-code login with the agents' identity provider (ProConnect or another):
 * a fresh state, nonce and PKCE (S256) verifier, sealed in a cookie for the callback. The families'
 * provider passes its own redirect URI (one callback per authority).
 */
export async function startOidcLogin(ctx: Ctx, settings: OidcSettings, publicUrl: string, redirectUri = callbackUrl(publicUrl)) {
  const config = await oidcConfiguration(settings);
  const state = client.randomState();
  const nonce = client.randomNonce();
  const verifier = client.randomPKCECodeVerifier();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid email profile',
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  });
  const expiresAt = ctx.now().getTime() + loginStateMinutes * 60_000;
  return { url: url.href, sealedState: sealLoginState({ state, nonce, verifier, expiresAt }, settings.clientSecret) };
}
