import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../../server/platform/audit.js';
import type { Ctx } from '../../../../server/platform/context.js';
import { AppError } from '../../../../server/platform/errors.js';
import { lots } from '../../db/schema.js';
import { priceItemsInForce } from '../../price-lists.js';
import { resourceTitles } from '../db/schema.js';
import { createTitleInput, type CreateTitleInput } from '../resource.input.js';
import { contractOfTenant } from '../resource-scope.js';

export { createTitleInput };

/**
 * Adds a title to a resources contract's catalogue. A digital title is ordered on an item of the
 * lot's price list in force today and takes its price from it, so the catalogue and the orders
 * it becomes never disagree; a paper-only title carries its own price.
 */
export async function createResourceTitle(ctx: Ctx, input: CreateTitleInput) {
  const contract = await contractOfTenant(ctx, input.contractId, 'resource.manage');
  const tenantId = ctx.actor!.tenantId;
  const [lot] = await ctx.db.select({ id: lots.id }).from(lots).where(and(eq(lots.tenantId, tenantId), eq(lots.id, input.lotId), eq(lots.contractId, contract.id)));
  if (!lot) throw new AppError('VALIDATION', 'Ce lot n’appartient pas au marché indiqué.', { issues: [{ path: 'lotId', message: 'Lot d’un autre marché.' }] });
  let price = input.pricePerLicenceCents ?? 0;
  if (input.digital) {
    const items = await priceItemsInForce(ctx, tenantId, lot.id, ctx.now().toISOString().slice(0, 10));
    const item = items.find((i) => i.id === input.priceItemId);
    if (!item) throw new AppError('VALIDATION', 'Cet article n’est pas au bordereau en vigueur du lot.', { issues: [{ path: 'priceItemId', message: 'Article hors bordereau.' }] });
    price = item.unitPriceExclTaxCents;
  }
  return ctx.db.transaction(async (tx) => {
  const [created] = await tx
    .insert(resourceTitles)
    .values({
      tenantId,
      contractId: contract.id,
      lotId: lot.id,
      priceItemId: input.digital ? input.priceItemId! : null,
      title: input.title,
      publisher: input.publisher,
      levels: input.levels,
      pricePerLicenceCents: price,
      throughGar: input.throughGar,
      digital: input.digital,
    })
    .returning();
  await recordAudit(ctx, tx, [{ tenantId, action: 'create', entityType: 'resource_title', entityId: created.id, after: { contract: contract.reference, title: created.title } }]);
  return created;
  });
}
