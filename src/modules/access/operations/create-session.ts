import type { Ctx } from '../../../server/platform/context.js';
import { sessions } from '../db/schema.js';
import { randomToken, sha256 } from '../tokens.js';

export const sessionHours = 12;

/** The cookie carries the token; the table only its hash, so a leaked table opens no session. */
export async function createSession(ctx: Ctx, input: { userId: string; method: 'password' | 'oidc' | 'link' }) {
  const token = randomToken();
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + sessionHours * 3600_000);
  await ctx.db.insert(sessions).values({ id: sha256(token), userId: input.userId, createdAt: now, expiresAt, method: input.method });
  return { sessionToken: token, expiresAt };
}
