import type { Ctx } from '../../../../server/platform/context.js';
import { AppError } from '../../../../server/platform/errors.js';
import { exchangeOidcCode, openFamilyOidcSession, startOidcLogin } from '../../../access/index.js';
import { findOrganizationByCode } from '../../../referentiel/index.js';
import type { FamilyOidcSettings } from '../family-oidc-settings.js';

/** Each authority has its own callback: the provider's client is registered with it. */
export const familyCallbackUrl = (publicUrl: string, authorityCode: string) =>
  `${publicUrl.replace(/\/+$/, '')}/api/authorities/${encodeURIComponent(authorityCode)}/family-oidc/callback`;

async function authorityOf(ctx: Ctx, code: string) {
  const authority = await findOrganizationByCode(ctx.db, code);
  if (!authority) throw new AppError('NOT_FOUND', 'Collectivité introuvable.', { details: { reason: 'collectivite-inconnue' } });
  return authority;
}

export async function startFamilyOidc(ctx: Ctx, settings: FamilyOidcSettings, publicUrl: string, authorityCode: string) {
  const authority = await authorityOf(ctx, authorityCode);
  return startOidcLogin(ctx, settings, publicUrl, familyCallbackUrl(publicUrl, authority.code));
}

/** The provider's answer checked (access's OIDC client), then the family's account found or made. */
export async function completeFamilyOidc(ctx: Ctx, settings: FamilyOidcSettings, authorityCode: string, input: { currentUrl: URL; sealedState: string | undefined }) {
  const authority = await authorityOf(ctx, authorityCode);
  const { issuer, claims, name } = await exchangeOidcCode(ctx, settings, input);
  const opened = await openFamilyOidcSession(ctx, { tenantId: authority.tenantId, issuer, sub: claims.sub, email: claims.email, emailVerified: claims.emailVerified, displayName: name });
  return { ...opened, tenantCode: authority.code };
}
