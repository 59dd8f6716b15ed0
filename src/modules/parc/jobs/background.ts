import type { FastifyInstance } from 'fastify';
import { appSystemCtx } from '../../../server/platform/http.js';
import type { JobDefinition } from '../../../server/platform/jobs.js';
import { purgeExpiredUnassigned } from '../operations/keep-unassigned.js';
import { agentIntake, type AgentIntake, type AgentIntakeSettings } from './agent-intake.js';
import { drainInbox, type DrainResult } from './inventory-inbox.js';

/**
 * What the fleet runs beside the HTTP server:
 * - at startup, a run of the inbox job below: a drain of the inventory inbox (reports a crashed or stopped process acknowledged
 *   as pending and did not store yet), in the background, awaited on close;
 * - with jobs on, a pg-boss queue on the platform's one instance that drains the inbox: every
 *   minute (cron, one job across processes) and as soon as the endpoint queues a report (`short`:
 *   at most one job waiting, so a burst of pending reports makes one drain, not thousands). The
 *   same job deletes unassigned reports past their keeping time.
 *   Not `stately` (one waiting and one active): a process killed during a drain leaves its job
 *   active until pg-boss expires it (15 minutes), and no other drain could start meanwhile, so
 *   reports acknowledged as pending after the crash waited that long. Drains running side by side
 *   are safe (below).
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

declare module '../../../server/platform/module.js' {
  interface ModuleSettings {
    /** Agent endpoints: in-flight ingestions before the inbox, unassigned queue caps (agent-intake.ts). */
    inventory: Partial<AgentIntakeSettings>;
  }
}

const inboxJob = 'parc-inventory-inbox';

export function parcBackgroundOf(app: FastifyInstance): ParcBackground {
  if (!app.hasDecorator('parcBackground')) throw new Error('Tâches de fond du parc non installées.');
  return app.parcBackground;
}

/** The module's install step: the intake the agent routes read, and the drain the jobs run. */
export function installParcBackground(app: FastifyInstance) {
  let stopping = false;
  const drain = () => drainInbox(appSystemCtx(app), { stopping: () => stopping });
  const intake = agentIntake(app.config.inventory, () => app.jobs.wake(inboxJob));
  app.decorate('parcBackground', { intake, drainNow: drain, startupDrain: () => app.jobs.startupRun(inboxJob) as Promise<DrainResult | null> });
  app.addHook('preClose', async () => {
    stopping = true;
  });
}

export function parcJobs(app: FastifyInstance): JobDefinition[] {
  const { drainNow, intake } = app.parcBackground;
  return [
    {
      name: inboxJob,
      policy: 'short',
      schedule: '* * * * *',
      // what a crashed or stopped process left, drained at startup whether jobs run here or not
      atStartup: true,
      handler: async () => {
        await purgeExpiredUnassigned(app.database.db, intake.settings, app.clock());
        return drainNow();
      },
    },
  ];
}
