import { randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Clock, Logger } from './context.js';
import { sql } from 'drizzle-orm';
import type { Database, Db } from './db.js';

/**
 * The one cache facility. A cache is declared once, beside the code that reads it, with its limit
 * and time to live (`defineCache`); each process (each `buildApp`, each CLI run) holds its own
 * entries (lru-cache), so a lookup is an in-memory read, never a database round trip. The writes
 * that change what a cache holds call `ctx.cache.invalidate(cache, key?)` once they have
 * committed: the entries go here at once and, through PostgreSQL `LISTEN/NOTIFY` on one channel,
 * in every other process on the same database within milliseconds (a process that lost its
 * listening connection empties everything when it comes back, as it may have missed some).
 */

export interface CacheLimits {
  /** Most entries kept; the least recently used go first beyond. */
  max: number;
  /** Lifetime of an entry, on the app's clock: the bound on staleness if a notification is lost. */
  ttlMs: number;
  /**
   * Bytes kept at most, as `bytesOf` measures the entries: for a cache whose entries differ in size
   * by orders (a page of 25 rows or of 500), where a count of entries bounds nothing. The least
   * recently used go first beyond, as beyond `max`.
   */
  maxBytes?: number;
}

/** What a cache sized in bytes measures: its value, or what its promise resolved to (a pending load counts one byte). */
export type Settled<V> = Awaited<V>;

export interface CacheDeclaration<V> extends CacheLimits {
  readonly name: string;
  /** With `maxBytes`: an entry's size in memory, estimated (when set, when its promise resolves, when it `grew`). */
  bytesOf?(value: Settled<V>): number;
  /** Never set: carries the type of the values. */
  readonly values?: V;
}

const declarations = new Map<string, CacheDeclaration<unknown>>();

/** Declares a cache once (e.g. `defineCache<number>('establishment-totals', { max: 5_000, ttlMs: 60_000 })`). */
export function defineCache<V>(name: string, limits: CacheLimits & Pick<CacheDeclaration<V>, 'bytesOf'>): CacheDeclaration<V> {
  if (declarations.has(name)) throw new Error(`Cache « ${name} » déclaré deux fois.`);
  if ((limits.maxBytes === undefined) !== (limits.bytesOf === undefined)) throw new Error(`Cache « ${name} » : maxBytes et bytesOf vont ensemble.`);
  const declaration: CacheDeclaration<V> = { name, max: limits.max, ttlMs: limits.ttlMs, maxBytes: limits.maxBytes, bytesOf: limits.bytesOf };
  declarations.set(name, declaration);
  return declaration;
}

export interface Cache<V> {
  get(key: string): V | undefined;
  set(key: string, value: V): void;
  /**
   * The entry of `key`, made by `make` when absent. A promise is kept as soon as it is made, so
   * concurrent readers share one load, and dropped if it rejects.
   */
  remember(key: string, make: () => V): V;
  /** Makes the entry again now (a reader found it lacking), kept as `remember` keeps it. */
  refresh(key: string, make: () => V): V;
  /**
   * The settled value of `key` grew in place (something derived from it kept inside it): measured
   * again for `maxBytes`, its time to live unchanged. Nothing when `key` holds another value now.
   */
  grew(key: string, settled: Settled<V>): void;
  readonly size: number;
  /** What `bytesOf` counts of the entries kept (0 for a cache not sized in bytes). */
  readonly bytes: number;
}

export interface Caches {
  /** This process's entries of a declared cache. */
  of<V>(declaration: CacheDeclaration<V>): Cache<V>;
  /** Drops one entry (or the whole cache) here and in every other process. Call it after the write commits. */
  invalidate(cache: CacheDeclaration<unknown> | string, key?: string): void;
  /** Resolves once the notifications sent so far have left (the CLI waits for it before exiting). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export const cacheChannel = 'coherence_cache';

const silentLogger: Logger = { info() {}, warn() {}, error() {} };

interface Notice {
  /** The sending facility, which has already applied its own invalidation. */
  from: string;
  name: string;
  key?: string;
}

export interface CacheOptions {
  /** Where to send and hear invalidations; absent: this process only (unit tests). */
  database?: Database;
  clock?: Clock;
  log?: Logger;
}

/** Creates the facility; with a database, listens on the invalidation channel before resolving. */
export async function openCaches(options: CacheOptions = {}): Promise<Caches> {
  const database = options.database ?? null;
  const send = database ? (payload: string) => database.notify(cacheChannel, payload) : null;
  const facility = new CacheFacility(options.clock ?? (() => new Date()), options.log ?? silentLogger, send);
  if (database) {
    await facility.listen(database);
    if (!attached.has(database.db)) {
      attached.set(database.db, facility);
      facility.onClose(() => attached.get(database.db) === facility && attached.delete(database.db));
    }
  }
  return facility;
}

/** The first open facility of each database handle: what contexts made without one use. */
const attached = new WeakMap<Db, Caches>();
const sendOnly = new WeakMap<Db, Caches>();

/**
 * The caches of a context made without them (systemCtx): the facility this process opened on that
 * database handle if any, else one per handle that announces its invalidations on the database
 * (the apps there hear them) but hears none, its entries living their time to live.
 */
export function unattachedCaches(db: Db, clock?: Clock): Caches {
  let caches = attached.get(db) ?? sendOnly.get(db);
  if (!caches) {
    caches = new CacheFacility(clock ?? (() => new Date()), silentLogger, async (payload) => {
      await db.execute(sql`select pg_notify(${cacheChannel}, ${payload})`);
    });
    sendOnly.set(db, caches);
  }
  return caches;
}

class CacheFacility implements Caches {
  private readonly id = randomUUID();
  private readonly caches = new Map<string, LRUCache<string, object>>();
  private readonly views = new Map<string, Cache<unknown>>();
  private readonly perf: { now(): number };
  private pending = new Set<Promise<void>>();
  private stopListening: (() => Promise<void>) | null = null;
  private closing: (() => void)[] = [];

  constructor(
    clock: Clock,
    private readonly log: Logger,
    private readonly send: ((payload: string) => Promise<void>) | null,
  ) {
    this.perf = { now: () => clock().getTime() };
  }

  async listen(database: Database) {
    this.stopListening = await database.listen(
      cacheChannel,
      (payload) => this.receive(payload),
      () => this.clearAll(),
    );
  }

  of<V>(declaration: CacheDeclaration<V>): Cache<V> {
    let view = this.views.get(declaration.name) as Cache<V> | undefined;
    if (!view) this.views.set(declaration.name, (view = this.view<V>(declaration)));
    return view;
  }

  private view<V>(declaration: CacheDeclaration<V>): Cache<V> {
    const lru = this.lru(declaration.name, declaration);
    const measure = declaration.bytesOf as ((settled: unknown) => number) | undefined;
    return {
      get: (key) => unbox<V>(lru.get(key)),
      set: (key, value) => void (measure ? keep(lru, key, value, measure) : lru.set(key, box(value))),
      remember: (key, make) => {
        const kept = lru.get(key);
        return kept ? (unbox<V>(kept) as V) : keep(lru, key, make(), measure);
      },
      refresh: (key, make) => keep(lru, key, make(), measure),
      grew: (key, settled) => {
        const kept = lru.peek(key) as Box | undefined;
        if (measure && kept && 'settled' in kept && kept.settled === settled) lru.set(key, kept, { size: bytes(measure, settled), noUpdateTTL: true });
      },
      get size() {
        return lru.size;
      },
      get bytes() {
        return lru.calculatedSize;
      },
    };
  }

  invalidate(cache: CacheDeclaration<unknown> | string, key?: string) {
    const name = typeof cache === 'string' ? cache : cache.name;
    if (!declarations.has(name)) throw new Error(`Cache « ${name} » inconnu.`);
    this.drop(name, key);
    if (!this.send) return;
    const notice: Notice = key === undefined ? { from: this.id, name } : { from: this.id, name, key };
    const sent = this.send(JSON.stringify(notice))
      .catch((error: unknown) => this.log.error({ err: error, cache: name }, 'cache : invalidation non diffusée aux autres processus'))
      .finally(() => this.pending.delete(sent));
    this.pending.add(sent);
  }

  async flush() {
    await Promise.all([...this.pending]);
  }

  onClose(run: () => void) {
    this.closing.push(run);
  }

  async close() {
    for (const run of this.closing.splice(0)) run();
    await this.flush();
    await this.stopListening?.();
    this.stopListening = null;
    this.clearAll();
  }

  private lru(name: string, limits: CacheLimits) {
    let lru = this.caches.get(name);
    if (!lru) {
      // ttlResolution 0: read the (possibly fake) clock on every lookup
      lru = new LRUCache<string, object>({ max: limits.max, maxSize: limits.maxBytes, ttl: limits.ttlMs, ttlResolution: 0, perf: this.perf });
      this.caches.set(name, lru);
    }
    return lru;
  }

  private receive(payload: string) {
    let notice: Notice;
    try {
      notice = JSON.parse(payload) as Notice;
    } catch {
      return;
    }
    if (notice.from === this.id || typeof notice.name !== 'string') return;
    this.drop(notice.name, notice.key);
  }

  private drop(name: string, key: string | undefined) {
    const lru = this.caches.get(name);
    if (!lru) return;
    if (key === undefined) lru.clear();
    else lru.delete(key);
  }

  private clearAll() {
    for (const lru of this.caches.values()) lru.clear();
  }
}

/** Keeps `value` under `key`; in a cache sized in bytes, a promise is measured again once it resolves (if still kept). */
function keep<V>(lru: LRUCache<string, object>, key: string, value: V, measure?: (settled: unknown) => number): V {
  const boxed = box(value);
  const pending = value instanceof Promise;
  if (measure && !pending) boxed.settled = value;
  lru.set(key, boxed, measure ? { size: pending ? 1 : bytes(measure, value) } : undefined);
  if (!pending) return value;
  value.then(
    (settled: unknown) => {
      if (!measure || lru.peek(key) !== boxed) return;
      boxed.settled = settled;
      lru.set(key, boxed, { size: bytes(measure, settled), noUpdateTTL: true });
    },
    () => lru.get(key) === boxed && lru.delete(key),
  );
  return value;
}

/** lru-cache takes sizes as positive integers. */
const bytes = (measure: (settled: unknown) => number, settled: unknown) => Math.max(1, Math.ceil(measure(settled)));

/** lru-cache keeps objects only: other values travel in a small box (with what a promise resolved to, in a cache sized in bytes). */
interface Box {
  value: unknown;
  settled?: unknown;
}
function box(value: unknown): Box {
  return { value };
}
function unbox<V>(boxed: object | undefined): V | undefined {
  return boxed === undefined ? undefined : ((boxed as Box).value as V);
}
