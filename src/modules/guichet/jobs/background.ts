import PgBoss from 'pg-boss';
import nodemailer, { type Transporter } from 'nodemailer';
import type { FastifyInstance } from 'fastify';
import { systemCtx, type Ctx } from '../../../server/platform/context.js';
import { startInboundServer } from '../mail/inbound-server.js';
import { sendPendingNotifications, type MailSettings } from '../mail/send-notifications.js';
import { watchServiceLevels } from './watch-service-levels.js';
import { jobDatabase } from '../../../server/platform/job-database.js';

/**
 * What the service desk runs beside the HTTP server, started and stopped with the app:
 * - the inbound SMTP listener (mail.inboundPort);
 * - two pg-boss 10 queues on the app's own database: the service-level watcher and the mail
 *   sender, each scheduled every minute (pg-boss cron: one job per minute across processes).
 *
 * pg-boss is given our connection through its `db` option (executeSql): the node-postgres pool
 * on a PostgreSQL server, and PGlite itself by default (`npm start`): pg-boss 10 works on
 * PGlite this way (its multi-statement SQL goes through PGlite's exec, the rest through query).
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

export interface GuichetBackground {
  /** The port the inbound listener listens on (null: none). */
  inboundPort: number | null;
  /** Runs a job now in this process (what the schedule would do), for tests and the CLI. */
  runNow(job: 'sla-watch' | 'mail-send'): Promise<unknown>;
  /** Asks pg-boss to run a job (any process may take it). */
  enqueue(job: 'sla-watch' | 'mail-send'): Promise<void>;
}

const queues = { 'sla-watch': 'guichet-sla-watch', 'mail-send': 'guichet-mail-send' } as const;
const backgrounds = new WeakMap<FastifyInstance, GuichetBackground>();

export function backgroundOf(app: FastifyInstance): GuichetBackground {
  const found = backgrounds.get(app);
  if (!found) throw new Error('Tâches de fond du guichet non installées.');
  return found;
}

export function mailSettingsOf(publicUrl: string, mail: MailConfig): MailSettings {
  const host = new URL(publicUrl).hostname || 'localhost';
  return { from: mail.from ?? `Guichet unique <guichet@${host}>`, domain: host, publicUrl };
}

export function installGuichetBackground(app: FastifyInstance, options: { jobs: boolean; mail: MailConfig; publicUrl: string }) {
  const ctx = (): Ctx => systemCtx(app.database.db, app.clock, app.log);
  const settings = mailSettingsOf(options.publicUrl, options.mail);
  const transport: Transporter | null = options.mail.smtpUrl ? nodemailer.createTransport(options.mail.smtpUrl) : null;
  const run = {
    'sla-watch': async () => {
      const watched = await watchServiceLevels(ctx());
      // what the watcher queued goes out in the same minute
      await sendPendingNotifications(ctx(), transport, settings);
      return watched;
    },
    'mail-send': () => sendPendingNotifications(ctx(), transport, settings),
  };
  let boss: PgBoss | null = null;
  let inbound: Awaited<ReturnType<typeof startInboundServer>> | null = null;
  const background: GuichetBackground = {
    inboundPort: null,
    runNow: (job) => run[job](),
    async enqueue(job) {
      if (!boss) throw new Error('Les tâches de fond sont arrêtées (jobs désactivés).');
      await boss.send(queues[job], {});
    },
  };
  backgrounds.set(app, background);

  app.addHook('onReady', async () => {
    if (options.mail.inboundPort !== undefined) {
      inbound = await startInboundServer({
        port: options.mail.inboundPort,
        host: options.mail.inboundHost,
        maxMessageBytes: options.mail.maxMessageBytes ?? 25 * 1024 * 1024,
        ctx,
      });
      background.inboundPort = inbound.port;
    }
    if (options.jobs) {
      boss = new PgBoss({ db: jobDatabase(app.database), schema: 'pgboss', supervise: true, schedule: true } as PgBoss.ConstructorOptions);
      boss.on('error', (error) => app.log.error({ err: error }, 'pg-boss'));
      await boss.start();
      for (const job of Object.keys(queues) as (keyof typeof queues)[]) {
        const name = queues[job];
        await boss.createQueue(name, { name, policy: 'singleton' });
        await boss.schedule(name, '* * * * *', {}, { tz: 'Europe/Paris' });
        await boss.work(name, { pollingIntervalSeconds: 2 }, async () => {
          await run[job]();
        });
      }
    }
  });
  app.addHook('onClose', async () => {
    if (boss) await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    boss = null;
    if (inbound) await inbound.close();
    inbound = null;
    transport?.close();
  });
}
