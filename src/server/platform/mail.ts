import nodemailer, { type Transporter } from 'nodemailer';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import type { Ctx } from './context.js';
import { rows, type Db } from './db.js';
import { appSystemCtx } from './http.js';
import type { JobDefinition } from './jobs.js';

/**
 * Outgoing mail for every module: the SMTP transport and the job that sends the notifications
 * not sent yet (platform.notifications), oldest first, across tenants.
 *
 * Each row is claimed before it is sent (attempts + 1, next attempt pushed back by the lease),
 * in one statement with SKIP LOCKED, so two server processes never send the same row; a crash
 * in between only delays it until the lease ends. A failure keeps its error and waits longer
 * each time (1, 2, 4… minutes); after `maxAttempts` the row is given up (failed_at), still
 * shown in the application. Without a transport (no COHERENCE_SMTP_URL) nothing is sent:
 * the rows wait, and people still see them in the notifications menu.
 *
 * Every mail carries a Message-ID we can find again (a reply names it in In-Reply-To), the
 * record's thread id in References, the link to the record, and the Reply-To its module set
 * (the desk's inbound address: answering the mail comments the ticket).
 */

/** Mail settings; the desk adds its inbound listener's keys by declaration merging. */
export interface MailConfig {
  /** Outgoing SMTP server (smtp://user:pass@host:587); absent: mail stays queued, shown in the app. */
  smtpUrl?: string;
  /** Sender of notification mail (default: Cohérence <ne-pas-repondre@<public host>>). */
  from?: string;
}

declare module './module.js' {
  interface ModuleSettings {
    mail: MailConfig;
  }
}

export interface MailSettings {
  from: string;
  /** The host part of our Message-IDs. */
  domain: string;
  publicUrl: string;
  maxAttempts?: number;
  batch?: number;
}

/** The current addresses of people by id (the access module's, handed over by buildApp). */
export type UserEmails = (db: Db, userIds: readonly string[]) => Promise<Map<string, string>>;

export interface OutgoingMail {
  transport: Transporter | null;
  settings: MailSettings;
  userEmails: UserEmails;
}

declare module 'fastify' {
  interface FastifyInstance {
    outgoingMail: OutgoingMail;
  }
}

/** COHERENCE_SMTP_URL, COHERENCE_MAIL_FROM. */
export function outgoingMailFromEnv(env: NodeJS.ProcessEnv): MailConfig {
  return { smtpUrl: env.COHERENCE_SMTP_URL || undefined, from: env.COHERENCE_MAIL_FROM || undefined };
}

export function mailSettingsOf(publicUrl: string, mail: MailConfig): MailSettings {
  const host = new URL(publicUrl).hostname || 'localhost';
  return { from: mail.from ?? `Cohérence <ne-pas-repondre@${host}>`, domain: host, publicUrl };
}

/** The transport, with the app's lifecycle. */
export function installOutgoingMail(app: FastifyInstance, userEmails: UserEmails): void {
  const mail = app.config.mail ?? {};
  const transport: Transporter | null = mail.smtpUrl ? nodemailer.createTransport(mail.smtpUrl) : null;
  app.decorate('outgoingMail', { transport, settings: mailSettingsOf(app.config.publicUrl, mail), userEmails });
  app.addHook('onClose', async () => transport?.close());
}

export const mailSendQueue = 'platform-mail-send';

/** Sends what is pending now, in this process (the schedule's work; the desk's watcher calls it too). */
export function sendPendingMail(app: FastifyInstance): Promise<{ sent: number; failed: number }> {
  return sendPendingNotifications(appSystemCtx(app), app.outgoingMail);
}

export function mailJobs(app: FastifyInstance): JobDefinition[] {
  return [{ name: mailSendQueue, policy: 'singleton', schedule: '* * * * *', handler: () => sendPendingMail(app) }];
}

interface Claimed {
  tenantId: string;
  id: number;
  refType: string;
  refId: string;
  link: string | null;
  linkLabel: string | null;
  replyTo: string | null;
  subject: string;
  body: string;
  contact: string | null;
  userId: string | null;
  address?: string | null;
  label: string;
  attempts: number;
}

const leaseMinutes = 5;

export const notificationMessageId = (n: { id: number; refId: string }, domain: string) => `<n${n.id}.${n.refId}@${domain}>`;
/** One thread per record: every mail about it names the same id in References. */
export const recordThreadId = (refType: string, refId: string, domain: string) => `<${refType}-${refId}@${domain}>`;

function mailText(n: Claimed, publicUrl: string): string {
  const link = n.link ? `\n\n—\n${n.linkLabel ?? 'Ouvrir dans Cohérence'} : ${publicUrl.replace(/\/$/, '')}${n.link}` : '';
  const reply = n.replyTo ? `${link ? '\n' : '\n\n—\n'}Pour compléter, répondez à ce courriel (sans changer l’objet).` : '';
  return `${n.body}${link}${reply}\n`;
}

export async function sendPendingNotifications(ctx: Ctx, mail: OutgoingMail): Promise<{ sent: number; failed: number }> {
  const { transport, settings } = mail;
  if (!transport) return { sent: 0, failed: 0 };
  const now = ctx.now();
  const maxAttempts = settings.maxAttempts ?? 6;
  const claimed = await rows<Claimed>(
    ctx.db,
    sql`update platform.notifications n
           set attempts = n.attempts + 1, next_attempt_at = ${new Date(now.getTime() + leaseMinutes * 60_000)}
          from (select q.tenant_id, q.id from platform.notifications q
                 where q.sent_at is null and q.failed_at is null and q.by_mail
                   and (q.next_attempt_at is null or q.next_attempt_at <= ${now})
                 order by q.next_attempt_at nulls first, q.id
                 limit ${settings.batch ?? 50}
                 for update skip locked) picked
         where n.tenant_id = picked.tenant_id and n.id = picked.id
     returning n.tenant_id as "tenantId", n.id, n.ref_type as "refType", n.ref_id as "refId", n.link, n.link_label as "linkLabel",
               n.reply_to as "replyTo", n.subject, n.body, n.attempts, n.recipient_label as label,
               n.recipient_contact as contact, n.recipient_user_id as "userId"`,
  );
  const emails = await mail.userEmails(ctx.db, [...new Set(claimed.flatMap((n) => (!n.contact && n.userId ? [n.userId] : [])))]);
  for (const n of claimed) n.address = n.contact ?? (n.userId ? (emails.get(n.userId) ?? null) : null);
  let sent = 0;
  let failed = 0;
  for (const n of claimed) {
    const id = Number(n.id);
    const messageId = notificationMessageId({ id, refId: n.refId }, settings.domain);
    try {
      if (!n.address) throw new Error('Pas d’adresse électronique pour ce destinataire.');
      await transport.sendMail({
        from: settings.from,
        to: { name: n.label, address: n.address },
        replyTo: n.replyTo ?? undefined,
        subject: n.subject,
        text: mailText(n, settings.publicUrl),
        messageId,
        references: recordThreadId(n.refType, n.refId, settings.domain),
        headers: { 'Auto-Submitted': 'auto-generated', 'X-Coherence-Ref': `${n.refType}:${n.refId}` },
      });
      await ctx.db.execute(
        sql`update platform.notifications set sent_at = ${ctx.now()}, message_id = ${messageId}, last_error = null, next_attempt_at = null
             where tenant_id = ${n.tenantId} and id = ${id}`,
      );
      sent++;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const giveUp = n.attempts >= maxAttempts || !n.address;
      const retryAt = new Date(ctx.now().getTime() + 60_000 * 2 ** Math.max(0, n.attempts - 1));
      await ctx.db.execute(
        sql`update platform.notifications set last_error = ${message.slice(0, 2000)},
                   next_attempt_at = ${giveUp ? null : retryAt}, failed_at = ${giveUp ? ctx.now() : null}
             where tenant_id = ${n.tenantId} and id = ${id}`,
      );
      ctx.log.warn({ notification: id, err: message }, giveUp ? 'notification abandonnée' : 'notification à renvoyer');
      failed++;
    }
  }
  return { sent, failed };
}
