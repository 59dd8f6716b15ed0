/** The service desk's API shapes, as src/modules/guichet/presenters/ writes them. */

export interface Page<T> {
  items: T[];
  total: number;
}

export interface TeamRef {
  id: string;
  name: string;
  level: number;
  organizationId: string;
  organizationName: string | null;
}

export interface TicketBase {
  id: string;
  number: number;
  type: 'incident' | 'request';
  typeLabel: string;
  title: string;
  status: string;
  statusLabel: string;
  /** 1 very low … 5 very high, 6 major. */
  priority: number;
  priorityLabel: string;
  urgency: number;
  impact: number;
  category: { key: string; label: string } | null;
  establishment: { id: string; uai: string; name: string };
  channel: string;
  level: number;
  levelLabel: string;
  assignedTeam: TeamRef | null;
  assignedUserId: string | null;
  requesterName: string;
  openedAt: string;
  updatedAt: string;
  problemFlag: boolean;
  isMajor: boolean;
  parentId: string | null;
  version: number;
}

export interface TicketSummary extends TicketBase {
  sla: { dueToOwn: string | null; dueToResolve: string | null; breached: boolean; paused: boolean };
}

export interface ClockReading {
  targetMinutes: number;
  elapsedMinutes: number;
  remainingMinutes: number;
  dueAt: string | null;
  metAt: string | null;
  breached: boolean;
  state: 'running' | 'paused' | 'met' | 'breached';
  stateLabel: string;
  phase: 'running' | 'paused' | 'stopped';
}

export interface TicketPermissions {
  handle: boolean;
  comment: boolean;
  commentPrivate: boolean;
  approve: boolean;
  rate: boolean;
  reopen: boolean;
  close: boolean;
}

export interface Followup {
  id: string;
  at: string;
  authorLabel: string;
  isPrivate: boolean;
  body: string;
}

export interface Attachment {
  id: string;
  at: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  isPrivate: boolean;
  authorLabel: string;
}

export interface HistoryEvent {
  at: string;
  kind: string;
  status: string | null;
  statusLabel: string | null;
  category: string | null;
  priority: number | null;
  level: number | null;
  team: string | null;
  reason: string | null;
  actorLabel: string;
}

export interface TicketDetail extends TicketBase {
  sla: {
    dueToOwn: string | null;
    dueToResolve: string | null;
    breached: boolean;
    own: ClockReading;
    resolve: ClockReading;
    alerts: { clock: 'own' | 'resolve'; level: 'warning' | 'breach'; dueAt: string | null; message: string }[];
  };
  description: string;
  channelLabel: string;
  urgencyLabel: string;
  impactLabel: string;
  room: { id: string; name: string | null } | null;
  requester: { userId: string | null; name: string; contact: string | null };
  responsibleOrganization: { id: string; name: string | null };
  loggedAt: string;
  plannedFor: string | null;
  solvedAt: string | null;
  closedAt: string | null;
  solution: string | null;
  satisfaction: { rating: number; comment: string | null } | null;
  schoolVisible: boolean;
  assets: { id: string; label: string }[];
  followups: Followup[];
  tasks: { id: string; at: string; authorLabel: string; description: string; minutes: number }[];
  totalMinutes: number;
  attachments: Attachment[];
  history: HistoryEvent[];
  majorIncident: { id: string; number: number; title: string; status: string } | null;
  linkedTickets: { total: number; items: { id: string; number: number; title: string; status: string; uai: string; establishmentName: string }[] };
  permissions: TicketPermissions;
}

export interface TicketCategory {
  key: string;
  label: string;
  responsibleOrganization: { id: string; name: string | null };
  hardware: boolean;
}

export interface SupportTeam {
  id: string;
  name: string;
  level: number;
  organization: { id: string; name: string | null };
  unitIds: string[];
  categories: string[];
  triage: boolean;
}

export interface NewTicket {
  uai: string;
  title: string;
  description: string;
  type: 'incident' | 'request';
  urgency: number;
  impact: number;
  category?: string | null;
  roomId?: string | null;
  assetIds?: string[];
  channel?: 'web' | 'phone' | 'onsite';
  openedAt?: string;
  requester?: { name?: string; contact?: string };
}
