import { type ClockKind, type ServiceAgreement, targetMinutes, warnThresholdMinutes } from './agreement.js';
import { addBusinessMillis, businessMillisBetween } from './calendar.js';
import { type Instant, toIso, toMillis } from './instant.js';
import { type Replay, type Segment, type TicketStatus, type TicketTimelines, isStopped, replayHistory, termsAt } from './ticket-history.js';

/**
 * The service-level clock of a ticket, rebuilt from scratch from its status history every time it
 * is read: nothing is stored, so nothing drifts, and a changed agreement or calendar cannot lose a
 * pause that the history still shows.
 *
 * Rules:
 * 1. Start. The clocks start at `openedAt` when given and earlier than the first event (a phone
 *    call logged later); the first event's state applies from that instant.
 * 2. Time to own runs while the status is 'new' and stops for good at the first event with any
 *    other status (assigned, planned, a question to the requester, even solved): someone from the
 *    desk has taken the ticket in hand. It never pauses.
 * 3. Time to resolve runs while the status is neither paused nor stopped. 'waiting-requester'
 *    pauses it; 'waiting-third-party' pauses it only if the agreement says `pauseOnThirdParty`
 *    (default: no, the desk stays accountable for its suppliers). 'solved' and 'closed' stop it.
 * 4. Reopening resumes the same clock: the time spent before the solution still counts and the
 *    time between solution and reopening does not. Resetting would hide a wrong solution.
 * 5. Changes of agreement, calendar, category or priority follow ONE rule: elapsed time is
 *    history, targets are judgement. Each stretch of the history is measured with the terms in
 *    force during it (its calendar, its pause rule), so business minutes already spent never
 *    change afterwards. The targets and warning thresholds are those in force when the clock is
 *    read: now while it runs or is paused, the instant it stopped once it has stopped (a verdict
 *    given is not reopened by a later edit of the agreement; reopening the ticket reopens it).
 *    Raising a ticket to 'major' therefore judges the whole ticket against the major target.
 * 6. Deadlines are instants. A clock is breached when it has been running after the instant its
 *    spent time reached the target; so solving exactly at the deadline (or pausing then) is on
 *    time, and a ticket still open on Saturday with a deadline at Friday 17:30 is late even
 *    though no business minute passed since.
 * 7. Projections (the deadline and warning time still to come) start from now with the calendar
 *    in force now; a clock that is paused has no projected deadline (`dueAt` null) until it
 *    resumes, `remainingMinutes` says what is left.
 */

const msPerMinute = 60_000;

export type ClockState = 'running' | 'paused' | 'met' | 'breached';
export type ClockPhase = 'running' | 'paused' | 'stopped';

export interface ClockReading {
  targetMinutes: number;
  /** Whole business minutes spent. */
  elapsedMinutes: number;
  /** Business minutes left before the target (rounded up), 0 once reached. */
  remainingMinutes: number;
  /** The deadline: reached or projected; null once met on time, or while paused before it. */
  dueAt: string | null;
  /** When the clock stopped (ownership, solution), if it has. */
  metAt: string | null;
  breached: boolean;
  /** 'breached' wins over the phase: a breached clock stays breached, met late or not. */
  state: ClockState;
  phase: ClockPhase;
}

export interface SlaClock {
  own: ClockReading;
  resolve: ClockReading;
  /** When each warning is (or was) due; null once the clock has stopped or while paused before it. */
  warnings: { ownWarnAt: string | null; resolveWarnAt: string | null };
}

export interface SlaClockInput extends TicketTimelines {
  now: Instant;
}

export function computeSlaClock(input: SlaClockInput): SlaClock {
  const nowMs = toMillis(input.now);
  const replay = replayHistory(input, nowMs);
  const own = readClock(input, replay, nowMs, 'own');
  const resolve = readClock(input, replay, nowMs, 'resolve');
  return { own: own.reading, resolve: resolve.reading, warnings: { ownWarnAt: own.warnAt, resolveWarnAt: resolve.warnAt } };
}

export function isPaused(status: TicketStatus, agreement: ServiceAgreement): boolean {
  return status === 'waiting-requester' || (status === 'waiting-third-party' && agreement.pauseOnThirdParty);
}

function counts(kind: ClockKind, segment: Segment, replay: Replay): boolean {
  if (kind === 'own') return replay.ownedAt === null || segment.start < replay.ownedAt;
  return !isStopped(segment.state.status) && !isPaused(segment.state.status, segment.agreement);
}

function readClock(timelines: TicketTimelines, replay: Replay, nowMs: number, kind: ClockKind) {
  const stoppedAt = kind === 'own' ? replay.ownedAt : replay.stoppedSince;
  const readAt = Math.max(nowMs, replay.startMs);
  const judgedAt = stoppedAt ?? readAt;
  const state = replay.stateAt(judgedAt);
  const terms = termsAt(timelines, state, judgedAt);
  const targetMs = targetMinutes(terms.target, kind) * msPerMinute;
  const warnMs = Math.round(warnThresholdMinutes(terms.target, kind) * msPerMinute);

  let spent = 0;
  let dueMs: number | null = null;
  let warnAtMs: number | null = null;
  let breached = false;
  for (const segment of replay.segments) {
    if (!counts(kind, segment, replay)) continue;
    const inSegment = businessMillisBetween(segment.calendar, segment.start, segment.end);
    if (dueMs === null && spent + inSegment >= targetMs) dueMs = addBusinessMillis(segment.calendar, segment.start, targetMs - spent);
    if (warnAtMs === null && spent + inSegment >= warnMs) warnAtMs = addBusinessMillis(segment.calendar, segment.start, warnMs - spent);
    if (dueMs !== null && segment.end > dueMs) breached = true;
    spent += inSegment;
  }

  const phase: ClockPhase =
    stoppedAt !== null ? 'stopped' : kind === 'resolve' && isPaused(state.status, terms.agreement) ? 'paused' : 'running';
  if (phase === 'running') {
    dueMs ??= addBusinessMillis(terms.calendar, readAt, targetMs - spent);
    warnAtMs ??= addBusinessMillis(terms.calendar, readAt, warnMs - spent);
  }
  const reading: ClockReading = {
    targetMinutes: targetMinutes(terms.target, kind),
    elapsedMinutes: Math.floor(spent / msPerMinute),
    remainingMinutes: Math.max(0, Math.ceil((targetMs - spent) / msPerMinute)),
    dueAt: dueMs === null || (phase === 'stopped' && !breached) ? null : toIso(dueMs),
    metAt: stoppedAt === null ? null : toIso(stoppedAt),
    breached,
    state: breached ? 'breached' : phase === 'stopped' ? 'met' : phase,
    phase,
  };
  return { reading, warnAt: warnAtMs === null || phase === 'stopped' ? null : toIso(warnAtMs) };
}
