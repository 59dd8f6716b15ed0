import { desc, eq } from 'drizzle-orm';
import { authorize } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { apiTokens } from '../db/schema.js';

/** The active tenant's tokens, revoked and expired ones included; never their secret. */
export async function findApiTokens(ctx: Ctx) {
  authorize(ctx.actor, 'token.manage');
  return ctx.db
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.tenantId, ctx.actor.tenantId))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id))
    .limit(1000);
}
