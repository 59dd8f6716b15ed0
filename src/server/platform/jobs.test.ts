import { describe, expect, it } from 'vitest';
import { inUtc, isDue } from './jobs.js';

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
