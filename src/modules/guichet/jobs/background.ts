import type { FastifyInstance } from 'fastify';
import { appSystemCtx } from '../../../server/platform/http.js';
import type { JobDefinition } from '../../../server/platform/jobs.js';
import { mailSendQueue, sendPendingMail } from '../../../server/platform/mail.js';
import { startInboundServer } from '../mail/inbound-server.js';
import { watchServiceLevels } from './watch-service-levels.js';

/**
 * What the service desk runs beside the HTTP server, started and stopped with the app:
 * - the inbound SMTP listener (mail.inboundPort);
 * - the service-level watcher on the platform's pg-boss instance, every minute (pg-boss cron:
 *   one job per minute across processes), which sends what it queued in the same minute through
 *   the platform's mail job (platform/mail.ts).
 *
 * The job functions take the app's clock, so tests move time; exactly-once does not rely on
 * pg-boss alone: the jobs guard themselves in SQL (see watch-service-levels.ts and platform/mail.ts).
 */

declare module '../../../server/platform/mail.js' {
  interface MailConfig {
    /** Port of the desk's inbound SMTP listener; absent: no listener. 0: any free port (tests). */
    inboundPort?: number;
    inboundHost?: string;
    /** Largest message accepted, in bytes (25 MB by default). */
    maxMessageBytes?: number;
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

declare module 'fastify' {
  interface FastifyInstance {
    guichetMail: { background: GuichetBackground };
  }
}

const queues = { 'sla-watch': 'guichet-sla-watch', 'mail-send': mailSendQueue } as const;

export function backgroundOf(app: FastifyInstance): GuichetBackground {
  if (!app.hasDecorator('guichetMail')) throw new Error('Tâches de fond du guichet non installées.');
  return app.guichetMail.background;
}

/** The desk's inbound listener, read from the environment by the server's settings (COHERENCE_MAIL_*). */
export function mailConfigFromEnv(env: NodeJS.ProcessEnv) {
  return {
    inboundPort: env.COHERENCE_MAIL_INBOUND_PORT ? Number(env.COHERENCE_MAIL_INBOUND_PORT) : undefined,
    inboundHost: env.COHERENCE_MAIL_INBOUND_HOST || undefined,
    maxMessageBytes: env.COHERENCE_MAIL_MAX_BYTES ? Number(env.COHERENCE_MAIL_MAX_BYTES) : undefined,
  };
}

/** The module's install step: the inbound listener, with the app's lifecycle. */
export function installGuichetBackground(app: FastifyInstance) {
  const mail = app.config.mail ?? {};
  let inbound: Awaited<ReturnType<typeof startInboundServer>> | null = null;
  const background: GuichetBackground = {
    inboundPort: null,
    runNow: (job) => app.jobs.runNow(queues[job]),
    enqueue: (job) => app.jobs.send(queues[job]),
  };
  app.decorate('guichetMail', { background });

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
  });
}

export function guichetJobs(app: FastifyInstance): JobDefinition[] {
  return [
    {
      name: queues['sla-watch'],
      policy: 'singleton',
      schedule: '* * * * *',
      handler: async () => {
        const watched = await watchServiceLevels(appSystemCtx(app));
        // what the watcher queued goes out in the same minute
        await sendPendingMail(app);
        return watched;
      },
    },
  ];
}
