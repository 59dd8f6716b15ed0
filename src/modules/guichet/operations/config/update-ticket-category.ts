import { and, eq, sql } from 'drizzle-orm';
import { authorize } from '../../../../server/platform/authz.js';
import { diff, recordAudit } from '../../../../server/platform/audit.js';
import type { Ctx } from '../../../../server/platform/context.js';
import { notFound, versionConflict } from '../../../../server/platform/errors.js';
import { categories, type CategoryRow } from '../../db/schema.js';
import { deskConfigCache, loadDeskConfig } from '../../desk-config.js';
import type { UpdateCategoryInput } from './category-input.js';
import { checkCategoryReferences } from './create-ticket-category.js';

export { updateCategoryInput } from './category-input.js';

/** Changes a category, or deactivates it (`active: false`): 409 if someone changed it since `version`. */
export async function updateTicketCategory(ctx: Ctx, input: { key: string; changes: UpdateCategoryInput }): Promise<CategoryRow> {
  authorize(ctx.actor, 'desk.configure');
  const tenantId = ctx.actor.tenantId;
  const config = await loadDeskConfig(ctx, tenantId);
  const current = config.categories.get(input.key);
  if (!current) throw notFound('Catégorie');
  const { version, ...changes } = input.changes;
  checkCategoryReferences(config, changes);
  const where = and(eq(categories.tenantId, tenantId), eq(categories.key, input.key));
  try {
    return await ctx.db.transaction(async (tx) => {
      const [updated] = await tx
        .update(categories)
        .set({ ...changes, version: sql`${categories.version} + 1` })
        .where(and(where, eq(categories.version, version)))
        .returning();
      if (!updated) throw versionConflict();
      const change = diff(current as unknown as Record<string, unknown>, changes);
      await recordAudit(ctx, tx, [{ tenantId, action: 'update', entityType: 'ticket-category', entityId: input.key, before: change.before, after: change.after }]);
      return updated;
    });
  } finally {
    ctx.cache.invalidate(deskConfigCache, tenantId);
  }
}
