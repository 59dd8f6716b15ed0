import { sql } from 'drizzle-orm';
import type { Transporter } from 'nodemailer';
import type { Ctx } from '../../../server/platform/context.js';
import { rows } from '../../../server/platform/db.js';

/**
 * The mail job: sends the notifications not sent yet, oldest first, across tenants.
 *
 * Each row is claimed before it is sent (attempts + 1, next attempt pushed back by the lease),
 * in one statement with SKIP LOCKED, so two server processes never send the same row; a crash
 * in between only delays it until the lease ends. A failure keeps its error and waits longer
 * each time (1, 2, 4… minutes); after `maxAttempts` the row is given up (failed_at), still
 * shown in the application. Without a transport (no COHERENCE_SMTP_URL) nothing is sent:
 * the rows wait, and people still see them in the notifications menu.
 *
 * Every mail carries a Message-ID we can find again (a reply names it in In-Reply-To), the
 * ticket's thread id in References, the ticket reference "[n° N]" in its subject, and the
 * desk's own address as Reply-To when it has one: answering the mail comments the ticket.
 */

export interface MailSettings {
  from: string;
  /** The host part of our Message-IDs. */
  domain: string;
  publicUrl: string;
  maxAttempts?: number;
  batch?: number;
}

interface Claimed {
  tenantId: string;
  id: number;
  ticketId: string;
  subject: string;
  body: string;
  address: string | null;
  label: string;
  attempts: number;
  replyTo: string | null;
}

const leaseMinutes = 5;

export const notificationMessageId = (n: { tenantId: string; id: number; ticketId: string }, domain: string) => `<n${n.id}.${n.ticketId}@${domain}>`;
export const ticketThreadId = (ticketId: string, domain: string) => `<ticket-${ticketId}@${domain}>`;

export async function sendPendingNotifications(ctx: Ctx, transport: Transporter | null, settings: MailSettings): Promise<{ sent: number; failed: number }> {
  if (!transport) return { sent: 0, failed: 0 };
  const now = ctx.now();
  const maxAttempts = settings.maxAttempts ?? 6;
  const claimed = await rows<Claimed>(
    ctx.db,
    sql`update guichet.notifications n
           set attempts = n.attempts + 1, next_attempt_at = ${new Date(now.getTime() + leaseMinutes * 60_000)}
          from (select q.tenant_id, q.id from guichet.notifications q
                 where q.sent_at is null and q.failed_at is null and q.by_mail
                   and (q.next_attempt_at is null or q.next_attempt_at <= ${now})
                 order by q.next_attempt_at nulls first, q.id
                 limit ${settings.batch ?? 50}
                 for update skip locked) picked
         where n.tenant_id = picked.tenant_id and n.id = picked.id
     returning n.tenant_id as "tenantId", n.id, n.ticket_id as "ticketId", n.subject, n.body, n.attempts, n.recipient_label as label,
               coalesce(n.recipient_contact, (select u.email from access.users_view u where u.id = n.recipient_user_id)) as address,
               (select d.inbound_address from guichet.desk_settings d where d.tenant_id = n.tenant_id) as "replyTo"`,
  );
  let sent = 0;
  let failed = 0;
  for (const n of claimed) {
    const id = Number(n.id);
    const messageId = notificationMessageId({ ...n, id }, settings.domain);
    try {
      if (!n.address) throw new Error('Pas d’adresse électronique pour ce destinataire.');
      await transport.sendMail({
        from: settings.from,
        to: { name: n.label, address: n.address },
        replyTo: n.replyTo ?? undefined,
        subject: n.subject,
        text: `${n.body}\n\n—\nVoir le ticket : ${settings.publicUrl.replace(/\/$/, '')}/guichet/${n.ticketId}\n${n.replyTo ? 'Pour compléter, répondez à ce courriel (sans changer l’objet).\n' : ''}`,
        messageId,
        references: ticketThreadId(n.ticketId, settings.domain),
        headers: { 'Auto-Submitted': 'auto-generated', 'X-Coherence-Ticket': n.ticketId },
      });
      await ctx.db.execute(
        sql`update guichet.notifications set sent_at = ${ctx.now()}, message_id = ${messageId}, last_error = null, next_attempt_at = null
             where tenant_id = ${n.tenantId} and id = ${id}`,
      );
      sent++;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const giveUp = n.attempts >= maxAttempts || !n.address;
      const retryAt = new Date(ctx.now().getTime() + 60_000 * 2 ** Math.max(0, n.attempts - 1));
      await ctx.db.execute(
        sql`update guichet.notifications set last_error = ${message.slice(0, 2000)},
                   next_attempt_at = ${giveUp ? null : retryAt}, failed_at = ${giveUp ? ctx.now() : null}
             where tenant_id = ${n.tenantId} and id = ${id}`,
      );
      ctx.log.warn({ notification: id, err: message }, giveUp ? 'notification abandonnée' : 'notification à renvoyer');
      failed++;
    }
  }
  return { sent, failed };
}
