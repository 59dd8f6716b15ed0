import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../../server/platform/context.js';
import type { VersionedUpdateInput } from '../../../server/platform/versioned-update.js';
import { AppError, forbidden } from '../../../server/platform/errors.js';
import { followups, type TicketRow } from '../db/schema.js';
import { supportTeams } from '../db/schema.js';
import { personInTenant } from '../school-lookups.js';
import { solveTicket } from '../solve.js';
import { canHandle, isRequesterSide } from '../ticket-access.js';
import { actorFields, loadTicket, requireOpen, requireVersion, writeTicketChange, type LoadedTicket, type NewEvent } from '../ticket-store.js';
import { type ChangeTicketStatusInput } from './ticket-actions.input.js';

export { changeTicketStatusInput } from './ticket-actions.input.js';

const deskRoles = new Set(['authority-admin', 'technician', 'academy-staff', 'contractor']);
const invalid = (path: string, message: string) => new AppError('VALIDATION', message, { issues: [{ path, message }] });

/**
 * The status machine. Desk actions (assign, plan, start, wait, solve, close) need the ticket in
 * the actor's handling scope and the ticket open (close: solved). Reopening a solved ticket is
 * for the desk and for the requester's side, with a reason kept as a public follow-up.
 */
export async function changeTicketStatus(ctx: Ctx, input: VersionedUpdateInput<ChangeTicketStatusInput>): Promise<TicketRow> {
  const change = input.changes;
  const reopening = change.action === 'reopen';
  const loaded = await loadTicket(ctx, input.id, { action: reopening ? 'ticket.read' : 'ticket.handle', handle: !reopening });
  const { ticket } = loaded;
  if (reopening && !canHandle(loaded.ctx.actor, loaded.access) && !isRequesterSide(loaded.ctx.actor, loaded.scope, loaded.access)) throw forbidden();
  requireVersion(ticket, change.version);
  // read before the transaction: on PGlite a query outside it would wait for it forever
  const target = change.action === 'assign' ? await assignment(ctx, loaded, change) : null;

  return ctx.db.transaction(async (tx) => {
    const write = (changes: Partial<TicketRow>, events: NewEvent[]) =>
      writeTicketChange(ctx, tx, { ticket, config: loaded.config, version: change.version, changes, events });
    const note = async (body: string, isPrivate: boolean) => {
      const who = actorFields(ctx);
      await tx.insert(followups).values({ tenantId: ticket.tenantId, ticketId: ticket.id, at: ctx.now(), authorId: who.actorId, authorLabel: who.actorLabel, isPrivate, body });
    };
    switch (change.action) {
      case 'assign': {
        requireOpen(ticket);
        if (!target) throw new Error('assignment not resolved');
        return write(
          { status: 'assigned', assignedTeamId: target.teamId, assignedOrgId: target.orgId, assignedUserId: target.userId, level: target.level },
          [{ kind: 'assignment', status: 'assigned', teamId: target.teamId, level: target.level, details: { assigneeId: target.userId } }],
        );
      }
      case 'plan':
        requireOpen(ticket);
        return write({ status: 'planned', plannedFor: new Date(change.plannedFor) }, [{ kind: 'status', status: 'planned', details: { plannedFor: change.plannedFor } }]);
      case 'start':
        requireOpen(ticket);
        return write({ status: 'in-progress' }, [{ kind: 'status', status: 'in-progress' }]);
      case 'wait': {
        requireOpen(ticket);
        const status = change.on === 'requester' ? 'waiting-requester' : 'waiting-third-party';
        await note(change.message, change.on !== 'requester');
        return write({ status }, [{ kind: 'status', status, reason: change.message }]);
      }
      case 'solve':
        requireOpen(ticket, 'Ce ticket est déjà résolu ou clos.');
        return solveTicket(ctx, tx, { ticket, config: loaded.config, version: change.version, solution: change.solution });
      case 'close':
        if (ticket.status !== 'solved') throw new AppError('CONFLICT', 'Seul un ticket résolu peut être clos.');
        return write({ status: 'closed', closedAt: ctx.now() }, [{ kind: 'status', status: 'closed' }]);
      case 'reopen':
        if (ticket.status !== 'solved') {
          throw new AppError('CONFLICT', ticket.status === 'closed' ? 'Un ticket clos ne se rouvre pas : ouvrez-en un nouveau.' : "Ce ticket n'est pas résolu.");
        }
        await note(`Réouverture : ${change.reason}`, false);
        return write({ status: 'reopened', solvedAt: null }, [{ kind: 'status', status: 'reopened', reason: change.reason }]);
    }
  });
}

async function assignment(ctx: Ctx, loaded: LoadedTicket, change: Extract<ChangeTicketStatusInput, { action: 'assign' }>) {
  const { ticket } = loaded;
  let teamId = ticket.assignedTeamId;
  let orgId = ticket.assignedOrgId;
  let level = ticket.level;
  if (change.teamId) {
    const [team] = await ctx.db
      .select()
      .from(supportTeams)
      .where(and(eq(supportTeams.tenantId, ticket.tenantId), eq(supportTeams.id, change.teamId), eq(supportTeams.active, true)));
    if (!team) throw invalid('teamId', 'Équipe inconnue ou inactive.');
    teamId = team.id;
    orgId = team.organizationId;
    level = team.level;
  }
  let userId: string | null = change.teamId && change.teamId !== ticket.assignedTeamId ? null : ticket.assignedUserId;
  if (change.assigneeId) {
    const person = await personInTenant(ctx.db, ticket.tenantId, change.assigneeId);
    if (!person || !person.roles.some((r) => deskRoles.has(r))) throw invalid('assigneeId', "Cette personne n'est pas du guichet de la collectivité.");
    userId = person.id;
  } else if (!change.teamId) {
    if (ctx.actor!.kind !== 'user') throw invalid('assigneeId', 'Indiquez une équipe ou une personne.');
    userId = ctx.actor!.id;
  }
  return { teamId, orgId, userId, level };
}
