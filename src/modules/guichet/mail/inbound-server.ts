import { sql } from 'drizzle-orm';
import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from 'smtp-server';
import type { Ctx } from '../../../server/platform/context.js';
import { rows } from '../../../server/platform/db.js';
import { AppError } from '../../../server/platform/errors.js';
import { smtpText } from './mail-text.js';
import { receiveMail } from './receive-mail.js';
import { senderActor } from './sender-actor.js';

/**
 * The SMTP listener of the service desk, embedded in the server (COHERENCE_MAIL_INBOUND_PORT).
 * It is meant to sit behind the organisation's mail relay (which checks SPF/DKIM and TLS):
 * it trusts the envelope sender it is given. What it refuses, it refuses during the SMTP
 * dialogue with a French reply (accents dropped: SMTP answers in ASCII), so the sender's own
 * mail server tells them, and nothing is stored:
 * - RCPT TO an address that is no desk's: 550;
 * - a sender with no account in that desk's tenant: 550 at RCPT;
 * - a message over the size limit: 552; anything receive-mail.ts refuses: 550 after DATA;
 * - a failure of ours (database down): 451, the relay tries again later.
 */

export interface InboundOptions {
  port: number;
  host?: string;
  maxMessageBytes: number;
  /** A context of the system (no actor) on the app's database and clock. */
  ctx: () => Ctx;
}

interface DeskSession extends SMTPServerSession {
  deskTenantId?: string;
}

function smtpError(message: string, responseCode: number): Error & { responseCode: number } {
  return Object.assign(new Error(smtpText(message)), { responseCode });
}

export async function deskOfAddress(ctx: Ctx, address: string): Promise<string | null> {
  const [row] = await rows<{ tenantId: string }>(ctx.db, sql`select tenant_id as "tenantId" from guichet.desk_settings where lower(inbound_address) = ${address.trim().toLowerCase()} limit 1`);
  return row?.tenantId ?? null;
}

export async function startInboundServer(options: InboundOptions): Promise<{ server: SMTPServer; port: number; close(): Promise<void> }> {
  const server = new SMTPServer({
    name: 'coherence-guichet',
    banner: 'Guichet unique Coherence',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: options.maxMessageBytes,
    logger: false,
    async onRcptTo(address: SMTPServerAddress, session: DeskSession, callback: (err?: Error | null) => void) {
      try {
        const ctx = options.ctx();
        const tenantId = await deskOfAddress(ctx, address.address);
        if (!tenantId) return callback(smtpError(`Adresse inconnue : ${address.address} n'est l'adresse d'aucun guichet.`, 550));
        if (session.deskTenantId && session.deskTenantId !== tenantId) return callback(smtpError('Un message par guichet : envoyez-le séparément à chaque adresse.', 452));
        const sender = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        if (!sender || !(await senderActor(ctx.db, tenantId, sender))) {
          return callback(smtpError(`Expediteur inconnu : aucun compte de la collectivité n'a l'adresse ${sender || '(vide)'}. Écrivez depuis l'adresse de votre compte Cohérence.`, 550));
        }
        session.deskTenantId = tenantId;
        callback();
      } catch (error) {
        options.ctx().log.error({ err: error }, 'courriel entrant : RCPT');
        callback(smtpError('Erreur temporaire du guichet, réessayez plus tard.', 451));
      }
    },
    onData(stream, session: DeskSession, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
          return callback(smtpError(`Message trop volumineux : ${Math.floor(options.maxMessageBytes / 1024 / 1024)} Mo au plus.`, 552));
        }
        const raw = Buffer.concat(chunks);
        const ctx = options.ctx();
        (async () => {
          // mailparser (several MB of heap) is read with the first message, not when the server starts
          const { simpleParser } = await import('mailparser');
          const mail = await simpleParser(raw);
          return receiveMail(ctx, { tenantId: session.deskTenantId!, sender: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', mail, raw });
        })().then(
          (outcome) => callback(null, outcome.kind === 'ticket' ? `Ticket no ${outcome.number} ouvert` : outcome.kind === 'followup' ? 'Suivi ajoute au ticket' : 'Message deja recu'),
          (error: unknown) => {
            if (error instanceof AppError) return callback(smtpError(error.message, 550));
            ctx.log.error({ err: error }, 'courriel entrant : DATA');
            callback(smtpError('Erreur temporaire du guichet, réessayez plus tard.', 451));
          },
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => options.ctx().log.error({ err: error }, 'courriel entrant'));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return { server, port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
