import type { Actor } from './authz.js';
import { unattachedCaches, type Caches } from './cache.js';
import type { Database, Db } from './db.js';
import { AppError } from './errors.js';

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
  /**
   * The whole database handle behind `db`, for the few operations that load in bulk (COPY, a
   * one-session transaction): reach it through `bulkDatabase(ctx)`. Absent from a context built
   * on a bare drizzle handle (a test's transaction, for instance).
   */
  database?: Database;
}

export interface AuthedCtx extends Ctx {
  actor: Actor;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

const isDatabase = (handle: Db | Database): handle is Database => 'bulkTransaction' in handle;

/**
 * A context for work started by the system itself (demo seed, CLI, jobs), not by a person's request.
 * Give the whole database handle when the work may load in bulk (imports, inventories). Pass the
 * app's (or the CLI's) caches; without, the database handle's unattached ones (cache.ts).
 */
export function systemCtx(handle: Db | Database, now: Clock = () => new Date(), log: Logger = silentLogger, cache?: Caches): Ctx {
  const database = isDatabase(handle) ? handle : undefined;
  const db = database ? database.db : (handle as Db);
  return { db, actor: null, now, log, requestId: 'system', cache: cache ?? unattachedCaches(db, now), ...(database ? { database } : {}) };
}

/** The database handle for bulk loading; a context without it is a programming error, not a user's. */
export function bulkDatabase(ctx: Ctx): Database {
  if (!ctx.database) throw new AppError('INTERNAL', 'Cette opération a besoin de la base entière (chargement en masse) : le contexte ne la porte pas.');
  return ctx.database;
}
