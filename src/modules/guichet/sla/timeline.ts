import { type Instant, toMillis } from './instant.js';

/**
 * The versions of something edited over time (an agreement, a calendar), each in force from its
 * `from` instant until the next one. The clock needs the change instants themselves, not just a
 * "value at" function, so it can cut the ticket's history exactly where a version changes.
 */
export interface Version<T> {
  from: Instant;
  value: T;
}
export type Timeline<T> = readonly Version<T>[];

/** A timeline with a single version in force since forever (1970 is forever for a ticket). */
export function always<T>(value: T): Timeline<T> {
  return [{ from: new Date(0), value }];
}

/** The version in force at `atMs` (the latest one whose `from` is not after it), if any. */
export function versionAt<T>(timeline: Timeline<T>, atMs: number): T | undefined {
  let best: { from: number; value: T } | undefined;
  for (const version of timeline) {
    const from = toMillis(version.from);
    if (from <= atMs && (!best || from >= best.from)) best = { from, value: version.value };
  }
  return best?.value;
}

/** The change instants of a timeline, as epoch milliseconds. */
export function changeInstants<T>(timeline: Timeline<T>): number[] {
  return timeline.map((version) => toMillis(version.from));
}
