import { describe, expect, it } from 'vitest';
import { opened, readClock } from './clock-fixtures.js';
import { clockStateLabel, formatDeadline, slaAlerts } from './escalation.js';

describe('warnings and escalations', () => {
  const history = [opened('2026-04-21T09:00:00+02:00')];
  const alertsAt = (now: string, events = history) => slaAlerts(readClock(events, now), now);

  it('says nothing before the warning time', () => {
    expect(alertsAt('2026-04-21T10:00:00+02:00')).toEqual([]);
  });

  it('warns once 75 % of the time to own is spent', () => {
    expect(alertsAt('2026-04-21T12:00:00+02:00')).toEqual([
      { clock: 'own', level: 'warning', dueAt: '2026-04-21T12:30:00.000Z', message: 'Délai de prise en charge bientôt atteint : échéance mardi 21 avril à 14h30.' },
    ]);
  });

  it('escalates at the breach, and stops asking once the clock has stopped', () => {
    expect(alertsAt('2026-04-21T14:31:00+02:00')).toEqual([
      { clock: 'own', level: 'breach', dueAt: '2026-04-21T12:30:00.000Z', message: 'Délai de prise en charge dépassé (échéance : mardi 21 avril à 14h30).' },
    ]);
    const owned = [...history, { at: '2026-04-21T15:00:00+02:00', status: 'assigned' as const }];
    expect(alertsAt('2026-04-21T15:01:00+02:00', owned)).toEqual([]);
  });

  it('does not warn while paused on the requester', () => {
    const waiting = [
      opened('2026-04-21T09:00:00+02:00', { status: 'assigned' }),
      { at: '2026-04-22T16:00:00+02:00', status: 'waiting-requester' as const },
    ];
    const now = '2026-04-23T09:00:00+02:00';
    expect(readClock(waiting, now).warnings.resolveWarnAt).not.toBeNull();
    expect(alertsAt(now, waiting)).toEqual([]);
  });

  it('has French labels and dates', () => {
    expect(clockStateLabel('breached')).toBe('Dépassé');
    expect(clockStateLabel('paused')).toBe('En pause');
    expect(formatDeadline('2026-10-26T07:30:00.000Z')).toBe('lundi 26 octobre à 08h30');
  });
});
