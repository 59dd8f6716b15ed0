import { and, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../../server/platform/context.js';
import { rows, type Db } from '../../../server/platform/db.js';
import { slaAlertsRaised, tickets, type TicketRow } from '../db/schema.js';
import { loadDeskConfig, type DeskConfig } from '../desk-config.js';
import { queueNotifications, teamRecipients } from '../notifications/queue.js';
import { routeToLevel } from '../routing.js';
import { formatDeadline, slaAlerts, type SlaAlert } from '../sla/index.js';
import { ticketClock } from '../sla-view.js';
import { clockEventsOf, writeTicketChange } from '../ticket-store.js';
import { isOpen, levelLabels } from '../vocabulary.js';
import { uuidArray } from '../../../server/platform/prepared.js';

/**
 * The service-level watcher (a background job, every minute): for the open tickets whose
 * deadlines come near, the clock is rebuilt from the history with the SLA engine and
 * sla/escalation.ts says what is due:
 * - a warning (the agreement's warning time has come): the assigned team and the person in
 *   charge are told, once per ticket and clock;
 * - a breach: the ticket goes up one support level (to the next level's team for its school
 *   and category), with the reason "Dépassement du délai …" in its history, by the system; the
 *   new team is told, and the former one. No team above: the breach is written in the history
 *   and the team is told. Once per ticket and clock.
 *
 * "Once" holds with several server processes: each alert is a row of guichet.sla_alerts
 * (primary key ticket, clock, level) inserted in the transaction that notifies and escalates;
 * a second runner's insert waits for the first transaction and then finds the row.
 */

/** Tickets are looked at when a deadline is this close (a warning comes before its deadline). */
const horizonDays = 30;

const clockNames = { own: 'prise en charge', resolve: 'résolution' } as const;

export interface WatchResult {
  checked: number;
  warnings: number;
  breaches: number;
  escalations: number;
}

interface SchoolOfTicket {
  uai: string;
  name: string;
  unitId: string | null;
  academyCode: string | null;
}

export async function watchServiceLevels(ctx: Ctx, options: { batch?: number } = {}): Promise<WatchResult> {
  const now = ctx.now();
  const horizon = new Date(now.getTime() + horizonDays * 86_400_000);
  const candidates = await ctx.db
    .select()
    .from(tickets)
    .where(
      sql`${tickets.status} not in ('solved', 'closed')
          and (${tickets.dueToOwn} <= ${horizon} or ${tickets.dueToResolve} <= ${horizon})
          and not exists (select 1 from guichet.sla_alerts a where a.tenant_id = ${tickets.tenantId} and a.ticket_id = ${tickets.id}
                           and a.clock = 'resolve' and a.level = 'breach')`,
    )
    .orderBy(sql`least(${tickets.dueToOwn}, ${tickets.dueToResolve})`)
    .limit(options.batch ?? 500);
  const result: WatchResult = { checked: candidates.length, warnings: 0, breaches: 0, escalations: 0 };
  if (candidates.length === 0) return result;
  const raised = await rows<{ tenantId: string; ticketId: string; clock: string; level: string }>(
    ctx.db,
    sql`select tenant_id as "tenantId", ticket_id as "ticketId", clock, level from guichet.sla_alerts
         where ticket_id = any(${uuidArray(candidates.map((t) => t.id))})`,
  );
  const done = new Set(raised.map((r) => `${r.tenantId}/${r.ticketId}/${r.clock}/${r.level}`));
  for (const ticket of candidates) {
    const config = await loadDeskConfig(ctx, ticket.tenantId);
    const clock = ticketClock(config, ticket, await clockEventsOf(ctx.db, ticket.tenantId, ticket.id), now);
    for (const alert of slaAlerts(clock, now)) {
      if (done.has(`${ticket.tenantId}/${ticket.id}/${alert.clock}/${alert.level}`)) continue;
      try {
        const outcome = await raiseAlert(ctx, config, ticket.id, ticket.tenantId, alert);
        if (outcome === 'warning') result.warnings++;
        if (outcome === 'breach' || outcome === 'escalated') result.breaches++;
        if (outcome === 'escalated') result.escalations++;
      } catch (error) {
        // a ticket changed meanwhile (version conflict): the next run looks again
        ctx.log.warn({ ticket: ticket.id, err: error instanceof Error ? error.message : error }, 'alerte de délai reportée');
      }
    }
  }
  return result;
}

async function schoolOf(db: Db, ticket: TicketRow): Promise<SchoolOfTicket> {
  const [school] = await rows<SchoolOfTicket>(
    db,
    sql`select uai, name, unit_id as "unitId", academy_code as "academyCode" from referentiel.establishments_view
         where tenant_id = ${ticket.tenantId} and id = ${ticket.establishmentId}`,
  );
  return school;
}

async function raiseAlert(ctx: Ctx, config: DeskConfig, ticketId: string, tenantId: string, alert: SlaAlert): Promise<'warning' | 'breach' | 'escalated' | null> {
  const system: Ctx = { ...ctx, actor: null };
  return ctx.db.transaction(async (tx) => {
    const now = ctx.now();
    const inserted = await tx
      .insert(slaAlertsRaised)
      .values({ tenantId, ticketId, clock: alert.clock, level: alert.level, at: now, dueAt: alert.dueAt ? new Date(alert.dueAt) : null })
      .onConflictDoNothing()
      .returning({ ticketId: slaAlertsRaised.ticketId });
    if (inserted.length === 0) return null; // another runner raised it
    const [ticket] = await tx.select().from(tickets).where(and(eq(tickets.tenantId, tenantId), eq(tickets.id, ticketId))).for('update');
    if (!ticket || !isOpen(ticket.status)) return null;
    const school = await schoolOf(tx, ticket);
    const where = `${school.name} (${school.uai})`;
    const deadline = alert.dueAt ? formatDeadline(alert.dueAt) : null;
    const team = (teamId: string | null, assignedUserId: string | null) =>
      teamRecipients(tx, config, { tenantId, teamId, assignedUserId, schoolUnitId: school.unitId });

    if (alert.level === 'warning') {
      await queueNotifications(tx, {
        ticket,
        kind: 'sla-warning',
        at: now,
        recipients: await team(ticket.assignedTeamId, ticket.assignedUserId),
        subject: `Délai de ${clockNames[alert.clock]} bientôt atteint : ${ticket.title}`,
        body: `${alert.message}\n\n${ticket.title}\n${where}`,
      });
      return 'warning';
    }

    const reason = `Dépassement du délai de ${clockNames[alert.clock]}${deadline ? ` (échéance : ${deadline})` : ''}.`;
    const target = routeToLevel(config, { from: ticket.level, to: ticket.level + 1, category: ticket.category, responsibleOrgId: ticket.responsibleOrgId, school });
    if (ticket.level >= 3 || !target) {
      await writeTicketChange(system, tx, {
        ticket,
        config,
        version: ticket.version,
        changes: {},
        events: [{ kind: 'sla-breach', reason: `${reason} Aucune équipe de niveau supérieur : le ticket reste au niveau ${ticket.level}.`, details: { clock: alert.clock } }],
      });
      await queueNotifications(tx, {
        ticket,
        kind: 'sla-breach',
        at: now,
        recipients: await team(ticket.assignedTeamId, ticket.assignedUserId),
        subject: `Délai de ${clockNames[alert.clock]} dépassé : ${ticket.title}`,
        body: `${alert.message}\n\n${ticket.title}\n${where}\n\nAucune équipe de niveau supérieur ne prend ce ticket.`,
      });
      return 'breach';
    }
    await writeTicketChange(system, tx, {
      ticket,
      config,
      version: ticket.version,
      changes: { level: target.level, assignedTeamId: target.team.id, assignedOrgId: target.team.organizationId, assignedUserId: null },
      events: [
        {
          kind: 'escalation',
          level: target.level,
          teamId: target.team.id,
          reason,
          details: { from: ticket.level, to: target.level, fromTeamId: ticket.assignedTeamId, automatic: true, clock: alert.clock, label: `${levelLabels[ticket.level]} → ${levelLabels[target.level]}` },
        },
      ],
    });
    await tx.update(slaAlertsRaised).set({ escalatedToLevel: target.level }).where(
      and(eq(slaAlertsRaised.tenantId, tenantId), eq(slaAlertsRaised.ticketId, ticketId), eq(slaAlertsRaised.clock, alert.clock), eq(slaAlertsRaised.level, 'breach')),
    );
    await queueNotifications(tx, {
      ticket,
      kind: 'escalated',
      at: now,
      recipients: await team(target.team.id, null),
      subject: `Ticket escaladé vers votre équipe (${target.team.name}) : ${ticket.title}`,
      body: `${reason}\nLe ticket passe de ${levelLabels[ticket.level]} à ${levelLabels[target.level]}.\n\n${ticket.title}\n${where}`,
    });
    await queueNotifications(tx, {
      ticket,
      kind: 'sla-breach',
      at: now,
      recipients: await team(ticket.assignedTeamId, ticket.assignedUserId),
      subject: `Délai de ${clockNames[alert.clock]} dépassé, ticket escaladé : ${ticket.title}`,
      body: `${reason}\nLe ticket a été confié à ${target.team.name} (${levelLabels[target.level]}).\n\n${ticket.title}\n${where}`,
    });
    return 'escalated';
  });
}
