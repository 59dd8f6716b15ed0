import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../../server/platform/audit.js';
import { authorize } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { AppError, notFound } from '../../../server/platform/errors.js';
import { apiTokens } from '../db/schema.js';
import { changingAccess } from '../../../server/platform/authenticate.js';

export const revokeApiTokenInput = z.object({ id: z.uuid() });

/** A revoked token is refused at once, on its next call. */
export async function revokeApiToken(ctx: Ctx, input: z.infer<typeof revokeApiTokenInput>) {
  authorize(ctx.actor, 'token.manage');
  const tenantId = ctx.actor.tenantId;
  return changingAccess(
    ctx,
    ctx.db.transaction(async (tx) => {
      const [token] = await tx
        .select()
        .from(apiTokens)
        .where(and(eq(apiTokens.tenantId, tenantId), eq(apiTokens.id, input.id)))
        .for('update');
      if (!token) throw notFound('Jeton');
      if (token.revokedAt) throw new AppError('CONFLICT', 'Ce jeton est déjà révoqué.');
      const now = ctx.now();
      const [revoked] = await tx
        .update(apiTokens)
        .set({ revokedAt: now })
        .where(and(eq(apiTokens.tenantId, tenantId), eq(apiTokens.id, token.id)))
        .returning();
      await recordAudit(ctx, tx, [
        { tenantId, action: 'revoke', entityType: 'api-token', entityId: token.id, before: { revokedAt: null }, after: { revokedAt: now } },
      ]);
      return revoked;
    }),
  );
}
