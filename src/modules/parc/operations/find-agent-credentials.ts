import { asc, eq } from 'drizzle-orm';
import { authorize } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { agentCredentials } from '../db/schema.js';

export type AgentCredentialRow = typeof agentCredentials.$inferSelect;

/** The tenant's agent credentials, revoked ones included (never their password). */
export async function findAgentCredentials(ctx: Ctx): Promise<AgentCredentialRow[]> {
  authorize(ctx.actor, 'inventory.manage');
  return ctx.db.select().from(agentCredentials).where(eq(agentCredentials.tenantId, ctx.actor.tenantId)).orderBy(asc(agentCredentials.username));
}

