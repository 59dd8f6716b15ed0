import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../../server/platform/audit.js';
import type { Ctx } from '../../../../server/platform/context.js';
import { AppError } from '../../../../server/platform/errors.js';
import { siteInScope } from '../../links/link-scope.js';
import { resourceChoices } from '../db/schema.js';
import { setChoiceInput, type SetChoiceInput } from '../resource.input.js';
import { titleOfTenant } from '../resource-scope.js';

export { setChoiceInput };

/**
 * A school's quantity of a title for one level (0 withdraws it). Only for a school the actor
 * reaches with resource.choose (a school's staff: their own); a choice already consolidated into
 * an order is frozen. The choice row is locked so a consolidation running at the same time either
 * sees the new quantity or refuses it.
 */
export async function setResourceChoice(ctx: Ctx, input: SetChoiceInput) {
  const site = await siteInScope(ctx, input.uai, 'resource.choose');
  const title = await titleOfTenant(ctx, input.titleId, 'resource.choose');
  if (!title.levels.includes(input.level)) {
    throw new AppError('VALIDATION', `Ce titre n’est pas proposé en ${input.level} (niveaux : ${title.levels.join(', ')}).`, { issues: [{ path: 'level', message: 'Niveau hors catalogue.' }] });
  }
  const tenantId = ctx.actor!.tenantId;
  return ctx.db.transaction(async (tx) => {
    const key = and(eq(resourceChoices.tenantId, tenantId), eq(resourceChoices.titleId, title.id), eq(resourceChoices.establishmentId, site.id), eq(resourceChoices.level, input.level));
    const [current] = await tx.select().from(resourceChoices).where(key).for('update');
    if (current?.orderId) throw new AppError('CONFLICT', 'Ce choix a déjà été consolidé dans une commande : il ne peut plus changer.');
    let saved: typeof resourceChoices.$inferSelect | null = null;
    if (input.quantity === 0) {
      if (current) await tx.delete(resourceChoices).where(key);
    } else if (current) {
      [saved] = await tx.update(resourceChoices).set({ quantity: input.quantity, chosenBy: ctx.actor!.label, updatedAt: ctx.now() }).where(key).returning();
    } else {
      [saved] = await tx
        .insert(resourceChoices)
        .values({ tenantId, titleId: title.id, establishmentId: site.id, level: input.level, quantity: input.quantity, chosenBy: ctx.actor!.label, updatedAt: ctx.now() })
        .onConflictDoUpdate({ target: [resourceChoices.tenantId, resourceChoices.titleId, resourceChoices.establishmentId, resourceChoices.level], set: { quantity: input.quantity, updatedAt: ctx.now() } })
        .returning();
    }
    await recordAudit(ctx, tx, [
      { tenantId, action: 'update', entityType: 'resource_choice', entityId: saved?.id ?? current?.id ?? title.id, before: current ? { quantity: current.quantity } : null, after: { uai: site.uai, title: title.title, level: input.level, quantity: input.quantity } },
    ]);
    return { choice: saved, uai: site.uai, establishmentName: site.name, title };
  });
}
