import PgBoss from 'pg-boss';
import type { FastifyInstance } from 'fastify';
import { systemCtx, type Ctx } from '../../../server/platform/context.js';
import { purgeExpiredUnassigned } from '../operations/keep-unassigned.js';
import { agentIntake, type AgentIntake, type AgentIntakeSettings } from './agent-intake.js';
import { drainInbox, type DrainResult } from './inventory-inbox.js';
import { jobDatabase } from '../../../server/platform/job-database.js';

/**
 * What the fleet runs beside the HTTP server:
 * - at startup, a drain of the inventory inbox (reports a crashed or stopped process acknowledged
 *   as pending and did not store yet), in the background, awaited on close;
 * - with jobs on, a pg-boss queue on the app's own database that drains the inbox: every minute
 *   (cron, one job across processes) and as soon as the endpoint queues a report (`stately`: at
 *   most one job waiting, so a burst of pending reports makes one drain, not thousands). The same
 *   job deletes unassigned reports past their keeping time.
 * Exactly-once does not rely on pg-boss: the drain deletes each row in the device's transaction
 * (inventory-inbox.ts), so two processes draining at once never store a report twice.
 */
export interface ParcBackground {
  intake: AgentIntake;
  /** Drains the inbox now in this process (what the job does), for tests and the CLI. */
  drainNow(): Promise<DrainResult>;
  /** Resolves when the startup drain has finished. */
  startupDrain(): Promise<DrainResult | null>;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Set by installParcBackground; inherited by every plugin scope (the agent routes read it). */
    parcBackground: ParcBackground;
  }
}

const queue = 'parc-inventory-inbox';

export function parcBackgroundOf(app: FastifyInstance): ParcBackground {
  if (!app.hasDecorator('parcBackground')) throw new Error('Tâches de fond du parc non installées.');
  return app.parcBackground;
}

export function installParcBackground(app: FastifyInstance, options: { jobs: boolean; inventory?: Partial<AgentIntakeSettings> }) {
  const ctx = (): Ctx => systemCtx(app.database.db, app.clock, app.log);
  let boss: PgBoss | null = null;
  let stopping = false;
  let startup: Promise<DrainResult | null> = Promise.resolve(null);
  const drain = () => drainInbox(ctx(), app.database, { stopping: () => stopping });
  const intake = agentIntake(options.inventory, () => {
    boss?.send(queue, {}).catch((error: unknown) => app.log.error({ err: error }, 'pg-boss : réveil du traitement des inventaires en file'));
  });
  app.decorate('parcBackground', { intake, drainNow: drain, startupDrain: () => startup });

  app.addHook('onReady', async () => {
    startup = drain().catch((error: unknown) => {
      app.log.error({ err: error }, 'inventaires en file : échec du passage de démarrage');
      return null;
    });
    if (!options.jobs) return;
    boss = new PgBoss({ db: jobDatabase(app.database), schema: 'pgboss', supervise: true, schedule: true } as PgBoss.ConstructorOptions);
    boss.on('error', (error) => app.log.error({ err: error }, 'pg-boss'));
    await boss.start();
    await boss.createQueue(queue, { name: queue, policy: 'stately' });
    await boss.schedule(queue, '* * * * *', {}, { tz: 'Europe/Paris' });
    await boss.work(queue, { pollingIntervalSeconds: 2 }, async () => {
      await purgeExpiredUnassigned(app.database.db, intake.settings, app.clock());
      await drain();
    });
  });
  app.addHook('onClose', async () => {
    stopping = true;
    if (boss) await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    boss = null;
    await startup;
  });
}
