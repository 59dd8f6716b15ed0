import { z } from 'zod';
import { authorize } from '../../../../server/platform/authz.js';
import type { Ctx } from '../../../../server/platform/context.js';
import { AppError, type ErrorIssue } from '../../../../server/platform/errors.js';
import { createPurchaseOrder } from '../../../marches/index.js';
import { authed, loadDossier } from '../../campaign-access.js';
import { stateLabels } from '../../dossier-states.js';
import { schoolFacts } from '../../routing.js';
import { classLabel } from '../settings.js';

/** The contract lot chosen and, for each device class of the file, the lot's price item it is ordered as. */
export const draftOrderInput = z.object({
  contractId: z.uuid('Marché inconnu.'),
  lotId: z.uuid('Lot inconnu.'),
  items: z.array(z.object({ assetClass: z.string().min(1).max(40), priceItemId: z.uuid('Article inconnu.') })).min(1, 'Associez au moins une classe à un article.').max(20),
  budgetLineId: z.uuid().optional(),
  memberOrganizationId: z.uuid().optional(),
});
export type DraftOrderInput = z.infer<typeof draftOrderInput>;

export const draftOrderSchema = z.object({ orderId: z.uuid(), reference: z.string(), totalExclTaxCents: z.number().int() });

/** An instructor who may also place orders, on an accepted file of a call of the given kind. */
export async function acceptedFileForOrder(ctx: Ctx, dossierId: string) {
  authed(ctx, 'dossier.instruct');
  authorize(ctx.actor, 'order.place');
  const loaded = await loadDossier(ctx, dossierId, 'instruct');
  const { dossier } = loaded;
  if (dossier.state !== 'accepte') throw new AppError('CONFLICT', `Le dossier n° ${dossier.number} est « ${stateLabels[dossier.state]} » : on ne commande que pour un dossier accepté.`);
  return loaded;
}

/**
 * One draft purchase order in the marchés module for a school's quantities per class, each class
 * ordered as the price item the user maps it to. The marchés' own operation checks the lot, the
 * price list in force and the ceilings (409 with what is left).
 */
export async function draftOrderFor(ctx: Ctx, input: { tenantId: string; establishmentId: string; quantities: { assetClass: string; quantity: number }[]; order: DraftOrderInput }) {
  const school = await schoolFacts(ctx.db, input.tenantId, input.establishmentId);
  const itemOf = new Map(input.order.items.map((i) => [i.assetClass, i.priceItemId]));
  const wanted = input.quantities.filter((q) => q.quantity > 0);
  if (!wanted.length) throw new AppError('CONFLICT', 'Aucune quantité accordée : il n’y a rien à commander.');
  const issues: ErrorIssue[] = wanted.flatMap((q) => (itemOf.has(q.assetClass) ? [] : [{ path: 'items', message: `Choisissez l’article du bordereau pour « ${classLabel(q.assetClass)} ».` }]));
  if (issues.length) throw new AppError('VALIDATION', issues[0].message, { issues });
  const order = await createPurchaseOrder(
    ctx,
    {
      contractId: input.order.contractId,
      lotId: input.order.lotId,
      budgetLineId: input.order.budgetLineId,
      memberOrganizationId: input.order.memberOrganizationId,
      lines: wanted.map((q) => ({ priceItemId: itemOf.get(q.assetClass)!, quantity: q.quantity, uai: school.uai })),
    },
    { source: 'renewal' },
  );
  return { orderId: order.id, reference: order.reference, totalExclTaxCents: order.totalExclTaxCents };
}
