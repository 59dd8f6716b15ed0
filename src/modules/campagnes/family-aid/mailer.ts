import type { FastifyInstance } from 'fastify';
import nodemailer, { type Transporter } from 'nodemailer';

/**
 * How a family's sign-in link leaves: by the SMTP server of COHERENCE_SMTP_URL, else kept in a
 * small in-memory outbox (the demo, the tests) and logged without the link, never answered to the
 * caller, so only the mailbox's owner can open the session.
 */
export interface FamilyMail {
  to: string;
  subject: string;
  text: string;
}

export interface FamilyMailer {
  send(mail: FamilyMail): Promise<void>;
  /** The last mails kept when no SMTP server is configured (tests read the link there). */
  outbox: FamilyMail[];
}

declare module 'fastify' {
  interface FastifyInstance {
    familyMailer: FamilyMailer;
  }
}

const outboxSize = 50;

export function installFamilyMailer(app: FastifyInstance) {
  const mail = app.config.mail ?? {};
  const transport: Transporter | null = mail.smtpUrl ? nodemailer.createTransport(mail.smtpUrl) : null;
  const from = mail.from ?? `Aide aux familles <ne-pas-repondre@${new URL(app.config.publicUrl).hostname || 'localhost'}>`;
  const outbox: FamilyMail[] = [];
  app.decorate('familyMailer', {
    outbox,
    async send(message) {
      if (transport) {
        await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text });
        return;
      }
      outbox.push(message);
      if (outbox.length > outboxSize) outbox.shift();
      app.log.warn({ to: message.to, subject: message.subject }, 'pas de serveur SMTP (COHERENCE_SMTP_URL) : courriel aux familles gardé en mémoire');
    },
  });
  app.addHook('onClose', async () => transport?.close());
}
