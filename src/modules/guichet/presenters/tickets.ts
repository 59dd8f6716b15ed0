import { z } from 'zod';
import { can, type Actor } from '../../../server/platform/authz.js';
import type { TicketEventRow, TicketRow } from '../db/schema.js';
import type { DeskConfig } from '../desk-config.js';
import type { ListedTicketFields } from '../operations/find-tickets.js';
import { isoOf } from '../../../server/platform/instants.js';
import type { TicketDetail } from '../operations/get-ticket.js';
import { clockStateLabel, impactLabel, priorityLabel, urgencyLabel, type Level, type Priority, type SlaClock } from '../sla/index.js';
import { slaView } from '../sla-view.js';
import { canHandle, isRequesterSide, seesPrivate, type TicketAccessRow, type TicketScope } from '../ticket-access.js';
import { channelLabels, levelLabels, statusLabels, ticketTypeLabels, type Channel, type TicketStatus, type TicketType } from '../vocabulary.js';
import { displayName } from '../../../shared/display-name.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const clockReadingSchema = z.object({
  targetMinutes: z.number(),
  elapsedMinutes: z.number(),
  remainingMinutes: z.number(),
  dueAt: z.string().nullable(),
  metAt: z.string().nullable(),
  breached: z.boolean(),
  state: z.enum(['running', 'paused', 'met', 'breached']),
  stateLabel: z.string(),
  phase: z.enum(['running', 'paused', 'stopped']),
});

export const slaSchema = z.object({
  dueToOwn: z.string().nullable().describe('Échéance de prise en charge (ISO 8601), null une fois respectée ou en pause'),
  dueToResolve: z.string().nullable().describe('Échéance de résolution (ISO 8601), null une fois respectée ou en pause'),
  breached: z.boolean(),
  own: clockReadingSchema,
  resolve: clockReadingSchema,
  alerts: z.array(z.object({ clock: z.enum(['own', 'resolve']), level: z.enum(['warning', 'breach']), dueAt: z.string().nullable(), message: z.string() })),
});

function presentSla(clock: SlaClock, now: Date) {
  const view = slaView(clock, now);
  return {
    ...view,
    own: { ...view.own, stateLabel: clockStateLabel(view.own.state) },
    resolve: { ...view.resolve, stateLabel: clockStateLabel(view.resolve.state) },
  };
}

const teamSchema = z.object({ id: z.string(), name: z.string(), level: z.number(), organizationId: z.string(), organizationName: z.string().nullable() });

export const ticketPermissionsSchema = z.object({
  handle: z.boolean(),
  comment: z.boolean(),
  commentPrivate: z.boolean(),
  approve: z.boolean(),
  rate: z.boolean(),
  reopen: z.boolean(),
  close: z.boolean(),
});

const ticketBaseSchema = z.object({
  id: z.string(),
  number: z.number(),
  type: z.enum(['incident', 'request']),
  typeLabel: z.string(),
  title: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  priority: z.number().describe('1 très basse … 5 très haute, 6 majeure'),
  priorityLabel: z.string(),
  urgency: z.number(),
  impact: z.number(),
  category: z.object({ key: z.string(), label: z.string() }).nullable(),
  establishment: z.object({ id: z.string(), uai: z.string(), name: z.string() }),
  channel: z.string(),
  level: z.number(),
  levelLabel: z.string(),
  assignedTeam: teamSchema.nullable(),
  assignedUserId: z.string().nullable(),
  requesterName: z.string(),
  openedAt: z.string(),
  updatedAt: z.string(),
  problemFlag: z.boolean(),
  isMajor: z.boolean(),
  parentId: z.string().nullable(),
  version: z.number(),
});

/** Deadlines in lists come from the stored columns (refreshed on every event): no clock replay per row. */
export const listSlaSchema = z.object({
  dueToOwn: z.string().nullable(),
  dueToResolve: z.string().nullable(),
  breached: z.boolean().describe('Un délai est dépassé (ou l’a été)'),
  paused: z.boolean().describe('En attente du demandeur : le délai de résolution est suspendu'),
});

export const ticketSummarySchema = ticketBaseSchema.extend({ sla: listSlaSchema });

const historySchema = z.object({
  at: z.string(),
  kind: z.string(),
  status: z.string().nullable(),
  statusLabel: z.string().nullable(),
  category: z.string().nullable(),
  priority: z.number().nullable(),
  level: z.number().nullable(),
  team: z.string().nullable(),
  reason: z.string().nullable().describe('Motif interne : visible du guichet seulement'),
  actorLabel: z.string(),
});

export const ticketDetailSchema = ticketBaseSchema.extend({
  sla: slaSchema,
  description: z.string(),
  channelLabel: z.string(),
  urgencyLabel: z.string(),
  impactLabel: z.string(),
  room: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
  requester: z.object({ userId: z.string().nullable(), name: z.string(), contact: z.string().nullable() }),
  responsibleOrganization: z.object({ id: z.string(), name: z.string().nullable() }),
  loggedAt: z.string(),
  plannedFor: z.string().nullable(),
  solvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  solution: z.string().nullable(),
  satisfaction: z.object({ rating: z.number(), comment: z.string().nullable() }).nullable(),
  schoolVisible: z.boolean(),
  assets: z.array(z.object({ id: z.string(), label: z.string() })),
  followups: z.array(z.object({ id: z.string(), at: z.string(), authorLabel: z.string(), isPrivate: z.boolean(), body: z.string() })),
  tasks: z.array(z.object({ id: z.string(), at: z.string(), authorLabel: z.string(), description: z.string(), minutes: z.number() })),
  totalMinutes: z.number(),
  attachments: z.array(z.object({ id: z.string(), at: z.string(), filename: z.string(), contentType: z.string(), sizeBytes: z.number(), isPrivate: z.boolean(), authorLabel: z.string() })),
  history: z.array(historySchema),
  majorIncident: z.object({ id: z.string(), number: z.number(), title: z.string(), status: z.string() }).nullable(),
  linkedTickets: z.object({
    total: z.number(),
    items: z.array(z.object({ id: z.string(), number: z.number(), title: z.string(), status: z.string(), uai: z.string(), establishmentName: z.string() })),
  }),
  permissions: ticketPermissionsSchema,
});

export interface SummaryContext {
  config: DeskConfig;
  now: Date;
}

function presentTeam(config: DeskConfig, teamId: string | null) {
  const team = teamId ? config.teamsById.get(teamId) : undefined;
  if (!team) return null;
  return { id: team.id, name: team.name, level: team.level, organizationId: team.organizationId, organizationName: config.organizations.get(team.organizationId)?.name ?? null };
}

function presentTicketBase(t: ListedTicketFields, school: { uai: string; name: string }, context: SummaryContext) {
  const category = t.category ? context.config.categories.get(t.category) : undefined;
  return {
    id: t.id,
    number: t.number,
    type: t.type as TicketType,
    typeLabel: ticketTypeLabels[t.type as TicketType] ?? t.type,
    title: t.title,
    status: t.status,
    statusLabel: statusLabels[t.status as TicketStatus] ?? t.status,
    priority: t.priority,
    priorityLabel: priorityLabel(t.priority as Priority),
    urgency: t.urgency,
    impact: t.impact,
    category: t.category ? { key: t.category, label: category?.label ?? t.category } : null,
    establishment: { id: t.establishmentId, uai: school.uai, name: displayName(school.name) },
    channel: t.channel,
    level: t.level,
    levelLabel: levelLabels[t.level] ?? `Niveau ${t.level}`,
    assignedTeam: presentTeam(context.config, t.assignedTeamId),
    assignedUserId: t.assignedUserId,
    requesterName: t.requesterName,
    openedAt: isoOf(t.openedAt),
    updatedAt: isoOf(t.updatedAt),
    problemFlag: t.problemFlag,
    isMajor: t.priority === 6,
    parentId: t.parentId,
    version: t.version,
  };
}

/**
 * Whether a deadline (ISO 8601 in UTC, as isoOf writes it) is at or before now: two such texts of
 * four-digit years compare as their instants do, without a Date; anything else is parsed.
 */
function isLate(due: string | null, now: string): boolean {
  if (due === null) return false;
  if (due.length === 24 && now.length === 24) return due <= now;
  return Date.parse(due) <= Date.parse(now);
}

/** A line of a list (25 to 200 a page): the base object is completed in place rather than copied by a spread. */
export function presentTicketSummary(t: ListedTicketFields, school: { uai: string; name: string }, context: SummaryContext) {
  const now = context.now.toISOString();
  const summary = presentTicketBase(t, school, context) as ReturnType<typeof presentTicketBase> & { sla: z.infer<typeof listSlaSchema> };
  const dueToOwn = t.dueToOwn === null ? null : isoOf(t.dueToOwn);
  const dueToResolve = t.dueToResolve === null ? null : isoOf(t.dueToResolve);
  summary.sla = {
    dueToOwn,
    dueToResolve,
    breached: isLate(dueToOwn, now) || isLate(dueToResolve, now),
    paused: t.status === 'waiting-requester',
  };
  return summary;
}

export function ticketPermissions(actor: Actor, scope: TicketScope, t: TicketRow, access: TicketAccessRow) {
  const handle = canHandle(actor, access);
  const requesterSide = isRequesterSide(actor, scope, access);
  return {
    handle: handle && t.status !== 'closed',
    comment: can(actor, 'ticket.comment') && t.status !== 'closed',
    commentPrivate: handle && t.status !== 'closed',
    approve: requesterSide && t.status === 'solved',
    rate: requesterSide && (t.status === 'solved' || t.status === 'closed'),
    reopen: (handle || requesterSide) && t.status === 'solved',
    close: handle && t.status === 'solved',
  };
}

function presentEvent(config: DeskConfig, e: TicketEventRow, internal: boolean) {
  return {
    at: e.at.toISOString(),
    kind: e.kind,
    status: e.status,
    statusLabel: e.status ? (statusLabels[e.status as TicketStatus] ?? e.status) : null,
    category: e.category && !e.category.startsWith('_') ? (config.categories.get(e.category)?.label ?? e.category) : null,
    priority: e.priority,
    level: e.level,
    team: e.teamId ? (config.teamsById.get(e.teamId)?.name ?? null) : null,
    reason: internal ? e.reason : null,
    actorLabel: e.actorLabel,
  };
}

export function presentTicketDetail(d: TicketDetail, actor: Actor, now: Date) {
  const t = d.ticket;
  const internal = seesPrivate(actor);
  const responsible = d.config.organizations.get(t.responsibleOrgId);
  return {
    ...presentTicketBase(t, d.school, { config: d.config, now }),
    sla: presentSla(d.clock, now),
    description: t.description,
    channelLabel: channelLabels[t.channel as Channel] ?? t.channel,
    urgencyLabel: urgencyLabel(t.urgency as Level),
    impactLabel: impactLabel(t.impact as Level),
    room: t.roomId ? { id: t.roomId, name: t.roomLabel } : null,
    requester: { userId: t.requesterUserId, name: t.requesterName, contact: t.requesterContact },
    responsibleOrganization: { id: t.responsibleOrgId, name: responsible?.name ?? null },
    loggedAt: t.loggedAt.toISOString(),
    plannedFor: iso(t.plannedFor),
    solvedAt: iso(t.solvedAt),
    closedAt: iso(t.closedAt),
    solution: t.solution,
    satisfaction: t.satisfaction === null ? null : { rating: t.satisfaction, comment: t.satisfactionComment },
    schoolVisible: t.schoolVisible,
    assets: d.assets.map((a) => ({ id: a.assetId, label: a.assetLabel })),
    // the queries already leave private rows out for a requester; filtering again costs nothing
    followups: d.followups
      .filter((f) => internal || !f.isPrivate)
      .map((f) => ({ id: f.id, at: f.at.toISOString(), authorLabel: f.authorLabel, isPrivate: f.isPrivate, body: f.body })),
    tasks: internal ? d.tasks.map((k) => ({ id: k.id, at: k.at.toISOString(), authorLabel: k.authorLabel, description: k.description, minutes: k.minutes })) : [],
    totalMinutes: internal ? d.tasks.reduce((sum, k) => sum + k.minutes, 0) : 0,
    attachments: d.attachments
      .filter((a) => internal || !a.isPrivate)
      .map((a) => ({ id: a.id, at: a.at.toISOString(), filename: a.filename, contentType: a.contentType, sizeBytes: a.sizeBytes, isPrivate: a.isPrivate, authorLabel: a.authorLabel })),
    history: d.events.map((e) => presentEvent(d.config, e, internal)),
    majorIncident: d.parent ? { id: d.parent.id, number: d.parent.number, title: d.parent.title, status: d.parent.status } : null,
    linkedTickets: { total: d.childCount, items: d.children.map((c) => ({ ...c })) },
    permissions: ticketPermissions(actor, d.scope, t, d.access),
  };
}
