import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../server/platform/audit.js';
import { changingAccess } from '../../../server/platform/authenticate.js';
import type { Ctx } from '../../../server/platform/context.js';
import { AppError } from '../../../server/platform/errors.js';
import { roleAssignments, users } from '../db/schema.js';
import { createSession } from './create-session.js';

/**
 * A family signs in without a password (a link sent by e-mail, an identity provider): its account
 * is made on first use and holds the family role of the authority only. An address that already
 * belongs to a staff account is refused, or a mailbox would open an agent's session without
 * their password.
 */
export async function openFamilySession(ctx: Ctx, input: { tenantId: string; email: string; displayName?: string; method: 'link' | 'oidc' }) {
  const email = input.email.trim().toLowerCase();
  const user = await changingAccess(
    ctx,
    ctx.db.transaction(async (tx) => {
      let [person] = await tx.select().from(users).where(eq(users.email, email));
      if (person) {
        const held = await tx.select({ role: roleAssignments.role, tenantId: roleAssignments.tenantId }).from(roleAssignments).where(eq(roleAssignments.userId, person.id));
        if (held.some((a) => a.role !== 'family')) {
          throw new AppError('FORBIDDEN', 'Cette adresse est celle d’un compte professionnel : connectez-vous avec votre mot de passe.');
        }
        if (!person.active) throw new AppError('FORBIDDEN', 'Ce compte est désactivé.');
      } else {
        [person] = await tx.insert(users).values({ email, displayName: input.displayName?.trim() || email }).returning();
        await recordAudit(ctx, tx, [{ tenantId: input.tenantId, action: 'create', entityType: 'user', entityId: person.id, after: { email, role: 'family' } }]);
      }
      const [assigned] = await tx
        .select({ id: roleAssignments.id })
        .from(roleAssignments)
        .where(and(eq(roleAssignments.tenantId, input.tenantId), eq(roleAssignments.userId, person.id), eq(roleAssignments.role, 'family')));
      if (!assigned) await tx.insert(roleAssignments).values({ tenantId: input.tenantId, userId: person.id, organizationId: input.tenantId, role: 'family' });
      return person;
    }),
  );
  return { user, ...(await createSession(ctx, { userId: user.id, method: input.method })) };
}

/**
 * A family signed in by its identity provider (FranceConnect): found by (issuer, subject) first,
 * else by the e-mail the provider gives, whose account is then tied to that identity. An account
 * tied to another identity is not taken over.
 */
export async function openFamilyOidcSession(ctx: Ctx, input: { tenantId: string; issuer: string; sub: string; email?: string; emailVerified: boolean; displayName?: string }) {
  const [linked] = await ctx.db.select().from(users).where(and(eq(users.oidcIssuer, input.issuer), eq(users.oidcSubject, input.sub)));
  const email = linked?.email ?? input.email;
  if (!email) throw new AppError('UNAUTHENTICATED', 'Le fournisseur d’identité n’a pas donné d’adresse électronique : connectez-vous par un lien envoyé par courriel.', { details: { reason: 'sans-adresse' } });
  if (!linked) {
    const [byEmail] = await ctx.db.select({ oidcSubject: users.oidcSubject }).from(users).where(eq(users.email, email.trim().toLowerCase()));
    // an address the provider does not vouch for makes a new account, never opens an existing one
    if (byEmail && !input.emailVerified) {
      throw new AppError('UNAUTHENTICATED', 'Le fournisseur d’identité ne garantit pas cette adresse : connectez-vous par un lien envoyé par courriel.', { details: { reason: 'adresse-non-verifiee' } });
    }
    if (byEmail?.oidcSubject) {
      throw new AppError('UNAUTHENTICATED', 'Cette adresse est liée à une autre identité : connectez-vous par un lien envoyé par courriel.', { details: { reason: 'identite-differente' } });
    }
  }
  const opened = await openFamilySession(ctx, { tenantId: input.tenantId, email, displayName: input.displayName, method: 'oidc' });
  if (!linked) {
    await changingAccess(ctx, ctx.db.update(users).set({ oidcIssuer: input.issuer, oidcSubject: input.sub }).where(eq(users.id, opened.user.id)));
  }
  return opened;
}
