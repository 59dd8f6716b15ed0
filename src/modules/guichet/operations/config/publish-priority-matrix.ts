import { authorize } from '../../../../server/platform/authz.js';
import { recordAudit } from '../../../../server/platform/audit.js';
import type { Ctx } from '../../../../server/platform/context.js';
import { deskConfigCache } from '../../desk-config.js';
import type { PriorityMatrix } from '../../sla/index.js';
import type { PublishPriorityMatrixInput } from './priority-matrix.input.js';
import { effectiveFrom, insertTermsVersion, termsVersions } from './shared.js';

export { publishPriorityMatrixInput, validFromField } from './priority-matrix.input.js';

export interface PublishedTerms {
  version: number;
  validFrom: Date;
}

/**
 * A new version of the tenant's urgency × impact matrix, in force from now or a later instant:
 * tickets keep the priority they were given; new ones take the version in force when opened.
 */
export async function publishPriorityMatrix(ctx: Ctx, input: PublishPriorityMatrixInput): Promise<PublishedTerms> {
  authorize(ctx.actor, 'desk.configure');
  const tenantId = ctx.actor.tenantId;
  const versions = await termsVersions(ctx.db, tenantId, 'priority-matrix', 'default');
  const latest = versions.at(-1);
  const validFrom = effectiveFrom(ctx, input.validFrom, latest);
  const matrix: PriorityMatrix = input.matrix;
  try {
    const version = await ctx.db.transaction(async (tx) => {
      const published = await insertTermsVersion(ctx, tx, { kind: 'priority-matrix', key: 'default', expected: input.version, latest, validFrom, body: matrix });
      await recordAudit(ctx, tx, [
        { tenantId, action: 'publish', entityType: 'priority-matrix', entityId: 'default', before: latest?.body ?? null, after: { version: published, validFrom, matrix } },
      ]);
      return published;
    });
    return { version, validFrom };
  } finally {
    ctx.cache.invalidate(deskConfigCache, tenantId);
  }
}
