/** Words of the service desk: ticket statuses, types, channels, levels, priorities, and their French labels. */

export const ticketStatuses = ['new', 'assigned', 'planned', 'in-progress', 'waiting-requester', 'waiting-third-party', 'solved', 'closed', 'reopened'] as const;
export type TicketStatus = (typeof ticketStatuses)[number];

export const ticketStatusLabels: Record<TicketStatus, string> = {
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

export const ticketTypes = ['incident', 'request'] as const;
export type TicketType = (typeof ticketTypes)[number];
export const ticketTypeLabels: Record<TicketType, string> = { incident: 'Incident', request: 'Demande' };

/** How a ticket came in: the web form, the hotline, an integration, an e-mail, level 0 on site. */
export const channels = ['web', 'phone', 'api', 'email', 'onsite'] as const;
export type Channel = (typeof channels)[number];
export const channelLabels: Record<Channel, string> = {
  web: 'Formulaire web',
  phone: 'Téléphone (hotline)',
  api: 'API',
  email: 'Courriel',
  onsite: 'Sur site (niveau 0)',
};

export const supportLevelLabels: Record<number, string> = {
  0: 'Niveau 0 (sur site)',
  1: 'Niveau 1 (technicien de secteur)',
  2: 'Niveau 2 (expert régional)',
  3: 'Niveau 3 (prestataire, constructeur)',
};

/** Urgency (feminine) and impact (masculine), 1 very low … 5 very high; priority 6 is a major incident. */
export const urgencyLabels: Record<number, string> = { 1: 'Très basse', 2: 'Basse', 3: 'Moyenne', 4: 'Haute', 5: 'Très haute' };
export const impactLabels: Record<number, string> = { 1: 'Très bas', 2: 'Bas', 3: 'Moyen', 4: 'Haut', 5: 'Très haut' };
export const priorityLabels: Record<number, string> = { ...urgencyLabels, 6: 'Majeure' };
