import type { z } from 'zod';
import { recordAudit } from '../../../server/platform/audit.js';
import type { Ctx } from '../../../server/platform/context.js';
import { AppError } from '../../../server/platform/errors.js';
import { requireOrganizations } from '../contract-store.js';
import { groupDecisions } from '../db/schema.js';
import { loadGroup, memberIds, voterOrganization } from '../group-store.js';
import type { proposeDecisionInput } from './group-input.js';

/** A member proposes a decision; every member then votes on it. */
export async function proposeDecision(ctx: Ctx, groupId: string, input: z.infer<typeof proposeDecisionInput>): Promise<typeof groupDecisions.$inferSelect> {
  const group = await loadGroup(ctx, groupId, 'group.vote');
  const members = await memberIds(ctx, group);
  voterOrganization(ctx, members, input.organizationId);
  if (input.kind === 'admit-member') {
    if (!input.admit) throw new AppError('VALIDATION', "Indiquez l'organisation à admettre.", { issues: [{ path: 'admit', message: 'Organisation requise.' }] });
    if (members.includes(input.admit.organizationId)) throw new AppError('CONFLICT', 'Cette organisation est déjà membre du groupement.');
    await requireOrganizations(ctx.db, [{ path: 'admit.organizationId', id: input.admit.organizationId }]);
  } else if (input.admit) {
    throw new AppError('VALIDATION', "Seule une décision d'admission désigne un nouveau membre.", { issues: [{ path: 'admit', message: 'Sans objet.' }] });
  }
  return ctx.db.transaction(async (tx) => {
    const [decision] = await tx
      .insert(groupDecisions)
      .values({ tenantId: group.tenantId, groupId: group.id, kind: input.kind, title: input.title, details: input.details, admit: input.admit ?? null, proposedBy: ctx.actor!.id, proposedAt: ctx.now() })
      .returning();
    await recordAudit(ctx, tx, [{ tenantId: group.tenantId, action: 'decision.propose', entityType: 'group-decision', entityId: decision.id, after: input }]);
    return decision;
  });
}
