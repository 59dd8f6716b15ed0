import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../../../server/platform/audit.js';
import { assignmentsFor } from '../contract-access.js';
import type { Ctx } from '../../../server/platform/context.js';
import { authorize } from '../../../server/platform/authz.js';
import { AppError, forbidden } from '../../../server/platform/errors.js';
import { requireOrganizations } from '../contract-store.js';
import { groupMembers, purchasingGroups } from '../db/schema.js';
import type { GroupRow } from '../group-store.js';
import type { createGroupInput } from './group-input.js';

/** A group and its founding members, set up by (or for) its coordinator, which is one of them. */
export async function createGroup(ctx: Ctx, input: z.infer<typeof createGroupInput>): Promise<GroupRow> {
  authorize(ctx.actor, 'group.manage');
  const tenantId = ctx.actor.tenantId;
  if (!assignmentsFor(ctx.actor, 'group.manage').some((a) => a.organizationId === tenantId || a.organizationId === input.coordinatorOrganizationId)) {
    throw forbidden('Seul le coordonnateur peut constituer le groupement.');
  }
  const ids = input.members.map((m) => m.organizationId);
  if (new Set(ids).size !== ids.length) throw new AppError('VALIDATION', 'Un membre figure deux fois.', { issues: [{ path: 'members', message: 'Membre en double.' }] });
  if (!ids.includes(input.coordinatorOrganizationId)) {
    throw new AppError('VALIDATION', 'Le coordonnateur est membre du groupement.', { issues: [{ path: 'members', message: 'Ajoutez le coordonnateur.' }] });
  }
  await requireOrganizations(ctx.db, input.members.map((m, i) => ({ path: `members.${i}.organizationId`, id: m.organizationId })));
  const [taken] = await ctx.db.select({ id: purchasingGroups.id }).from(purchasingGroups).where(and(eq(purchasingGroups.tenantId, tenantId), eq(purchasingGroups.name, input.name)));
  if (taken) throw new AppError('CONFLICT', `Un groupement s'appelle déjà « ${input.name} ».`);
  const { members, ...fields } = input;
  const today = ctx.now().toISOString().slice(0, 10);
  return ctx.db.transaction(async (tx) => {
    const [group] = await tx.insert(purchasingGroups).values({ ...fields, tenantId }).returning();
    await tx.insert(groupMembers).values(members.map((m) => ({ ...m, tenantId, groupId: group.id, admittedOn: fields.conventionSignedOn ?? today })));
    await recordAudit(ctx, tx, [{ tenantId, action: 'group.create', entityType: 'purchasing-group', entityId: group.id, after: input }]);
    return group;
  });
}
