import { eq } from 'drizzle-orm';
import type { Ctx } from '../../../server/platform/context.js';
import { sessions } from '../db/schema.js';
import { sha256 } from '../tokens.js';
import { changingAccess } from '../../../server/platform/authenticate.js';

export async function logout(ctx: Ctx, input: { sessionToken: string }) {
  await changingAccess(ctx, ctx.db.delete(sessions).where(eq(sessions.id, sha256(input.sessionToken))).then(() => undefined));
}

/** Ends every session of the user, on every device. */
export async function logoutEverywhere(ctx: Ctx, input: { userId: string }) {
  const ended = await changingAccess(ctx, ctx.db.delete(sessions).where(eq(sessions.userId, input.userId)).returning({ id: sessions.id }));
  return { ended: ended.length };
}
