import {
  channelLabels,
  channels,
  supportLevelLabels,
  ticketStatusLabels,
  ticketStatuses,
  ticketTypeLabels,
  ticketTypes,
  type Channel,
  type TicketStatus,
  type TicketType,
} from '../../shared/desk.js';

/** The words of the service desk: ticket types, channels, statuses, and their French labels. */

// written once in src/shared/desk.ts: the web's filters and forms show the same words
export { channelLabels, channels, ticketStatuses, ticketTypeLabels, ticketTypes, type Channel, type TicketStatus, type TicketType };
export const statusLabels = ticketStatusLabels;
export const levelLabels = supportLevelLabels;

/** Statuses where the desk still has work to do. */
export const openStatuses: readonly TicketStatus[] = ticketStatuses.filter((s) => s !== 'solved' && s !== 'closed');
export const isOpen = (status: string) => status !== 'solved' && status !== 'closed';

/** The service-level category key of a ticket without a category (triage). Category keys never contain "_". */
export const TRIAGE_KEY = '_triage';

export const categoryKeyPattern = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** Staff functions that see every ticket of their school; the others see their own and the school's public ones. */
export const schoolManagerFunctions = ['head', 'digital-referent'] as const;
