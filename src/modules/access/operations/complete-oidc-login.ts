import { and, eq } from 'drizzle-orm';
import * as client from 'openid-client';
import { recordAudit } from '../../../server/platform/audit.js';
import type { Ctx } from '../../../server/platform/context.js';
import { AppError } from '../../../server/platform/errors.js';
import { tenantsOfUser } from '../db/queries.js';
import { users } from '../db/schema.js';
import { openLoginState } from '../oidc/login-state.js';
import { oidcConfiguration, type OidcSettings } from '../oidc/oidc-client.js';
import { createSession } from './create-session.js';

/** Why a login was refused, as the sign-in page reads it from /connexion?erreur=<reason>. */
export const oidcFailureReasons = ['session-expiree', 'oidc-refus', 'oidc-echec', 'compte-inconnu', 'compte-desactive'] as const;
export type OidcFailureReason = (typeof oidcFailureReasons)[number];

const refused = (reason: OidcFailureReason, message: string) => new AppError('UNAUTHENTICATED', message, { details: { reason } });

interface Claims {
  sub: string;
  email?: string;
  emailVerified: boolean;
}

/**
 * Exchanges the code (state, nonce and PKCE checked by openid-client) and returns who the
 * provider says it is: the families' provider (FranceConnect) goes through here too.
 */
export async function exchangeOidcCode(ctx: Ctx, settings: OidcSettings, input: { currentUrl: URL; sealedState: string | undefined }) {
  const saved = openLoginState(input.sealedState, settings.clientSecret, ctx.now());
  if (!saved) throw refused('session-expiree', 'La demande de connexion a expiré ou ne vient pas de ce navigateur. Recommencez.');
  if (input.currentUrl.searchParams.has('error')) throw refused('oidc-refus', "Le fournisseur d'identité n'a pas autorisé la connexion.");
  const config = await oidcConfiguration(settings);
  try {
    const tokens = await client.authorizationCodeGrant(config, input.currentUrl, {
      expectedState: saved.state,
      expectedNonce: saved.nonce,
      pkceCodeVerifier: saved.verifier,
      idTokenExpected: true,
    });
    const idToken = tokens.claims()!;
    let source: Record<string, unknown> = idToken;
    if (typeof idToken.email !== 'string') source = await client.fetchUserInfo(config, tokens.access_token, idToken.sub);
    const claims: Claims = { sub: idToken.sub, email: typeof source.email === 'string' ? source.email : undefined, emailVerified: source.email_verified === true };
    return { issuer: config.serverMetadata().issuer, claims, name: typeof source.name === 'string' ? source.name : undefined };
  } catch (error) {
    ctx.log.warn({ err: error }, 'OIDC code exchange refused');
    throw refused('oidc-refus', "La réponse du fournisseur d'identité n'a pas pu être vérifiée. Recommencez.");
  }
}

/** An agent's login: the code exchanged, then the person found (never created). */
export async function completeOidcLogin(ctx: Ctx, settings: OidcSettings, input: { currentUrl: URL; sealedState: string | undefined }) {
  const { issuer, claims } = await exchangeOidcCode(ctx, settings, input);
  const user = await findPerson(ctx, issuer, claims);
  if (!user.active) throw refused('compte-desactive', 'Votre compte est désactivé. Contactez votre administrateur.');
  return { user, ...(await createSession(ctx, { userId: user.id, method: 'oidc' })) };
}

/** By (issuer, subject) first; else by a verified e-mail of an existing account, which is then linked. */
async function findPerson(ctx: Ctx, issuer: string, claims: Claims) {
  const [linked] = await ctx.db.select().from(users).where(and(eq(users.oidcIssuer, issuer), eq(users.oidcSubject, claims.sub)));
  if (linked) return linked;
  const unknown = refused('compte-inconnu', "Aucun compte Cohérence ne correspond à cette identité. Demandez à votre administrateur de vous en créer un.");
  if (!claims.email || !claims.emailVerified) throw unknown;
  const [byEmail] = await ctx.db.select().from(users).where(eq(users.email, claims.email.trim().toLowerCase()));
  // an account already tied to another identity is not taken over
  if (!byEmail || byEmail.oidcSubject) throw unknown;
  if (!byEmail.active) return byEmail;
  const tenants = await tenantsOfUser(ctx.db, byEmail.id);
  return ctx.db.transaction(async (tx) => {
    const [user] = await tx.update(users).set({ oidcIssuer: issuer, oidcSubject: claims.sub }).where(eq(users.id, byEmail.id)).returning();
    await recordAudit(
      ctx,
      tx,
      tenants.map((tenantId) => ({
        tenantId,
        action: 'link-identity',
        entityType: 'user',
        entityId: user.id,
        before: { oidcIssuer: byEmail.oidcIssuer, oidcSubject: byEmail.oidcSubject },
        after: { oidcIssuer: issuer, oidcSubject: claims.sub },
      })),
    );
    return user;
  });
}
