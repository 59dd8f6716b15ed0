import type { ExportColumn } from '../../server/platform/export.js';
import type { TicketRow } from './db/schema.js';
import type { DeskConfig } from './desk-config.js';
import { priorityLabel, type Priority } from './sla/index.js';
import { channelLabels, statusLabels, ticketTypeLabels, type Channel, type TicketStatus, type TicketType } from './vocabulary.js';
import { displayName } from '../../shared/display-name.js';

/**
 * The columns of a ticket export: the ticket's own fields only. Follow-ups are never exported,
 * so a private one cannot leave the desk through a spreadsheet; the solution is public.
 */

export interface ExportedTicket {
  ticket: TicketRow;
  uai: string;
  establishmentName: string;
}

const paris = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' });
const when = (d: Date | null) => (d ? paris.format(d) : null);

export function ticketColumns(config: DeskConfig): ExportColumn<ExportedTicket>[] {
  const team = (id: string | null) => (id ? (config.teamsById.get(id)?.name ?? null) : null);
  return [
    { header: 'Numéro', value: (r) => r.ticket.number },
    { header: 'Type', value: (r) => ticketTypeLabels[r.ticket.type as TicketType] ?? r.ticket.type },
    { header: 'Titre', value: (r) => r.ticket.title },
    { header: 'Description', value: (r) => r.ticket.description },
    { header: 'Statut', value: (r) => statusLabels[r.ticket.status as TicketStatus] ?? r.ticket.status },
    { header: 'Priorité', value: (r) => priorityLabel(r.ticket.priority as Priority) },
    { header: 'Urgence', value: (r) => r.ticket.urgency },
    { header: 'Impact', value: (r) => r.ticket.impact },
    { header: 'Catégorie', value: (r) => (r.ticket.category ? (config.categories.get(r.ticket.category)?.label ?? r.ticket.category) : 'À qualifier') },
    { header: 'UAI', value: (r) => r.uai },
    { header: 'Établissement', value: (r) => displayName(r.establishmentName) },
    { header: 'Salle', value: (r) => r.ticket.roomLabel },
    { header: 'Demandeur', value: (r) => r.ticket.requesterName },
    { header: 'Canal', value: (r) => channelLabels[r.ticket.channel as Channel] ?? r.ticket.channel },
    { header: 'Niveau', value: (r) => r.ticket.level },
    { header: 'Équipe', value: (r) => team(r.ticket.assignedTeamId) },
    { header: 'Ouvert le', value: (r) => when(r.ticket.openedAt) },
    { header: 'Échéance de prise en charge', value: (r) => when(r.ticket.dueToOwn) },
    { header: 'Échéance de résolution', value: (r) => when(r.ticket.dueToResolve) },
    { header: 'Résolu le', value: (r) => when(r.ticket.solvedAt) },
    { header: 'Clos le', value: (r) => when(r.ticket.closedAt) },
    { header: 'Solution', value: (r) => r.ticket.solution },
    { header: 'Satisfaction (1 à 5)', value: (r) => r.ticket.satisfaction },
    { header: 'Problème à investiguer', value: (r) => (r.ticket.problemFlag ? 'oui' : 'non') },
    { header: 'Incident majeur', value: (r) => (r.ticket.priority === 6 ? 'oui' : 'non') },
  ];
}
