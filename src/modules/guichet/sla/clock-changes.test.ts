import { describe, expect, it } from 'vitest';
import { DEMO_CALENDAR_ID, type SlaTarget, demoAgreement, parseServiceAgreement } from './agreement.js';
import { demoCalendar, parseBusinessCalendar } from './calendar-schema.js';
import { AGREEMENT, demoTimelines, opened, readClock, utc } from './clock-fixtures.js';
import { always } from './timeline.js';

const medium = demoAgreement.targets['3'];
const withMedium = (version: number, target: Partial<SlaTarget>, pauseOnThirdParty = false) =>
  parseServiceAgreement({ ...demoAgreement, version, pauseOnThirdParty, targets: { ...demoAgreement.targets, '3': { ...medium, ...target } } });
const agreementsFrom = (changeAt: string, next: ReturnType<typeof withMedium>) => ({
  [AGREEMENT]: [
    { from: new Date(0), value: demoAgreement },
    { from: changeAt, value: next },
  ],
});

describe('agreement changes', () => {
  const pausedOverWeekend = [
    opened('2026-04-16T09:00:00+02:00'),
    { at: '2026-04-16T09:30:00+02:00', status: 'assigned' as const },
    { at: '2026-04-17T16:00:00+02:00', status: 'waiting-requester' as const },
    { at: '2026-04-20T10:00:00+02:00', status: 'assigned' as const },
  ];

  it('keeps a pause when the agreement changes during it, and judges against the new target', () => {
    const agreements = agreementsFrom('2026-04-18T12:00:00+02:00', withMedium(2, { timeToResolveMinutes: 1200 }));
    expect(readClock(pausedOverWeekend, '2026-04-19T10:00:00+02:00', { agreements }).resolve).toMatchObject({
      targetMinutes: 1200,
      elapsedMinutes: 810,
      state: 'paused',
    });
    expect(readClock(pausedOverWeekend, '2026-04-20T11:00:00+02:00', { agreements }).resolve).toMatchObject({
      targetMinutes: 1200,
      elapsedMinutes: 870, // the same as without the change
      dueAt: utc('2026-04-21T08:30:00+02:00'),
      state: 'running',
    });
  });

  it('applies a new pause rule for third parties from its publication on, not before', () => {
    const history = [opened('2026-04-16T09:00:00+02:00', { status: 'assigned' }), { at: '2026-04-17T08:00:00+02:00', status: 'waiting-third-party' as const }];
    const now = '2026-04-20T10:00:00+02:00';
    const pausing = withMedium(2, {}, true);
    expect(readClock(history, now).resolve.elapsedMinutes).toBe(1020); // never paused
    expect(readClock(history, now, { agreements: { [AGREEMENT]: always(pausing) } }).resolve).toMatchObject({ elapsedMinutes: 420, state: 'paused' });
    // Published Friday at noon: Friday morning still counted.
    expect(readClock(history, now, { agreements: agreementsFrom('2026-04-17T12:00:00+02:00', pausing) }).resolve).toMatchObject({
      elapsedMinutes: 660,
      state: 'paused',
    });
  });

  it('does not reopen a verdict already given, but judges a reopened ticket against the new target', () => {
    const agreements = agreementsFrom('2026-04-22T00:00:00+02:00', withMedium(2, { timeToResolveMinutes: 250 }));
    const solved = [opened('2026-04-21T09:00:00+02:00', { status: 'assigned' }), { at: '2026-04-21T15:00:00+02:00', status: 'solved' as const }];
    expect(readClock(solved, '2026-04-23T08:00:00+02:00', { agreements }).resolve).toMatchObject({ targetMinutes: 960, elapsedMinutes: 270, state: 'met' });
    const reopened = [...solved, { at: '2026-04-23T09:00:00+02:00', status: 'reopened' as const }];
    expect(readClock(reopened, '2026-04-23T10:00:00+02:00', { agreements }).resolve).toMatchObject({
      targetMinutes: 250,
      elapsedMinutes: 330,
      dueAt: utc('2026-04-21T14:40:00+02:00'),
      state: 'breached',
    });
  });

  it('judges the whole ticket against the major target once it becomes major, but not the ownership already given', () => {
    const history = [
      opened('2026-04-21T08:00:00+02:00'),
      { at: '2026-04-21T08:10:00+02:00', status: 'assigned' as const },
      { at: '2026-04-21T14:00:00+02:00', priority: 6 as const },
    ];
    const clock = readClock(history, '2026-04-21T14:30:00+02:00');
    expect(clock.own).toMatchObject({ targetMinutes: 240, elapsedMinutes: 10, state: 'met' });
    expect(clock.resolve).toMatchObject({ targetMinutes: 240, elapsedMinutes: 300, dueAt: utc('2026-04-21T12:00:00+02:00'), state: 'breached' });
  });

  it('uses the targets of the category, and follows a change of category', () => {
    const network: SlaTarget = { timeToOwnMinutes: 60, timeToResolveMinutes: 480, warnBeforeMinutes: 15, calendarId: DEMO_CALENDAR_ID };
    const agreement = parseServiceAgreement({ ...demoAgreement, categories: { reseau: { '3': network } } });
    const agreements = { [AGREEMENT]: always(agreement) };
    const clock = readClock([opened('2026-04-21T09:00:00+02:00', { category: 'reseau' })], '2026-04-21T09:30:00+02:00', { agreements });
    expect(clock.own).toMatchObject({ targetMinutes: 60, dueAt: utc('2026-04-21T10:00:00+02:00') });
    expect(clock.warnings.ownWarnAt).toBe(utc('2026-04-21T09:45:00+02:00'));
    const moved = [opened('2026-04-21T09:00:00+02:00'), { at: '2026-04-21T09:20:00+02:00', category: 'reseau' }];
    expect(readClock(moved, '2026-04-21T09:30:00+02:00', { agreements }).own).toMatchObject({ targetMinutes: 60, elapsedMinutes: 30 });
  });
  it('follows the ticket to another agreement', () => {
    const other = parseServiceAgreement({ ...withMedium(1, { timeToOwnMinutes: 60 }), id: 'convention-lycees' });
    const agreements = { ...demoTimelines.agreements, 'convention-lycees': always(other) };
    const moved = [opened('2026-04-21T09:00:00+02:00'), { at: '2026-04-21T09:20:00+02:00', agreementId: 'convention-lycees' }];
    expect(readClock(moved, '2026-04-21T09:30:00+02:00', { agreements }).own).toMatchObject({ targetMinutes: 60, elapsedMinutes: 30 });
  });
});

describe('calendar changes', () => {
  const longDay = [{ from: '08:00', to: '18:00' }];
  const extended = parseBusinessCalendar({ week: { mon: longDay, tue: longDay, wed: longDay, thu: longDay, fri: longDay } });

  it('measures each stretch with the calendar in force then, and projects with the one in force now', () => {
    const calendars = {
      [DEMO_CALENDAR_ID]: [
        { from: new Date(0), value: demoCalendar },
        { from: '2026-04-22T00:00:00+02:00', value: extended },
      ],
    };
    const history = [opened('2026-04-21T09:00:00+02:00', { status: 'assigned' })];
    // Tuesday on the old hours (420), Wednesday morning on the new ones (240).
    expect(readClock(history, '2026-04-22T12:00:00+02:00', { calendars }).resolve).toMatchObject({
      elapsedMinutes: 660,
      dueAt: utc('2026-04-22T17:00:00+02:00'),
    });
    expect(readClock(history, '2026-04-22T12:00:00+02:00', { calendars: { [DEMO_CALENDAR_ID]: always(extended) } }).resolve.elapsedMinutes).toBe(780);
  });
});

describe('daylight saving time', () => {
  it('counts office hours across the spring and autumn weekends', () => {
    expect(readClock([opened('2026-03-27T16:00:00+01:00')], '2026-03-30T09:00:00+02:00').own).toMatchObject({
      elapsedMinutes: 150,
      dueAt: '2026-03-30T08:30:00.000Z',
    });
    expect(readClock([opened('2026-10-23T16:00:00+02:00')], '2026-10-26T09:00:00+01:00').own).toMatchObject({
      elapsedMinutes: 150,
      dueAt: '2026-10-26T09:30:00.000Z',
    });
  });

  it('counts the real length of the night when major incidents run on a round-the-clock calendar', () => {
    const allDay = [{ from: '00:00', to: '24:00' }];
    const onCall = parseBusinessCalendar({
      holidays: 'none',
      week: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
    });
    const agreement = parseServiceAgreement({
      ...demoAgreement,
      targets: { ...demoAgreement.targets, '6': { ...demoAgreement.targets['6'], calendarId: 'astreinte' } },
    });
    const clock = readClock([opened('2026-03-29T01:00:00+01:00', { priority: 6 })], '2026-03-29T04:00:00+02:00', {
      agreements: { [AGREEMENT]: always(agreement) },
      calendars: { ...demoTimelines.calendars, astreinte: always(onCall) },
    });
    expect(clock.own).toMatchObject({ targetMinutes: 30, elapsedMinutes: 120, state: 'breached' });
    expect(clock.resolve).toMatchObject({ elapsedMinutes: 120, dueAt: '2026-03-29T04:00:00.000Z' });
  });
});

describe('refusals', () => {
  it('needs a first event that says everything, and versions in force', () => {
    expect(() => readClock([], '2026-04-21T09:00:00+02:00')).toThrow(/premier événement/);
    expect(() => readClock([{ at: '2026-04-21T09:00:00+02:00', status: 'new' }], '2026-04-21T10:00:00+02:00')).toThrow(/premier événement/);
    expect(() => readClock([opened('2026-04-21T09:00:00+02:00', { agreementId: 'inconnue' })], '2026-04-21T10:00:00+02:00')).toThrow(/convention « inconnue »/);
    const late = { [AGREEMENT]: [{ from: '2026-05-01T00:00:00+02:00', value: demoAgreement }] };
    expect(() => readClock([opened('2026-04-21T09:00:00+02:00')], '2026-04-21T10:00:00+02:00', { agreements: late })).toThrow(/en vigueur/);
    expect(() => readClock([opened('2026-04-21T09:00:00+02:00')], '2026-04-21T10:00:00+02:00', { calendars: {} })).toThrow(/calendrier/);
  });
});
