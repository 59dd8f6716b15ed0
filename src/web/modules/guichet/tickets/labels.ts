/** French words of the service desk that the web shows before the server answers (filters, forms). */

import { impactLabels, priorityLabels, supportLevelLabels, ticketStatusLabels, ticketStatuses, ticketTypeLabels, urgencyLabels, type TicketStatus } from '../../../../shared/desk';

// written once in src/shared/desk.ts, with the server's presenters and exports
export { impactLabels, priorityLabels, ticketStatuses, urgencyLabels, type TicketStatus };
export const statusLabels: Record<string, string> = ticketStatusLabels;
export const typeLabels = ticketTypeLabels;
export const levelLabels = supportLevelLabels;

export const statusColors: Record<string, string> = {
  new: 'blue',
  assigned: 'indigo',
  planned: 'violet',
  'in-progress': 'cyan',
  'waiting-requester': 'yellow',
  'waiting-third-party': 'yellow',
  solved: 'teal',
  closed: 'gray',
  reopened: 'orange',
};

export const priorityColors: Record<number, string> = { 1: 'gray', 2: 'blue', 3: 'yellow', 4: 'orange', 5: 'red', 6: 'grape' };

export const eventKindLabels: Record<string, string> = {
  created: 'Ouverture',
  status: 'Changement de statut',
  assignment: 'Attribution',
  qualification: 'Qualification',
  escalation: 'Escalade',
  'de-escalation': 'Désescalade',
  'major-link': 'Rattachement à un incident majeur',
  'major-unlink': 'Détachement de l’incident majeur',
  problem: 'Problème',
  solution: 'Solution',
  approval: 'Réponse du demandeur',
  satisfaction: 'Satisfaction',
  followup: 'Suivi',
};

export const eventKindLabel = (kind: string) => eventKindLabels[kind] ?? kind.charAt(0).toUpperCase() + kind.slice(1).replace(/-/g, ' ');

export const ratingLabels: Record<number, string> = { 1: 'Pas du tout satisfait', 2: 'Peu satisfait', 3: 'Moyennement satisfait', 4: 'Satisfait', 5: 'Très satisfait' };

/** A duration in business minutes, in words: « 3 h 20 min », « 45 min ». */
export function formatMinutes(minutes: number): string {
  const m = Math.abs(Math.round(minutes));
  const h = Math.floor(m / 60);
  const rest = m % 60;
  if (h === 0) return `${rest} min`;
  return rest === 0 ? `${h} h` : `${h} h ${String(rest).padStart(2, '0')} min`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} o`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Ko`;
  return `${(bytes / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
}
