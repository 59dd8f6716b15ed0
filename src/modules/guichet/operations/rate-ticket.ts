import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../../server/platform/context.js';
import { AppError, forbidden } from '../../../server/platform/errors.js';
import { ticketEvents, tickets } from '../db/schema.js';
import { isRequesterSide } from '../ticket-access.js';
import { actorFields, loadTicket } from '../ticket-store.js';

export const rateTicketInput = z.object({
  rating: z.number().int().min(1, 'De 1 (pas du tout satisfait) à 5 (très satisfait).').max(5, 'De 1 (pas du tout satisfait) à 5 (très satisfait).'),
  comment: z.string().trim().max(2000).optional(),
});
export type RateTicketInput = z.infer<typeof rateTicketInput>;

/**
 * The requester's satisfaction with a solved or closed ticket (the survey). Rating again replaces
 * the previous answer. It does not change the ticket's version: it never conflicts with the desk.
 */
export async function rateTicket(ctx: Ctx, input: { id: string; rating: RateTicketInput }) {
  const loaded = await loadTicket(ctx, input.id, { action: 'ticket.read' });
  const { ticket } = loaded;
  if (!isRequesterSide(loaded.ctx.actor, loaded.scope, loaded.access)) throw forbidden('Seul le demandeur, ou la direction de l’établissement, donne son avis.');
  if (ticket.status !== 'solved' && ticket.status !== 'closed') throw new AppError('CONFLICT', 'On donne son avis une fois le ticket résolu.');
  return ctx.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(tickets)
      .set({ satisfaction: input.rating.rating, satisfactionComment: input.rating.comment ?? null })
      .where(and(eq(tickets.tenantId, ticket.tenantId), eq(tickets.id, ticket.id)))
      .returning();
    await tx.insert(ticketEvents).values({
      tenantId: ticket.tenantId,
      ticketId: ticket.id,
      at: ctx.now(),
      kind: 'satisfaction',
      ...actorFields(ctx),
      details: { rating: input.rating.rating },
    });
    return updated;
  });
}
