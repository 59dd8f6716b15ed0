import { and, count, eq, or } from 'drizzle-orm';
import type { Ctx } from '../../../../server/platform/context.js';
import { AppError, notFound } from '../../../../server/platform/errors.js';
import { deleteVersioned, updateVersioned } from '../../../../server/platform/versioned-update.js';
import { governanceActor } from '../access.js';
import { bodyMembers, followUps, votes } from '../db/schema.js';
import { updateMemberInput, type UpdateMemberInput } from './body.input.js';
import { checkMemberOrganizations } from './body-members.js';

async function loadMember(ctx: Ctx, tenantId: string, bodyId: string, memberId: string) {
  const [member] = await ctx.db.select().from(bodyMembers).where(and(eq(bodyMembers.tenantId, tenantId), eq(bodyMembers.bodyId, bodyId), eq(bodyMembers.id, memberId)));
  if (!member) throw notFound('Membre');
  return member;
}

/** A member's name, function and the partner they sit for; the version read must be current. */
export async function updateBodyMember(ctx: Ctx, bodyId: string, memberId: string, raw: UpdateMemberInput) {
  const actor = governanceActor(ctx, 'governance.manage');
  const { version, ...changes } = updateMemberInput.parse(raw);
  const tenantId = actor.tenantId;
  await loadMember(ctx, tenantId, bodyId, memberId);
  await checkMemberOrganizations(ctx, tenantId, [changes]);
  return updateVersioned(ctx, { table: bodyMembers, tenantId, id: memberId, version, changes, entityType: 'governance-member', label: 'Membre' });
}

/** A member leaves the body; one who voted or carries an action stays on record (409), so the minutes keep their names. */
export async function removeBodyMember(ctx: Ctx, bodyId: string, memberId: string, version: number) {
  const actor = governanceActor(ctx, 'governance.manage');
  const tenantId = actor.tenantId;
  await loadMember(ctx, tenantId, bodyId, memberId);
  const [used] = await ctx.db
    .select({ n: count() })
    .from(bodyMembers)
    .leftJoin(votes, and(eq(votes.tenantId, bodyMembers.tenantId), eq(votes.memberId, bodyMembers.id)))
    .leftJoin(followUps, and(eq(followUps.tenantId, bodyMembers.tenantId), eq(followUps.ownerMemberId, bodyMembers.id)))
    .where(and(eq(bodyMembers.tenantId, tenantId), eq(bodyMembers.id, memberId), or(eq(votes.memberId, memberId), eq(followUps.ownerMemberId, memberId))));
  if (used.n > 0) throw new AppError('CONFLICT', 'Ce membre a voté ou porte une action : il reste inscrit pour que les comptes rendus gardent son nom. Modifiez plutôt sa fonction.');
  await deleteVersioned(ctx, { table: bodyMembers, tenantId, id: memberId, version, entityType: 'governance-member', label: 'Membre' });
}
