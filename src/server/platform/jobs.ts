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
  /** A cron expression read in Europe/Paris (minute hour day month weekday); absent: run only when sent. */
  schedule?: string;
  /**
   * pg-boss queue policy: `short` (one waiting), `singleton` (one active), `stately` (one waiting
   * and one active). A job left active by a killed process holds a `singleton` or `stately` queue
   * until pg-boss expires it (15 minutes).
   */
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
  const policy = job.policy ?? 'standard';
  await boss.createQueue(job.name, { name: job.name, policy });
  // createQueue leaves an existing queue as it was: a policy changed in the code reaches existing databases here
  await boss.updateQueue(job.name, { name: job.name, policy });
  if (job.schedule) {
    const { cron, parisHours } = inUtc(job.schedule);
    await boss.schedule(job.name, cron, parisHours ? { parisHours } : {}, { tz: 'UTC' });
  }
  await boss.work<ScheduledRun>(job.name, { pollingIntervalSeconds, includeMetadata: true }, async ([run]) => {
    if (run && !isDue(run.data, run.createdOn)) return;
    await job.handler();
  });
}

/** What a scheduled run carries: the Paris hours it may run at (absent: any run, a sent one included). */
interface ScheduledRun {
  parisHours?: number[];
}

/**
 * A Paris schedule as pg-boss evaluates it cheaply. pg-boss checks every schedule twice a minute
 * with cron-parser, and in a named time zone each check walks back through luxon and Intl one step
 * at a time: measured 4 ms for an every-minute schedule and 17–21 ms for a nightly one, 125 ms
 * per check for the 11 schedules (in the process holding pg-boss's cron lock, busy or not), about
 * a third of that in UTC. Paris is a whole number of hours from UTC, so:
 * - a schedule whose hour is `*` fires at the same instants in UTC;
 * - one at given Paris hours fires in UTC at both hours each could be (winter and summer time),
 *   and a run whose Paris hour is not one of them does nothing (isDue). A run is then due exactly
 *   when cron-parser in Europe/Paris would fire it: none at 02:xx on the spring-forward night,
 *   two on the autumn one.
 */
export function inUtc(schedule: string): { cron: string; parisHours: number[] | null } {
  const fields = schedule.trim().split(/\s+/);
  if (fields.length !== 5) throw new Error(`Planification « ${schedule} » : cinq champs attendus (minute heure jour mois jour-de-semaine).`);
  const [minute, hour, ...days] = fields;
  if (hour === '*') return { cron: fields.join(' '), parisHours: null };
  if (!/^\d{1,2}(,\d{1,2})*$/.test(hour)) throw new Error(`Planification « ${schedule} » : l'heure doit être * ou une liste d'heures (3 ou 2,14).`);
  const parisHours = [...new Set(hour.split(',').map(Number))].sort((a, b) => a - b);
  if (parisHours.some((h) => h > 23)) throw new Error(`Planification « ${schedule} » : heure hors de 0–23.`);
  // an hour before 02:00 in Paris falls on the previous day in UTC: only with every day
  if (parisHours.some((h) => h < 2) && days.some((d) => d !== '*')) {
    throw new Error(`Planification « ${schedule} » : avant 02h, seulement tous les jours (le jour UTC serait la veille).`);
  }
  const utcHours = [...new Set(parisHours.flatMap((h) => [(h + 23) % 24, (h + 22) % 24]))].sort((a, b) => a - b);
  return { cron: [minute, utcHours.join(','), ...days].join(' '), parisHours };
}

const parisHour = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: 'numeric', hourCycle: 'h23' });

/** Whether a run is due: a scheduled one created (by pg-boss's cron, seconds after its minute) at one of its Paris hours. */
export function isDue(data: ScheduledRun | null | undefined, createdOn: Date | string): boolean {
  if (!data?.parisHours) return true;
  // a Date from node-postgres and PGlite; text would be read the same way
  return data.parisHours.includes(Number(parisHour.format(new Date(createdOn))));
}
