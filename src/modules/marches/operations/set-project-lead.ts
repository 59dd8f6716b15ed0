import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../../../server/platform/audit.js';
import { assignmentsFor } from '../contract-access.js';
import type { Ctx } from '../../../server/platform/context.js';
import { forbidden, notFound } from '../../../server/platform/errors.js';
import { groupMembers } from '../db/schema.js';
import { loadGroup } from '../group-store.js';
import type { projectLeadInput } from './group-input.js';

/** A member names its project lead; the coordinator may record it for them. */
export async function setProjectLead(ctx: Ctx, groupId: string, organizationId: string, input: z.infer<typeof projectLeadInput>): Promise<void> {
  const group = await loadGroup(ctx, groupId, 'group.vote');
  const mayAct = [...assignmentsFor(ctx.actor!, 'group.vote'), ...assignmentsFor(ctx.actor!, 'group.manage')].some(
    (a) => a.organizationId === organizationId || a.organizationId === group.coordinatorOrganizationId || a.organizationId === ctx.actor!.tenantId,
  );
  if (!mayAct) throw forbidden('Seul le membre (ou le coordonnateur) désigne son chef de projet.');
  const where = and(eq(groupMembers.tenantId, group.tenantId), eq(groupMembers.groupId, group.id), eq(groupMembers.organizationId, organizationId));
  const [member] = await ctx.db.select().from(groupMembers).where(where);
  if (!member) throw notFound('Membre');
  await ctx.db.transaction(async (tx) => {
    await tx.update(groupMembers).set(input).where(where);
    await recordAudit(ctx, tx, [{ tenantId: group.tenantId, action: 'group.project-lead', entityType: 'purchasing-group', entityId: group.id, before: member, after: input }]);
  });
}
