/** French words of the service desk that the web shows before the server answers (filters, forms). */

export const ticketStatuses = ['new', 'assigned', 'planned', 'in-progress', 'waiting-requester', 'waiting-third-party', 'solved', 'closed', 'reopened'] as const;
export type TicketStatus = (typeof ticketStatuses)[number];

export const statusLabels: Record<TicketStatus, string> = {
  new: 'Nouveau',
  assigned: 'Attribué',
  planned: 'Planifié',
  'in-progress': 'En cours',
  'waiting-requester': 'En attente du demandeur',
  'waiting-third-party': "En attente d'un tiers",
  solved: 'Résolu',
  closed: 'Clos',
  reopened: 'Rouvert',
};

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

export const typeLabels = { incident: 'Incident', request: 'Demande' } as const;

/** Urgency (feminine) and impact (masculine), 1 very low … 5 very high, as the API's labels. */
export const urgencyLabels: Record<number, string> = { 1: 'Très basse', 2: 'Basse', 3: 'Moyenne', 4: 'Haute', 5: 'Très haute' };
export const impactLabels: Record<number, string> = { 1: 'Très bas', 2: 'Bas', 3: 'Moyen', 4: 'Haut', 5: 'Très haut' };
export const priorityLabels: Record<number, string> = { ...urgencyLabels, 6: 'Majeure' };
export const priorityColors: Record<number, string> = { 1: 'gray', 2: 'blue', 3: 'yellow', 4: 'orange', 5: 'red', 6: 'grape' };

export const levelLabels: Record<number, string> = {
  0: 'Niveau 0 (sur site)',
  1: 'Niveau 1 (technicien de secteur)',
  2: 'Niveau 2 (expert régional)',
  3: 'Niveau 3 (prestataire, constructeur)',
};

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
