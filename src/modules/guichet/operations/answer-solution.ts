import { z } from 'zod';
import type { Ctx } from '../../../server/platform/context.js';
import type { VersionedUpdateInput } from '../../../server/platform/versioned-update.js';
import { AppError, forbidden } from '../../../server/platform/errors.js';
import { followups, type TicketRow } from '../db/schema.js';
import { isRequesterSide } from '../ticket-access.js';
import { actorFields, loadTicket, requireVersion, writeTicketChange } from '../ticket-store.js';

export const answerSolutionInput = z
  .object({
    version: z.number().int().min(1),
    decision: z.enum(['accept', 'refuse']),
    /** Why the solution does not work: required to refuse, kept as a public follow-up. */
    comment: z.string().trim().max(5000).optional(),
    /** Satisfaction with the answer, 1 (not at all) to 5 (very), optional. */
    rating: z.number().int().min(1).max(5).optional(),
  })
  .refine((a) => a.decision === 'accept' || (a.comment ?? '').length >= 3, {
    path: ['comment'],
    message: 'Dites pourquoi la solution ne convient pas (3 caractères au moins).',
  });
export type AnswerSolutionInput = z.infer<typeof answerSolutionInput>;

/**
 * The requester's side answers a solution: accepting closes the ticket (with an optional
 * rating), refusing reopens it with the reason as a public follow-up; the clock resumes where it
 * stopped (see sla/clock.ts, rule 4).
 */
export async function answerSolution(ctx: Ctx, input: VersionedUpdateInput<AnswerSolutionInput>): Promise<TicketRow> {
  const answer = input.changes;
  const loaded = await loadTicket(ctx, input.id, { action: 'ticket.read' });
  const { ticket } = loaded;
  if (!isRequesterSide(loaded.ctx.actor, loaded.scope, loaded.access)) throw forbidden('Seul le demandeur, ou la direction de l’établissement, répond à la solution.');
  requireVersion(ticket, answer.version);
  if (ticket.status !== 'solved') throw new AppError('CONFLICT', 'Ce ticket n’attend pas de réponse à une solution.');
  return ctx.db.transaction(async (tx) => {
    const accepted = answer.decision === 'accept';
    if (!accepted) {
      const who = actorFields(ctx);
      await tx.insert(followups).values({
        tenantId: ticket.tenantId,
        ticketId: ticket.id,
        at: ctx.now(),
        authorId: who.actorId,
        authorLabel: who.actorLabel,
        isPrivate: false,
        body: `Solution refusée : ${answer.comment}`,
      });
    }
    return writeTicketChange(ctx, tx, {
      ticket,
      config: loaded.config,
      version: answer.version,
      changes: accepted
        ? { status: 'closed', closedAt: ctx.now(), ...(answer.rating ? { satisfaction: answer.rating } : {}) }
        : { status: 'reopened', solvedAt: null },
      events: [{ kind: 'approval', status: accepted ? 'closed' : 'reopened', reason: answer.comment ?? null, details: { accepted, rating: answer.rating ?? null } }],
    });
  });
}
