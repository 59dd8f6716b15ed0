import { DateTime } from 'luxon';
import type { ClockKind } from './agreement.js';
import type { ClockReading, ClockState, SlaClock } from './clock.js';
import { type Instant, toMillis } from './instant.js';

/**
 * What a clock reading asks for now: a warning before the breach, an escalation at the breach.
 * Pure: the service desk decides whom to tell and remembers what it already sent.
 *
 * - 'warning' when the warning time has come, the clock runs and is not breached yet (a clock
 *   paused on the requester does not warn: nobody at the desk can act on it);
 * - 'breach' when the clock is breached and the ticket is not solved (paused included: the
 *   deadline has passed, waiting does not undo it).
 */

export type SlaAlertLevel = 'warning' | 'breach';

export interface SlaAlert {
  clock: ClockKind;
  level: SlaAlertLevel;
  dueAt: string | null;
  /** French message for the person in charge. */
  message: string;
}

export function slaAlerts(clock: SlaClock, now: Instant, timeZone = 'Europe/Paris'): SlaAlert[] {
  const nowMs = toMillis(now);
  const alerts: SlaAlert[] = [];
  const check = (kind: ClockKind, reading: ClockReading, warnAt: string | null) => {
    if (reading.breached && reading.phase !== 'stopped') {
      alerts.push({ clock: kind, level: 'breach', dueAt: reading.dueAt, message: breachMessage(kind, reading.dueAt, timeZone) });
    } else if (!reading.breached && reading.phase === 'running' && warnAt !== null && toMillis(warnAt) <= nowMs) {
      alerts.push({ clock: kind, level: 'warning', dueAt: reading.dueAt, message: warningMessage(kind, reading.dueAt, timeZone) });
    }
  };
  check('own', clock.own, clock.warnings.ownWarnAt);
  check('resolve', clock.resolve, clock.warnings.resolveWarnAt);
  return alerts;
}

const clockStateLabels: Record<ClockState, string> = {
  running: 'En cours',
  paused: 'En pause',
  met: 'Respecté',
  breached: 'Dépassé',
};
export const clockStateLabel = (state: ClockState): string => clockStateLabels[state];

const clockNames: Record<ClockKind, string> = { own: 'prise en charge', resolve: 'résolution' };

/** "mardi 21 avril à 14h30", in the given zone. */
export function formatDeadline(iso: string, timeZone = 'Europe/Paris'): string {
  return DateTime.fromISO(iso, { zone: timeZone }).setLocale('fr').toFormat("cccc d LLLL 'à' HH'h'mm");
}

function breachMessage(kind: ClockKind, dueAt: string | null, timeZone: string): string {
  const when = dueAt ? ` (échéance : ${formatDeadline(dueAt, timeZone)})` : '';
  return `Délai de ${clockNames[kind]} dépassé${when}.`;
}

function warningMessage(kind: ClockKind, dueAt: string | null, timeZone: string): string {
  const when = dueAt ? ` : échéance ${formatDeadline(dueAt, timeZone)}` : '';
  return `Délai de ${clockNames[kind]} bientôt atteint${when}.`;
}
