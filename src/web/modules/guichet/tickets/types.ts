import type { BodyOf, ItemOf, ResponseOf } from '../../../api/types';

/** Shapes of the tickets API, named from the generated contract (src/web/api/schema.d.ts). */
export type TicketSummary = ItemOf<ResponseOf<'/api/tickets'>['items']>;
export type TicketDetail = ResponseOf<'/api/tickets/{id}'>;
export type TeamRef = NonNullable<TicketDetail['assignedTeam']>;
export type ClockReading = TicketDetail['sla']['own'];
export type TicketPermissions = TicketDetail['permissions'];
export type Followup = ItemOf<TicketDetail['followups']>;
export type Attachment = ItemOf<TicketDetail['attachments']>;
export type HistoryEvent = ItemOf<TicketDetail['history']>;
export type TicketCategory = ItemOf<ResponseOf<'/api/desk/categories'>['items']>;
export type SupportTeam = ItemOf<ResponseOf<'/api/desk/teams'>['items']>;
export type Assignee = ItemOf<ResponseOf<'/api/desk/assignees'>['items']>;
export type NewTicket = BodyOf<'/api/tickets', 'post'>;
