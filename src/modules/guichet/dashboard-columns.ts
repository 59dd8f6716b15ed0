import type { SlaClock } from './sla/index.js';

/**
 * The columns the dashboards aggregate, taken from the clock replayed at each change: when the
 * time to own stopped and the business minutes each clock counted once it stopped. A ticket
 * reopened has its resolve clock running again, so its minutes go back to null until solved.
 * Breaches need no column: a stopped clock keeps its deadline only when it was missed (dueColumns).
 */
export function dashboardColumns(clock: SlaClock) {
  return {
    ownedAt: clock.own.metAt ? new Date(clock.own.metAt) : null,
    ownMinutes: clock.own.phase === 'stopped' ? clock.own.elapsedMinutes : null,
    resolveMinutes: clock.resolve.phase === 'stopped' ? clock.resolve.elapsedMinutes : null,
  };
}
