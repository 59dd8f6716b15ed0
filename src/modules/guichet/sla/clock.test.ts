import { describe, expect, it } from 'vitest';
import { opened, readClock, utc } from './clock-fixtures.js';

// Demo agreement, medium priority: own 240 business minutes, resolve 960, warnings at 75 %.
// Calendar: Monday-Friday 08:00-12:00 and 13:30-17:30, Europe/Paris. 21 April 2026 is a Tuesday.

describe('a running ticket', () => {
  it('counts business minutes and projects the deadlines and warnings from now', () => {
    const clock = readClock([opened('2026-04-21T09:00:00+02:00')], '2026-04-21T10:00:00+02:00');
    expect(clock.own).toEqual({
      targetMinutes: 240,
      elapsedMinutes: 60,
      remainingMinutes: 180,
      dueAt: utc('2026-04-21T14:30:00+02:00'), // 3 h in the morning, lunch, then 1 h
      metAt: null,
      breached: false,
      state: 'running',
      phase: 'running',
    });
    expect(clock.resolve.dueAt).toBe(utc('2026-04-23T09:00:00+02:00'));
    expect(clock.warnings).toEqual({
      ownWarnAt: utc('2026-04-21T12:00:00+02:00'), // 180 minutes: lands on closing time, stays there
      resolveWarnAt: utc('2026-04-22T14:30:00+02:00'), // 720 minutes
    });
  });

  it('stops time to own at the first assignment, and resolve keeps running', () => {
    const clock = readClock(
      [opened('2026-04-21T09:00:00+02:00'), { at: '2026-04-21T11:00:00+02:00', status: 'assigned' }],
      '2026-04-21T15:00:00+02:00',
    );
    expect(clock.own).toMatchObject({ elapsedMinutes: 120, metAt: utc('2026-04-21T11:00:00+02:00'), dueAt: null, state: 'met' });
    expect(clock.warnings.ownWarnAt).toBeNull();
    expect(clock.resolve).toMatchObject({ elapsedMinutes: 270, state: 'running' });
  });

  it('breaches time to own when nobody owns the ticket in time, and keeps the verdict once owned late', () => {
    const history = [opened('2026-04-21T09:00:00+02:00')];
    expect(readClock(history, '2026-04-22T09:00:00+02:00').own).toMatchObject({
      elapsedMinutes: 480,
      remainingMinutes: 0,
      dueAt: utc('2026-04-21T14:30:00+02:00'),
      breached: true,
      state: 'breached',
      phase: 'running',
    });
    const late = readClock([...history, { at: '2026-04-21T15:00:00+02:00', status: 'assigned' }], '2026-04-22T09:00:00+02:00');
    expect(late.own).toMatchObject({ elapsedMinutes: 270, metAt: utc('2026-04-21T15:00:00+02:00'), breached: true, state: 'breached', phase: 'stopped' });
  });

  it('reads the same whatever the order the history arrives in, and ignores events after now', () => {
    const events = [
      opened('2026-04-21T09:00:00+02:00'),
      { at: '2026-04-21T11:00:00+02:00', status: 'assigned' as const },
      { at: '2026-04-21T16:00:00+02:00', status: 'solved' as const },
    ];
    const now = '2026-04-21T15:00:00+02:00';
    expect(readClock([...events].reverse(), now)).toEqual(readClock(events, now));
    expect(readClock(events, now).resolve.state).toBe('running');
  });
});

describe('pauses', () => {
  // Thu 16 April 09:00 new, 09:30 assigned; Fri 17 16:00 waiting on the requester; Mon 20 10:00 answer.
  const history = [
    opened('2026-04-16T09:00:00+02:00'),
    { at: '2026-04-16T09:30:00+02:00', status: 'assigned' as const },
    { at: '2026-04-17T16:00:00+02:00', status: 'waiting-requester' as const },
    { at: '2026-04-20T10:00:00+02:00', status: 'assigned' as const },
  ];

  it('pauses over a weekend while waiting on the requester', () => {
    const paused = readClock(history, '2026-04-18T10:00:00+02:00');
    expect(paused.resolve).toMatchObject({ elapsedMinutes: 810, remainingMinutes: 150, dueAt: null, state: 'paused', phase: 'paused' });
    expect(paused.warnings.resolveWarnAt).toBe(utc('2026-04-17T14:30:00+02:00')); // reached before the pause
    // Thursday 420 + Friday until 16:00 390 + Monday 10:00-11:00 60; Friday 16:00-17:30 and Monday 08:00-10:00 are paused.
    const resumed = readClock(history, '2026-04-20T11:00:00+02:00');
    expect(resumed.resolve).toMatchObject({ elapsedMinutes: 870, dueAt: utc('2026-04-20T14:00:00+02:00'), state: 'running' });
  });

  it('does not pause while waiting on a third party, unless the agreement says so', () => {
    const thirdParty = [...history.slice(0, 2), { at: '2026-04-17T16:00:00+02:00', status: 'waiting-third-party' as const }];
    expect(readClock(thirdParty, '2026-04-20T10:00:00+02:00').resolve).toMatchObject({ elapsedMinutes: 1020, state: 'breached' });
  });
});

describe('reopening', () => {
  const history = [
    opened('2026-04-21T09:00:00+02:00', { status: 'assigned' }),
    { at: '2026-04-21T15:00:00+02:00', status: 'solved' as const },
  ];

  it('stops at the solution and resumes from the time already spent when reopened', () => {
    expect(readClock(history, '2026-04-22T10:00:00+02:00').resolve).toMatchObject({
      elapsedMinutes: 270,
      metAt: utc('2026-04-21T15:00:00+02:00'),
      dueAt: null,
      state: 'met',
    });
    const reopened = [...history, { at: '2026-04-23T09:00:00+02:00', status: 'reopened' as const }];
    const clock = readClock(reopened, '2026-04-23T10:00:00+02:00');
    expect(clock.resolve).toMatchObject({ elapsedMinutes: 330, metAt: null, state: 'running', dueAt: utc('2026-04-24T14:00:00+02:00') });
    const solvedAgain = [...reopened, { at: '2026-04-24T09:00:00+02:00', status: 'solved' as const }, { at: '2026-04-27T09:00:00+02:00', status: 'closed' as const }];
    expect(readClock(solvedAgain, '2026-04-28T09:00:00+02:00').resolve).toMatchObject({
      elapsedMinutes: 750,
      metAt: utc('2026-04-24T09:00:00+02:00'), // the solution, not the closing
      state: 'met',
    });
  });
});

describe('start and boundaries', () => {
  it('starts at openedAt when the call was logged later', () => {
    // Called Monday 20 April 16:00, logged Tuesday 10:00, assigned 11:00.
    const history = [opened('2026-04-21T10:00:00+02:00'), { at: '2026-04-21T11:00:00+02:00', status: 'assigned' as const }];
    const clock = readClock(history, '2026-04-21T12:00:00+02:00', { openedAt: '2026-04-20T16:00:00+02:00' });
    expect(clock.own).toMatchObject({ elapsedMinutes: 270, dueAt: utc('2026-04-21T10:30:00+02:00'), breached: true });
    expect(clock.resolve.elapsedMinutes).toBe(330);
    expect(readClock(history, '2026-04-21T12:00:00+02:00').own).toMatchObject({ elapsedMinutes: 60, state: 'met' });
  });

  it('counts nothing at night, including events exactly at midnight', () => {
    const history = [
      opened('2026-04-21T23:59:59+02:00'),
      { at: '2026-04-22T00:00:00+02:00', status: 'waiting-requester' as const },
      { at: '2026-04-23T00:00:00+02:00', status: 'assigned' as const },
    ];
    expect(readClock(history.slice(0, 1), '2026-04-22T00:00:00+02:00').own).toMatchObject({
      elapsedMinutes: 0,
      dueAt: utc('2026-04-22T12:00:00+02:00'),
    });
    const clock = readClock(history, '2026-04-23T09:00:00+02:00');
    expect(clock.own).toMatchObject({ elapsedMinutes: 0, metAt: utc('2026-04-22T00:00:00+02:00'), state: 'met' });
    expect(clock.resolve.elapsedMinutes).toBe(60); // Wednesday paused entirely
  });

  it('is on time when solved exactly at a deadline on closing time, late one second after', () => {
    // High priority: resolve in 480 minutes, from Tuesday 08:00: due Tuesday 17:30.
    const start = opened('2026-04-21T08:00:00+02:00', { priority: 4, status: 'assigned' });
    const solvedAt = (at: string) => readClock([start, { at, status: 'solved' }], '2026-04-22T09:00:00+02:00').resolve;
    expect(solvedAt('2026-04-21T17:30:00+02:00')).toMatchObject({ elapsedMinutes: 480, breached: false, state: 'met' });
    expect(solvedAt('2026-04-21T17:30:01+02:00')).toMatchObject({ elapsedMinutes: 480, breached: true, state: 'breached' });
    expect(readClock([start], '2026-04-21T17:30:00+02:00').resolve).toMatchObject({
      dueAt: utc('2026-04-21T17:30:00+02:00'),
      remainingMinutes: 0,
      state: 'running',
    });
    // Still open the next morning before opening: late, though no business minute has passed.
    expect(readClock([start], '2026-04-22T07:00:00+02:00').resolve).toMatchObject({ elapsedMinutes: 480, state: 'breached' });
  });
});
