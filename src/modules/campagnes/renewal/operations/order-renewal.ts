import { and, eq, isNull } from 'drizzle-orm';
import type { Ctx } from '../../../../server/platform/context.js';
import { AppError } from '../../../../server/platform/errors.js';
import { renewalRequests } from '../db/schema.js';
import { requestsOf } from '../renewal-store.js';
import { assertRenewalCall } from '../settings.js';
import { acceptedFileForOrder, draftOrderFor, type DraftOrderInput } from './draft-order.js';

/**
 * The granted quantities of an accepted renewal file become one draft order, once: the file is
 * claimed first (a second click, or a colleague's, gets 409), and released if marchés refuses.
 */
export async function orderRenewal(ctx: Ctx, dossierId: string, input: DraftOrderInput) {
  const { dossier, campaign } = await acceptedFileForOrder(ctx, dossierId);
  assertRenewalCall(campaign);
  const found = (await requestsOf(ctx.db, dossier.tenantId, [dossier.id])).get(dossier.id);
  if (!found) throw new AppError('CONFLICT', `Le dossier n° ${dossier.number} ne demande rien : il n’y a rien à commander.`);
  const key = and(eq(renewalRequests.tenantId, dossier.tenantId), eq(renewalRequests.dossierId, dossier.id));
  const [claimed] = await ctx.db.update(renewalRequests).set({ orderedAt: ctx.now() }).where(and(key, isNull(renewalRequests.orderedAt))).returning();
  if (!claimed) throw new AppError('CONFLICT', `Une commande a déjà été préparée pour le dossier n° ${dossier.number}${found.request.orderReference ? ` (${found.request.orderReference})` : ''}.`);
  try {
    const order = await draftOrderFor(ctx, {
      tenantId: dossier.tenantId,
      establishmentId: dossier.establishmentId!,
      quantities: found.lines.map((l) => ({ assetClass: l.assetClass, quantity: l.granted ?? 0 })),
      order: input,
    });
    await ctx.db.update(renewalRequests).set({ orderId: order.orderId, orderReference: order.reference }).where(key);
    return order;
  } catch (error) {
    await ctx.db.update(renewalRequests).set({ orderedAt: null }).where(key);
    throw error;
  }
}
