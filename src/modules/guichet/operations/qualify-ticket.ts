import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Ctx } from '../../../server/platform/context.js';
import { AppError } from '../../../server/platform/errors.js';
import type { TicketRow } from '../db/schema.js';
import { agreementIdFor, matrixAt } from '../desk-config.js';
import { routeTicket } from '../routing.js';
import { devicesOfSchool } from '../school-lookups.js';
import { computePriority, type Level } from '../sla/index.js';
import { loadTicket, requireOpen, requireVersion, writeTicketChange, type NewEvent } from '../ticket-store.js';
import type { Channel } from '../vocabulary.js';
import { ticketAssets } from '../db/schema.js';
import { and, eq } from 'drizzle-orm';

const level = z.number().int().min(1).max(5);

export const qualifyTicketInput = z.object({
  version: z.number().int().min(1),
  category: z.string().trim().min(1).max(63).optional(),
  urgency: level.optional(),
  impact: level.optional(),
  /** An incident that stops a school: priority "major" (6); false gives the matrix's priority back. */
  major: z.boolean().optional(),
  type: z.enum(['incident', 'request']).optional(),
});
export type QualifyTicketInput = z.infer<typeof qualifyTicketInput>;

const invalid = (path: string, message: string) => new AppError('VALIDATION', message, { issues: [{ path, message }] });

/**
 * The desk qualifies a ticket: category, urgency, impact, major. A new category routes the ticket
 * again (team, level, responsible organization, agreement); a new urgency or impact recomputes the
 * priority with the matrix in force. The clock sees the new category, priority and agreement from now.
 */
export async function qualifyTicket(ctx: Ctx, input: { id: string; changes: QualifyTicketInput }): Promise<TicketRow> {
  const loaded = await loadTicket(ctx, input.id, { action: 'ticket.handle', handle: true });
  const { ticket, config, school } = loaded;
  const changes = input.changes;
  requireVersion(ticket, changes.version);
  requireOpen(ticket);
  const category = changes.category ?? ticket.category;
  if (changes.category && !config.categories.get(changes.category)?.active) throw invalid('category', `Catégorie « ${changes.category} » inconnue.`);
  const urgency = changes.urgency ?? ticket.urgency;
  const impact = changes.impact ?? ticket.impact;
  const major = changes.major ?? ticket.priority === 6;
  const priority = computePriority(matrixAt(config, ctx.now()), { urgency: urgency as Level, impact: impact as Level, major });

  const update: Partial<TicketRow> = { urgency, impact, priority, type: changes.type ?? ticket.type };
  const event: NewEvent = { kind: 'qualification', details: { urgency, impact, major } };
  if (priority !== ticket.priority) event.priority = priority;
  if (category !== ticket.category && category !== null) {
    const linked = await ctx.db
      .select({ assetId: ticketAssets.assetId })
      .from(ticketAssets)
      .where(and(eq(ticketAssets.tenantId, ticket.tenantId), eq(ticketAssets.ticketId, ticket.id)));
    const devices = await devicesOfSchool(ctx.db, ticket.tenantId, ticket.establishmentId, linked.map((l) => l.assetId)).catch(() => []);
    const routing = routeTicket(config, {
      category,
      channel: ticket.channel as Channel,
      school,
      assets: devices,
      today: DateTime.fromJSDate(ctx.now(), { zone: 'Europe/Paris' }).toISODate()!,
    });
    const agreementId = agreementIdFor(config, category);
    Object.assign(update, {
      category,
      responsibleOrgId: routing.responsibleOrgId,
      assignedTeamId: routing.team?.id ?? null,
      assignedOrgId: routing.team?.organizationId ?? null,
      assignedUserId: null,
      level: routing.level,
      agreementId,
    });
    Object.assign(event, { category, agreementId, teamId: routing.team?.id ?? null, level: routing.level, reason: routing.reason });
  }
  return ctx.db.transaction((tx) => writeTicketChange(ctx, tx, { ticket, config, version: changes.version, changes: update, events: [event] }));
}
