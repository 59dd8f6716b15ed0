import Fastify from 'fastify';
import PgBoss from 'pg-boss';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/database.js';
import { rows } from './db.js';
import { jobDatabase } from './job-database.js';
import { inUtc, installJobs, isDue } from './jobs.js';

/** The UTC minutes of a day at which a Paris schedule, as registered, starts its handler. */
function runsOn(schedule: string, dayUtc: string): string[] {
  const { cron, parisHours } = inUtc(schedule);
  const [minute, hours] = cron.split(' ');
  const start = Date.parse(`${dayUtc}T00:00:00Z`);
  const runs: string[] = [];
  for (const hour of hours.split(',').map(Number)) {
    // pg-boss's cron creates the run a few seconds after its minute
    const createdOn = new Date(start + hour * 3_600_000 + Number(minute) * 60_000 + 4_000);
    if (isDue(parisHours ? { parisHours } : {}, createdOn)) runs.push(createdOn.toISOString().slice(11, 16));
  }
  return runs;
}

describe('schedules read in Paris, registered in UTC', () => {
  it('keeps a schedule without an hour as it is', () => {
    expect(inUtc('* * * * *')).toEqual({ cron: '* * * * *', parisHours: null });
    expect(inUtc('*/15 * * * *')).toEqual({ cron: '*/15 * * * *', parisHours: null });
  });

  it('fires a nightly job at its Paris hour in winter and in summer, once a day', () => {
    expect(inUtc('30 3 * * *')).toEqual({ cron: '30 1,2 * * *', parisHours: [3] });
    expect(runsOn('30 3 * * *', '2026-12-07')).toEqual(['02:30']); // 03:30 CET
    expect(runsOn('30 3 * * *', '2026-07-01')).toEqual(['01:30']); // 03:30 CEST
    expect(runsOn('15 6 * * *', '2026-12-07')).toEqual(['05:15']);
  });

  it('does what cron-parser does in Europe/Paris on the nights the clocks change', () => {
    // 29 March 2026: 02:00 becomes 03:00, there is no 02:30; 25 October: 02:30 happens twice
    expect(runsOn('30 2 * * *', '2026-03-29')).toEqual([]);
    expect(runsOn('30 3 * * *', '2026-03-29')).toEqual(['01:30']);
    expect(runsOn('30 2 * * *', '2026-10-25')).toEqual(['00:30', '01:30']);
    expect(runsOn('0 3 * * *', '2026-10-25')).toEqual(['02:00']);
  });

  it('runs a job sent by hand whatever the hour', () => {
    expect(isDue({}, new Date('2026-12-07T12:00:00Z'))).toBe(true);
    expect(isDue(null, new Date('2026-12-07T12:00:00Z'))).toBe(true);
  });

  it('refuses what it cannot carry over to UTC', () => {
    expect(() => inUtc('0 1 1 * *')).toThrow(/avant 02h/);
    expect(() => inUtc('0 1-3 * * *')).toThrow(/liste d'heures/);
    expect(() => inUtc('0 3 * *')).toThrow(/cinq champs/);
    expect(inUtc('0 3 1 * *')).toEqual({ cron: '0 1,2 1 * *', parisHours: [3] });
  });
});

describe('a nightly job on pg-boss', () => {
  it('is registered in UTC with its Paris hours, and a run pg-boss makes outside them does nothing', async () => {
    const database = await testDatabase();
    const app = Fastify();
    app.decorate('database', database);
    const ran: string[] = [];
    installJobs(app, [{ name: 'platform-test-nightly', schedule: '30 3 * * *', policy: 'singleton', handler: async () => void ran.push('nightly') }], { enabled: true });
    const sender = new PgBoss({ db: jobDatabase(database), schema: 'pgboss', supervise: false, schedule: false } as PgBoss.ConstructorOptions);
    try {
      await app.ready();
      const [schedule] = await rows<{ cron: string; timezone: string; data: unknown }>(database.db, sql`select cron, timezone, data from pgboss.schedule where name = 'platform-test-nightly'`);
      expect(schedule).toEqual({ cron: '30 1,2 * * *', timezone: 'UTC', data: { parisHours: [3] } });
      await sender.start();
      const parisHourNow = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: 'numeric', hourCycle: 'h23' }).format(new Date()));
      // a run made outside its Paris hours, then one within them (this hour or the next: the test may cross an hour)
      const skipped = await sender.send('platform-test-nightly', { parisHours: [(parisHourNow + 12) % 24] });
      const due = await sender.send('platform-test-nightly', { parisHours: [parisHourNow, (parisHourNow + 1) % 24] });
      const states = async () => rows<{ id: string; state: string }>(database.db, sql`select id::text, state::text from pgboss.job where name = 'platform-test-nightly'`);
      for (let i = 0; i < 60 && (await states()).some((j) => j.state !== 'completed'); i++) await new Promise((r) => setTimeout(r, 250));
      expect((await states()).map((j) => j.id).sort()).toEqual([skipped, due].sort());
      expect((await states()).every((j) => j.state === 'completed')).toBe(true);
      expect(ran).toEqual(['nightly']);
    } finally {
      await sender.stop({ graceful: false, wait: true });
      await app.close();
      await database.close();
    }
  }, 60_000);
});
