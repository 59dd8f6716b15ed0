import type { Actor } from './authz.js';
import { unattachedCaches, type Caches } from './cache.js';
import type { Db } from './db.js';

export type Clock = () => Date;

export interface Logger {
  info(obj: unknown, msg?: string): void;
  warn(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
}

/** What every operation receives: explicit dependencies, no globals. */
export interface Ctx {
  db: Db;
  actor: Actor | null;
  now: Clock;
  log: Logger;
  requestId: string;
  /** The process's caches (platform/cache.ts): read them, and invalidate what a write changed. */
  cache: Caches;
}

export interface AuthedCtx extends Ctx {
  actor: Actor;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

/**
 * A context for work started by the system itself (demo seed, CLI, jobs), not by a person's request.
 * Pass the app's (or the CLI's) caches; without, the database handle's unattached ones (cache.ts).
 */
export function systemCtx(db: Db, now: Clock = () => new Date(), log: Logger = silentLogger, cache: Caches = unattachedCaches(db, now)): Ctx {
  return { db, actor: null, now, log, requestId: 'system', cache };
}
