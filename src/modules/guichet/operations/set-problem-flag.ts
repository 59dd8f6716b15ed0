import type { Ctx } from '../../../server/platform/context.js';
import type { VersionedUpdateInput } from '../../../server/platform/versioned-update.js';
import type { TicketRow } from '../db/schema.js';
import { loadTicket, requireVersion, writeTicketChange } from '../ticket-store.js';
import { type SetProblemFlagInput } from './ticket-actions.input.js';

export { setProblemFlagInput } from './ticket-actions.input.js';

/** The desk flags a ticket as a problem to investigate, or clears the flag (repeated failures set it automatically). */
export async function setProblemFlag(ctx: Ctx, input: VersionedUpdateInput<SetProblemFlagInput>): Promise<TicketRow> {
  const { ticket, config } = await loadTicket(ctx, input.id, { action: 'ticket.handle', handle: true });
  requireVersion(ticket, input.changes.version);
  return ctx.db.transaction((tx) =>
    writeTicketChange(ctx, tx, {
      ticket,
      config,
      version: input.changes.version,
      changes: { problemFlag: input.changes.flagged },
      events: [{ kind: 'problem', reason: input.changes.reason, details: { flagged: input.changes.flagged, automatic: false } }],
    }),
  );
}
