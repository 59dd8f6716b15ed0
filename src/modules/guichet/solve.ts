import { and, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../server/platform/context.js';
import type { Db } from '../../server/platform/db.js';
import { notifications } from '../../server/platform/db-schema.js';
import { tickets, type TicketRow } from './db/schema.js';
import type { DeskConfig } from './desk-config.js';
import { deskReplyTo, queueNotifications } from './notifications/queue.js';
import { writeTicketChange } from './ticket-store.js';
import { isOpen } from './vocabulary.js';

/**
 * Solving a ticket: status, solution, a notification for its requester. Solving a major incident
 * solves every open ticket linked to it with the same solution and tells each requester once,
 * whatever the number of their tickets. Notifications are rows the mail job will send.
 */

interface Recipient {
  userId: string | null;
  label: string;
  contact: string | null;
  numbers: number[];
}

function recipientKey(t: TicketRow): string | null {
  if (t.requesterUserId) return `user:${t.requesterUserId}`;
  if (t.requesterContact) return `contact:${t.requesterContact.toLowerCase()}`;
  return null; // a caller without contact cannot be told
}

export async function solveTicket(
  ctx: Ctx,
  tx: Db,
  input: { ticket: TicketRow; config: DeskConfig; version: number; solution: string },
): Promise<TicketRow> {
  const now = ctx.now();
  const solvedFields = { status: 'solved', solvedAt: now, closedAt: null, solution: input.solution };
  const updated = await writeTicketChange(ctx, tx, {
    ticket: input.ticket,
    config: input.config,
    version: input.version,
    changes: solvedFields,
    events: [{ kind: 'status', status: 'solved', details: { solution: true } }],
  });

  const children =
    updated.priority === 6
      ? await tx.select().from(tickets).where(and(eq(tickets.tenantId, updated.tenantId), eq(tickets.parentId, updated.id))).for('update')
      : [];
  const solvedChildren: TicketRow[] = [];
  for (const child of children.filter((c) => isOpen(c.status))) {
    solvedChildren.push(
      await writeTicketChange(ctx, tx, {
        ticket: child,
        config: input.config,
        version: child.version,
        changes: { ...solvedFields, solution: `Résolu avec l'incident majeur n° ${updated.number} : ${input.solution}` },
        events: [{ kind: 'status', status: 'solved', reason: `Incident majeur n° ${updated.number} résolu.`, details: { majorId: updated.id } }],
      }),
    );
  }

  const recipients = new Map<string, Recipient>();
  for (const t of [updated, ...solvedChildren]) {
    const key = recipientKey(t);
    if (!key) continue;
    const known = recipients.get(key);
    if (known) known.numbers.push(t.number);
    else recipients.set(key, { userId: t.requesterUserId, label: t.requesterName, contact: t.requesterContact, numbers: [t.number] });
  }
  if (recipients.size) {
    const major = solvedChildren.length > 0;
    // one notification per person, each naming their own tickets ("[n° N]" is put first by the queue)
    const replyTo = await deskReplyTo(tx, updated.tenantId);
    for (const r of recipients.values()) {
      await queueNotifications(tx, {
        ticket: updated,
        kind: major ? 'major-solved' : 'ticket-solved',
        at: now,
        recipients: [{ userId: r.userId, label: r.label, contact: r.contact }],
        replyTo,
        subject: major
          ? `Incident majeur n° ${updated.number} résolu — ${r.numbers.length > 1 ? 'vos tickets' : 'votre ticket'} n° ${r.numbers.join(', ')}`
          : `Votre ticket n° ${updated.number} est résolu`,
        body: `${updated.title}\n\nSolution : ${input.solution}\n\nSi le problème persiste, vous pouvez refuser la solution et rouvrir le ticket.`,
      });
    }
  }
  return updated;
}

/** The notifications written about tickets (the platform's rows whose record is one of them). */
export async function notificationsOf(db: Db, tenantId: string, ticketIds: string[]) {
  if (ticketIds.length === 0) return [];
  return db
    .select()
    .from(notifications)
    .where(and(eq(notifications.tenantId, tenantId), eq(notifications.refType, 'ticket'), inArray(notifications.refId, ticketIds)));
}
