import type { Ctx } from '../../../server/platform/context.js';
import { forbidden } from '../../../server/platform/errors.js';
import { followups } from '../db/schema.js';
import { queueNotifications, requesterOf } from '../notifications/queue.js';
import { canHandle } from '../ticket-access.js';
import { actorFields, loadTicket, requireNotClosed, writeTicketChange } from '../ticket-store.js';
import { addFollowupInput, type AddFollowupInput } from './ticket-actions.input.js';

export { addFollowupInput } from './ticket-actions.input.js';

/**
 * A follow-up on a ticket. Public ones may come from anyone who sees the ticket and may comment;
 * private ones only from those who work on it. The requester's side answering a ticket waiting on
 * them gives it back to the desk (the clock resumes). A public follow-up of the desk is
 * notified to the requester (in the app and by mail); a private one never is.
 */
export async function addFollowup(ctx: Ctx, input: { id: string; followup: AddFollowupInput }) {
  const followup = addFollowupInput.parse(input.followup);
  const loaded = await loadTicket(ctx, input.id, { action: 'ticket.comment' });
  const { ticket, access } = loaded;
  const actor = loaded.ctx.actor;
  const handler = canHandle(actor, access);
  if (followup.isPrivate && !handler) throw forbidden('Seul le guichet écrit des suivis privés.');
  requireNotClosed(ticket);
  const who = actorFields(ctx);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(followups)
      .values({ tenantId: ticket.tenantId, ticketId: ticket.id, at: ctx.now(), authorId: who.actorId, authorLabel: who.actorLabel, isPrivate: followup.isPrivate, body: followup.body })
      .returning();
    // the desk answering in public: the requester is told (never for a private follow-up)
    const requester = requesterOf(ticket);
    if (!followup.isPrivate && handler && requester && requester.userId !== who.actorId) {
      await queueNotifications(tx, {
        ticket,
        kind: 'followup',
        at: ctx.now(),
        recipients: [requester],
        subject: `Nouvelle réponse du guichet : ${ticket.title}`,
        body: `${who.actorLabel} a écrit :\n\n${followup.body}`,
      });
    }
    if (ticket.status === 'waiting-requester' && !handler && !followup.isPrivate) {
      await writeTicketChange(ctx, tx, {
        ticket,
        config: loaded.config,
        version: ticket.version,
        changes: { status: 'assigned' },
        events: [{ kind: 'status', status: 'assigned', reason: 'Réponse du demandeur.' }],
      });
    }
    return row;
  });
}
