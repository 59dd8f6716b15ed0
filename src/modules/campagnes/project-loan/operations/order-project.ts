import { and, eq, isNull } from 'drizzle-orm';
import type { Ctx } from '../../../../server/platform/context.js';
import { AppError } from '../../../../server/platform/errors.js';
import { acceptedFileForOrder, draftOrderFor, type DraftOrderInput } from '../../renewal/operations/draft-order.js';
import { projectLoans } from '../db/schema.js';
import { assertProjectCall, projectOf } from '../project-store.js';

/** An accepted project's devices become one draft order (to buy them, or to replenish the stock lent), once. */
export async function orderProject(ctx: Ctx, dossierId: string, input: DraftOrderInput) {
  const { dossier, campaign } = await acceptedFileForOrder(ctx, dossierId);
  assertProjectCall(campaign);
  const project = await projectOf(ctx.db, dossier.tenantId, dossier.id);
  if (!project) throw new AppError('CONFLICT', `Le dossier n° ${dossier.number} ne décrit aucun projet : il n’y a rien à commander.`);
  const key = and(eq(projectLoans.tenantId, dossier.tenantId), eq(projectLoans.dossierId, dossier.id));
  const [claimed] = await ctx.db.update(projectLoans).set({ orderedAt: ctx.now() }).where(and(key, isNull(projectLoans.orderedAt))).returning();
  if (!claimed) throw new AppError('CONFLICT', `Une commande a déjà été préparée pour le dossier n° ${dossier.number}${project.orderReference ? ` (${project.orderReference})` : ''}.`);
  try {
    const order = await draftOrderFor(ctx, {
      tenantId: dossier.tenantId,
      establishmentId: dossier.establishmentId!,
      quantities: [{ assetClass: project.assetClass, quantity: project.quantity }],
      order: input,
    });
    await ctx.db.update(projectLoans).set({ orderId: order.orderId, orderReference: order.reference }).where(key);
    return order;
  } catch (error) {
    await ctx.db.update(projectLoans).set({ orderedAt: null }).where(key);
    throw error;
  }
}
