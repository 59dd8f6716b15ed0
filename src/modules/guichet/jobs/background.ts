import nodemailer, { type Transporter } from 'nodemailer';
import type { FastifyInstance } from 'fastify';
import { appSystemCtx } from '../../../server/platform/http.js';
import type { JobDefinition } from '../../../server/platform/jobs.js';
import { startInboundServer } from '../mail/inbound-server.js';
import { sendPendingNotifications, type MailSettings } from '../mail/send-notifications.js';
import { watchServiceLevels } from './watch-service-levels.js';

/**
 * What the service desk runs beside the HTTP server, started and stopped with the app:
 * - the inbound SMTP listener (mail.inboundPort);
 * - two jobs on the platform's pg-boss instance: the service-level watcher and the mail sender,
 *   each scheduled every minute (pg-boss cron: one job per minute across processes).
 *
 * The job functions take the app's clock, so tests move time; exactly-once does not rely on
 * pg-boss alone: the jobs guard themselves in SQL (see watch-service-levels.ts and
 * send-notifications.ts).
 */

export interface MailConfig {
  /** Port of the inbound SMTP listener; absent: no listener. 0: any free port (tests). */
  inboundPort?: number;
  inboundHost?: string;
  /** Largest message accepted, in bytes (25 MB by default). */
  maxMessageBytes?: number;
  /** Outgoing SMTP server (smtp://user:pass@host:587); absent: mail stays queued, shown in the app. */
  smtpUrl?: string;
  /** Sender of notification mail (default: guichet@<public host>). */
  from?: string;
}

declare module '../../../server/platform/module.js' {
  interface ModuleSettings {
    /** Service desk mail: inbound SMTP listener, outgoing SMTP server. */
    mail: MailConfig;
  }
}

export interface GuichetBackground {
  /** The port the inbound listener listens on (null: none). */
  inboundPort: number | null;
  /** Runs a job now in this process (what the schedule would do), for tests and the CLI. */
  runNow(job: 'sla-watch' | 'mail-send'): Promise<unknown>;
  /** Asks pg-boss to run a job (any process may take it). */
  enqueue(job: 'sla-watch' | 'mail-send'): Promise<void>;
}

interface DeskMail {
  background: GuichetBackground;
  transport: Transporter | null;
  settings: MailSettings;
}

declare module 'fastify' {
  interface FastifyInstance {
    guichetMail: DeskMail;
  }
}

const queues = { 'sla-watch': 'guichet-sla-watch', 'mail-send': 'guichet-mail-send' } as const;

export function backgroundOf(app: FastifyInstance): GuichetBackground {
  if (!app.hasDecorator('guichetMail')) throw new Error('Tâches de fond du guichet non installées.');
  return app.guichetMail.background;
}

export function mailSettingsOf(publicUrl: string, mail: MailConfig): MailSettings {
  const host = new URL(publicUrl).hostname || 'localhost';
  return { from: mail.from ?? `Guichet unique <guichet@${host}>`, domain: host, publicUrl };
}

/** Read from the environment by the server's settings (COHERENCE_MAIL_*, COHERENCE_SMTP_URL). */
export function mailConfigFromEnv(env: NodeJS.ProcessEnv): MailConfig {
  return {
    inboundPort: env.COHERENCE_MAIL_INBOUND_PORT ? Number(env.COHERENCE_MAIL_INBOUND_PORT) : undefined,
    inboundHost: env.COHERENCE_MAIL_INBOUND_HOST || undefined,
    maxMessageBytes: env.COHERENCE_MAIL_MAX_BYTES ? Number(env.COHERENCE_MAIL_MAX_BYTES) : undefined,
    smtpUrl: env.COHERENCE_SMTP_URL || undefined,
    from: env.COHERENCE_MAIL_FROM || undefined,
  };
}

/** The module's install step: the outgoing transport and the inbound listener, with the app's lifecycle. */
export function installGuichetBackground(app: FastifyInstance) {
  const mail = app.config.mail ?? {};
  const transport: Transporter | null = mail.smtpUrl ? nodemailer.createTransport(mail.smtpUrl) : null;
  let inbound: Awaited<ReturnType<typeof startInboundServer>> | null = null;
  const background: GuichetBackground = {
    inboundPort: null,
    runNow: (job) => app.jobs.runNow(queues[job]),
    enqueue: (job) => app.jobs.send(queues[job]),
  };
  app.decorate('guichetMail', { background, transport, settings: mailSettingsOf(app.config.publicUrl, mail) });

  app.addHook('onReady', async () => {
    if (mail.inboundPort === undefined) return;
    inbound = await startInboundServer({
      port: mail.inboundPort,
      host: mail.inboundHost,
      maxMessageBytes: mail.maxMessageBytes ?? 25 * 1024 * 1024,
      ctx: () => appSystemCtx(app),
    });
    background.inboundPort = inbound.port;
  });
  app.addHook('onClose', async () => {
    if (inbound) await inbound.close();
    inbound = null;
    transport?.close();
  });
}

export function guichetJobs(app: FastifyInstance): JobDefinition[] {
  const { transport, settings } = app.guichetMail;
  const send = () => sendPendingNotifications(appSystemCtx(app), transport, settings);
  return [
    {
      name: queues['sla-watch'],
      policy: 'singleton',
      schedule: '* * * * *',
      handler: async () => {
        const watched = await watchServiceLevels(appSystemCtx(app));
        // what the watcher queued goes out in the same minute
        await send();
        return watched;
      },
    },
    { name: queues['mail-send'], policy: 'singleton', schedule: '* * * * *', handler: send },
  ];
}
