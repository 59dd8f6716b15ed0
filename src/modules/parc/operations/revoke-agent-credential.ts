import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../../server/platform/audit.js';
import { authorize } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { notFound } from '../../../server/platform/errors.js';
import { agentCredentials } from '../db/schema.js';

export const credentialParams = z.object({ username: z.string().min(1).max(120) });

/** Agents using these credentials are refused from now on; the row stays for the record. */
export async function revokeAgentCredential(ctx: Ctx, input: { username: string }) {
  authorize(ctx.actor, 'inventory.manage');
  const tenantId = ctx.actor.tenantId;
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(agentCredentials)
      .set({ revokedAt: sql`coalesce(${agentCredentials.revokedAt}, ${ctx.now()})` })
      .where(and(eq(agentCredentials.tenantId, tenantId), eq(agentCredentials.username, input.username)))
      .returning();
    if (!row) throw notFound('Identifiants d’agent');
    await recordAudit(ctx, tx, [{ tenantId, action: 'revoke', entityType: 'agent-credential', entityId: row.username }]);
  });
}
