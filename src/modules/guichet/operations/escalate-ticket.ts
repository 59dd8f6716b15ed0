import type { Ctx } from '../../../server/platform/context.js';
import type { VersionedUpdateInput } from '../../../server/platform/versioned-update.js';
import { AppError } from '../../../server/platform/errors.js';
import type { TicketRow } from '../db/schema.js';
import { queueNotifications, teamRecipients } from '../notifications/queue.js';
import { routeToLevel } from '../routing.js';
import { loadTicket, requireOpen, requireVersion, writeTicketChange } from '../ticket-store.js';
import { levelLabels } from '../vocabulary.js';
import { type EscalateTicketInput } from './ticket-actions.input.js';

export { escalateTicketInput } from './ticket-actions.input.js';

/**
 * Escalation (level 1 → regional experts → contractors) and de-escalation, with a reason kept in
 * the history. The ticket goes to the team of that level for its school and category, in the
 * same scope (an Académie ticket stays with the Académie's teams); the person in charge is
 * cleared, the status kept. No team at any level in that direction: 409, nothing changes.
 */
export async function escalateTicket(ctx: Ctx, input: VersionedUpdateInput<EscalateTicketInput>): Promise<TicketRow> {
  const loaded = await loadTicket(ctx, input.id, { action: 'ticket.handle', handle: true });
  const { ticket, config, school } = loaded;
  const change = input.changes;
  requireVersion(ticket, change.version);
  requireOpen(ticket);
  const up = change.direction === 'up';
  const to = change.level ?? ticket.level + (up ? 1 : -1);
  if (up ? to <= ticket.level : to >= ticket.level) {
    throw new AppError('VALIDATION', up ? `Le ticket est déjà au niveau ${ticket.level} : escaladez vers un niveau supérieur.` : `Le ticket est au niveau ${ticket.level} : désescaladez vers un niveau inférieur.`, {
      issues: [{ path: 'level', message: 'Niveau incompatible avec le sens demandé.' }],
    });
  }
  if (to < 0 || to > 3) throw new AppError('CONFLICT', up ? 'Le ticket est déjà au niveau le plus haut (3).' : 'Le ticket est déjà au niveau 0.');
  const target = routeToLevel(config, { from: ticket.level, to, category: ticket.category, responsibleOrgId: ticket.responsibleOrgId, school });
  if (!target) {
    throw new AppError('CONFLICT', `Aucune équipe de ${up ? 'niveau supérieur' : 'niveau inférieur'} ne prend cette catégorie pour cet établissement.`);
  }
  return ctx.db.transaction(async (tx) => {
    const updated = await writeTicketChange(ctx, tx, {
      ticket,
      config,
      version: change.version,
      changes: { level: target.level, assignedTeamId: target.team.id, assignedOrgId: target.team.organizationId, assignedUserId: null },
      events: [
        {
          kind: up ? 'escalation' : 'de-escalation',
          level: target.level,
          teamId: target.team.id,
          reason: change.reason,
          details: { from: ticket.level, to: target.level, fromTeamId: ticket.assignedTeamId, label: `${levelLabels[ticket.level]} → ${levelLabels[target.level]}` },
        },
      ],
    });
    // the team that receives the ticket is told (the reason is the desk's, shown to the desk only)
    await queueNotifications(tx, {
      ticket: updated,
      kind: 'escalated',
      at: ctx.now(),
      recipients: await teamRecipients(tx, config, { tenantId: updated.tenantId, teamId: target.team.id, schoolUnitId: school.unitId }),
      subject: `Ticket ${up ? 'escaladé' : 'désescaladé'} vers votre équipe (${target.team.name}) : ${updated.title}`,
      body: `${levelLabels[ticket.level]} → ${levelLabels[target.level]}\nMotif : ${change.reason}\n\n${updated.title}\n${school.name} (${school.uai})`,
    });
    return updated;
  });
}
