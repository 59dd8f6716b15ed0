import { recordAudit } from '../../../../server/platform/audit.js';
import type { Ctx } from '../../../../server/platform/context.js';
import { AppError } from '../../../../server/platform/errors.js';
import { governanceActor } from '../access.js';
import { bodies, bodyMembers } from '../db/schema.js';
import { createBodyInput, type CreateBodyInput } from './body.input.js';
import { checkMemberOrganizations } from './body-members.js';

/** A governance body with its first members. */
export async function createBody(ctx: Ctx, raw: CreateBodyInput) {
  const actor = governanceActor(ctx, 'governance.manage');
  const input = createBodyInput.parse(raw);
  const tenantId = actor.tenantId;
  await checkMemberOrganizations(ctx, tenantId, input.members);
  return ctx.db.transaction(async (tx) => {
    const [body] = await tx
      .insert(bodies)
      .values({ tenantId, kind: input.kind, name: input.name, cadence: input.cadence, unanimity: input.unanimity, createdAt: ctx.now() })
      .onConflictDoNothing()
      .returning();
    if (!body) throw new AppError('CONFLICT', 'Une instance porte déjà ce nom.');
    if (input.members.length) await tx.insert(bodyMembers).values(input.members.map((m) => ({ ...m, tenantId, bodyId: body.id })));
    await recordAudit(ctx, tx, [{ tenantId, action: 'create', entityType: 'governance-body', entityId: body.id, after: input }]);
    return body;
  });
}
