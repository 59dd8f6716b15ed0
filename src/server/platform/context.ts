import type { Actor } from './authz.js';
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
}

export interface AuthedCtx extends Ctx {
  actor: Actor;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

/** A context for work started by the system itself (demo seed, CLI), not by a person's request. */
export function systemCtx(db: Db, now: Clock = () => new Date(), log: Logger = silentLogger): Ctx {
  return { db, actor: null, now, log, requestId: 'system' };
}
