import { createHash, randomBytes } from 'node:crypto';
import { and, count, eq, gt, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../../../server/platform/context.js';
import { AppError } from '../../../../server/platform/errors.js';
import { findOrganizationByCode } from '../../../referentiel/index.js';
import { openFamilySession } from '../../../access/index.js';
import { publicFamilyAidCampaign } from '../campaign-settings.js';
import { familySignInLinks } from '../db/schema.js';

export const linkMinutes = 30;
/** Links one address may be sent in an hour: enough for a lost mail or two, not a mailbox flooded by a stranger. */
export const linksPerHour = 5;

export const signInLinkInput = z.object({ email: z.email('Indiquez une adresse électronique valide.').max(254) });
export const familySignInInput = z.object({ token: z.string().trim().min(20).max(200) });
export const authorityParams = z.object({ authority: z.string().trim().min(1).max(100) });

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * A single-use link valid 30 minutes, for this campaign's authority. Whatever the address, the
 * caller learns nothing (same answer): the mail is the only way to the token.
 */
export async function requestSignInLink(ctx: Ctx, params: { authority: string; code: string }, input: z.infer<typeof signInLinkInput>) {
  const campaign = await publicFamilyAidCampaign(ctx.db, params.authority, params.code);
  const email = input.email.trim().toLowerCase();
  const now = ctx.now();
  await refusePastHourlyLimit(ctx, campaign.tenantId, email, now);
  const token = randomBytes(32).toString('base64url');
  await ctx.db.insert(familySignInLinks).values({
    tenantId: campaign.tenantId,
    tokenHash: hash(token),
    email,
    campaignId: campaign.id,
    createdAt: now,
    expiresAt: new Date(now.getTime() + linkMinutes * 60_000),
  });
  return { token, email, campaign };
}

/**
 * The link is asked without an account, so anyone may ask it for any address: past a few an hour
 * the mail is not sent (counted in the database, so every server process sees the same count).
 */
async function refusePastHourlyLimit(ctx: Ctx, tenantId: string, email: string, now: Date) {
  const hourAgo = new Date(now.getTime() - 60 * 60_000);
  const [sent] = await ctx.db
    .select({ n: count() })
    .from(familySignInLinks)
    .where(and(eq(familySignInLinks.tenantId, tenantId), eq(familySignInLinks.email, email), gt(familySignInLinks.createdAt, hourAgo)));
  if (sent!.n >= linksPerHour) {
    throw new AppError('TOO_MANY_REQUESTS', `Trop de liens de connexion demandés pour cette adresse (${linksPerHour} par heure) : utilisez le dernier reçu, ou réessayez dans une heure.`);
  }
}

const refused = () => new AppError('UNAUTHENTICATED', 'Ce lien de connexion a expiré ou a déjà servi. Demandez-en un nouveau.');

/** Spends the link (once: the first of two concurrent uses wins) and opens the family's session. */
export async function signInWithLink(ctx: Ctx, params: z.infer<typeof authorityParams>, input: z.infer<typeof familySignInInput>) {
  const authority = await findOrganizationByCode(ctx.db, params.authority);
  if (!authority) throw refused();
  const now = ctx.now();
  const [link] = await ctx.db
    .update(familySignInLinks)
    .set({ usedAt: now })
    .where(and(eq(familySignInLinks.tenantId, authority.tenantId), eq(familySignInLinks.tokenHash, hash(input.token)), isNull(familySignInLinks.usedAt), gt(familySignInLinks.expiresAt, now)))
    .returning();
  if (!link) throw refused();
  return { tenantCode: authority.code, ...(await openFamilySession(ctx, { tenantId: authority.tenantId, email: link.email, method: 'link' })) };
}
