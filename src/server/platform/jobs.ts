import PgBoss from 'pg-boss';
import type { FastifyInstance } from 'fastify';
import { jobDatabase } from './job-database.js';

/**
 * The one job registry on one pg-boss 10 instance, on the app's own database (schema `pgboss`):
 * each module declares its jobs in its definition, `buildApp` registers them all here.
 *
 * pg-boss is given our connection through its `db` option (job-database.ts): the node-postgres
 * pool on a PostgreSQL server, PGlite itself by default. A schedule is a pg-boss cron (one job per
 * tick across processes). Exactly-once does not rely on pg-boss alone: the handlers guard
 * themselves in SQL (the service-level watcher, the mail sender, the inventory inbox).
 */
export interface JobDefinition {
  /** The pg-boss queue, prefixed by the module (`guichet-sla-watch`). */
  name: string;
  /** What the job does; also what `runNow` runs in this process. */
  handler: () => Promise<unknown>;
  /** A cron expression in Europe/Paris; absent: run only when sent. */
  schedule?: string;
  /** pg-boss queue policy: `singleton` (one active), `stately` (one queued and one active)… */
  policy?: 'standard' | 'short' | 'singleton' | 'stately';
  /** Also run once in this process when the app is ready (what a stopped process left), whether jobs are on or not. */
  atStartup?: boolean;
}

export interface Jobs {
  /** Whether this process runs pg-boss (COHERENCE_JOBS). */
  readonly enabled: boolean;
  /** Runs a job's handler now in this process (what the schedule would do), for tests and the CLI. */
  runNow(name: string): Promise<unknown>;
  /** Asks pg-boss to run a job (any process may take it); refused when jobs are off. */
  send(name: string): Promise<void>;
  /** Sends, and logs a failure instead of throwing; nothing when jobs are off (a wake-up, not a duty). */
  wake(name: string): void;
  /** Resolves with the result of a job's startup run (null: none, or it failed). */
  startupRun(name: string): Promise<unknown>;
}

declare module 'fastify' {
  interface FastifyInstance {
    jobs: Jobs;
  }
}

const pollingIntervalSeconds = 2;

/** Decorates the app with the registry; pg-boss starts on ready (jobs on) and stops on close. */
export function installJobs(app: FastifyInstance, definitions: JobDefinition[], options: { enabled: boolean }) {
  const byName = new Map(definitions.map((job) => [job.name, job]));
  if (byName.size !== definitions.length) throw new Error('Deux tâches de fond portent le même nom.');
  let boss: PgBoss | null = null;
  const startups = new Map<string, Promise<unknown>>();
  const find = (name: string) => {
    const job = byName.get(name);
    if (!job) throw new Error(`Tâche de fond inconnue : ${name}.`);
    return job;
  };
  const jobs: Jobs = {
    enabled: options.enabled,
    runNow: (name) => find(name).handler(),
    async send(name) {
      find(name);
      if (!boss) throw new Error('Les tâches de fond sont arrêtées (jobs désactivés).');
      await boss.send(name, {});
    },
    wake(name) {
      boss?.send(name, {}).catch((error: unknown) => app.log.error({ err: error, job: name }, 'pg-boss : réveil refusé'));
    },
    startupRun: (name) => startups.get(name) ?? Promise.resolve(null),
  };
  app.decorate('jobs', jobs);

  app.addHook('onReady', async () => {
    for (const job of definitions.filter((j) => j.atStartup)) {
      startups.set(
        job.name,
        job.handler().catch((error: unknown) => {
          app.log.error({ err: error, job: job.name }, 'tâche de fond : échec du passage de démarrage');
          return null;
        }),
      );
    }
    if (!options.enabled) return;
    boss = new PgBoss({ db: jobDatabase(app.database), schema: 'pgboss', supervise: true, schedule: true } as PgBoss.ConstructorOptions);
    boss.on('error', (error) => app.log.error({ err: error }, 'pg-boss'));
    await boss.start();
    for (const job of definitions) await register(boss, job);
  });
  app.addHook('onClose', async () => {
    if (boss) await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    boss = null;
    await Promise.all(startups.values());
  });
}

async function register(boss: PgBoss, job: JobDefinition) {
  await boss.createQueue(job.name, { name: job.name, policy: job.policy ?? 'standard' });
  if (job.schedule) await boss.schedule(job.name, job.schedule, {}, { tz: 'Europe/Paris' });
  await boss.work(job.name, { pollingIntervalSeconds }, async () => {
    await job.handler();
  });
}
