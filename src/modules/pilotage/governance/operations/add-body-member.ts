import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../../server/platform/audit.js';
import type { Ctx } from '../../../../server/platform/context.js';
import { notFound } from '../../../../server/platform/errors.js';
import { governanceActor } from '../access.js';
import { bodies, bodyMembers } from '../db/schema.js';
import { memberInput, type MemberInput } from './body.input.js';
import { checkMemberOrganizations } from './body-members.js';

export async function addBodyMember(ctx: Ctx, bodyId: string, raw: MemberInput) {
  const actor = governanceActor(ctx, 'governance.manage');
  const input = memberInput.parse(raw);
  const tenantId = actor.tenantId;
  const [body] = await ctx.db.select({ id: bodies.id }).from(bodies).where(and(eq(bodies.tenantId, tenantId), eq(bodies.id, bodyId)));
  if (!body) throw notFound('Instance');
  await checkMemberOrganizations(ctx, tenantId, [input]);
  return ctx.db.transaction(async (tx) => {
    const [member] = await tx.insert(bodyMembers).values({ ...input, tenantId, bodyId }).returning();
    await recordAudit(ctx, tx, [{ tenantId, action: 'create', entityType: 'governance-member', entityId: member.id, after: input }]);
    return member;
  });
}
