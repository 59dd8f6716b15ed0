import { ticketStatuses, type TicketStatus } from './sla/index.js';

/** The words of the service desk: ticket types, channels, statuses, and their French labels. */

export const ticketTypes = ['incident', 'request'] as const;
export type TicketType = (typeof ticketTypes)[number];

/** How a ticket came in: the web form, the hotline, an integration, an e-mail (intake to come), level 0 on site. */
export const channels = ['web', 'phone', 'api', 'email', 'onsite'] as const;
export type Channel = (typeof channels)[number];

export { ticketStatuses, type TicketStatus };

/** Statuses where the desk still has work to do. */
export const openStatuses: readonly TicketStatus[] = ticketStatuses.filter((s) => s !== 'solved' && s !== 'closed');
export const isOpen = (status: string) => status !== 'solved' && status !== 'closed';

/** The service-level category key of a ticket without a category (triage). Category keys never contain "_". */
export const TRIAGE_KEY = '_triage';

export const categoryKeyPattern = /^[a-z0-9][a-z0-9-]{0,62}$/;

export const ticketTypeLabels: Record<TicketType, string> = { incident: 'Incident', request: 'Demande' };

export const channelLabels: Record<Channel, string> = {
  web: 'Formulaire web',
  phone: 'Téléphone (hotline)',
  api: 'API',
  email: 'Courriel',
  onsite: 'Sur site (niveau 0)',
};

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

export const levelLabels: Record<number, string> = {
  0: 'Niveau 0 (sur site)',
  1: 'Niveau 1 (technicien de secteur)',
  2: 'Niveau 2 (expert régional)',
  3: 'Niveau 3 (prestataire, constructeur)',
};

/** Staff functions that see every ticket of their school; the others see their own and the school's public ones. */
export const schoolManagerFunctions = ['head', 'digital-referent'] as const;
