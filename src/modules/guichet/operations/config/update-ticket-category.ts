import { authorize } from '../../../../server/platform/authz.js';
import type { Ctx } from '../../../../server/platform/context.js';
import { notFound } from '../../../../server/platform/errors.js';
import { updateVersioned, type VersionedUpdateInput } from '../../../../server/platform/versioned-update.js';
import { categories, type CategoryRow } from '../../db/schema.js';
import { deskConfigCache, loadDeskConfig } from '../../desk-config.js';
import type { UpdateCategoryInput } from './category.input.js';
import { checkCategoryReferences } from './create-ticket-category.js';

export { updateCategoryInput } from './category.input.js';

/** Changes a category, or deactivates it (`active: false`): 409 if someone changed it since `version`. */
export async function updateTicketCategory(ctx: Ctx, input: VersionedUpdateInput<UpdateCategoryInput>): Promise<CategoryRow> {
  authorize(ctx.actor, 'desk.configure');
  const tenantId = ctx.actor.tenantId;
  const config = await loadDeskConfig(ctx, tenantId);
  const current = config.categories.get(input.id);
  if (!current) throw notFound('Catégorie');
  const { version, ...changes } = input.changes;
  checkCategoryReferences(config, changes);
  try {
    return await updateVersioned(ctx, { table: categories, idColumn: categories.key, tenantId, id: input.id, version, changes, entityType: 'ticket-category', label: 'Catégorie' });
  } finally {
    ctx.cache.invalidate(deskConfigCache, tenantId);
  }
}
