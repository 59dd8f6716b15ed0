import { and, count, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../../server/platform/context.js';
import { AppError } from '../../../server/platform/errors.js';
import { tickets, type TicketRow } from '../db/schema.js';
import { loadTicket, requireOpen, requireVersion, writeTicketChange } from '../ticket-store.js';

export const linkMajorIncidentInput = z.object({
  version: z.number().int().min(1),
  /** The major incident (priority "major") this ticket is one site of; null unlinks it. */
  majorId: z.uuid().nullable(),
});
export type LinkMajorIncidentInput = z.infer<typeof linkMajorIncidentInput>;

const invalid = (message: string) => new AppError('VALIDATION', message, { issues: [{ path: 'majorId', message }] });

/**
 * Links a ticket to a major incident (an internet provider down in 40 schools): solving the major
 * solves it and tells its requester. Both tickets must be open and in the actor's hands; a major
 * incident is not itself linked, and its sites do not have sites of their own.
 */
export async function linkMajorIncident(ctx: Ctx, input: { id: string; link: LinkMajorIncidentInput }): Promise<TicketRow> {
  const loaded = await loadTicket(ctx, input.id, { action: 'ticket.handle', handle: true });
  const { ticket, config } = loaded;
  const { version, majorId } = input.link;
  requireVersion(ticket, version);
  requireOpen(ticket);
  if (majorId === null) {
    if (!ticket.parentId) return ticket;
  } else {
    if (majorId === ticket.id) throw invalid('Un ticket ne se rattache pas à lui-même.');
    const major = await loadTicket(ctx, majorId, { action: 'ticket.handle', handle: true }).catch((error: AppError) => {
      throw error.code === 'NOT_FOUND' ? invalid('Incident majeur introuvable.') : error;
    });
    if (major.ticket.priority !== 6) throw invalid("Ce ticket n'est pas un incident majeur : qualifiez-le en priorité majeure d'abord.");
    if (major.ticket.parentId) throw invalid('Cet incident majeur est lui-même rattaché à un autre.');
    requireOpen(major.ticket, "L'incident majeur est déjà résolu.");
    const [{ children }] = await ctx.db
      .select({ children: count() })
      .from(tickets)
      .where(and(eq(tickets.tenantId, ticket.tenantId), eq(tickets.parentId, ticket.id)));
    if (children > 0) throw new AppError('CONFLICT', "Ce ticket est un incident majeur avec des sites rattachés : il ne se rattache pas à un autre.");
  }
  return ctx.db.transaction((tx) =>
    writeTicketChange(ctx, tx, {
      ticket,
      config,
      version,
      changes: { parentId: majorId },
      events: [{ kind: majorId ? 'major-link' : 'major-unlink', details: { majorId: majorId ?? ticket.parentId } }],
    }),
  );
}
