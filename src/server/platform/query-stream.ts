import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import * as drizzleUtils from 'drizzle-orm/utils';
import { isPgliteClient, type Db } from './db.js';

/** A drizzle select (any joins, any shape of row): what `streamRows` reads through a cursor. */
export type StreamableSelect<T> = PromiseLike<T[]> & { getSQL(): SQL };

/** Rows fetched per round trip: a few hundred kilobytes of rows at most in memory. */
const batchSize = 500;

type RowMapper = (rows: unknown[][]) => unknown[];
interface DrizzleInternals {
  session: { prepareQuery(query: { sql: string; params: unknown[] }, fields: unknown, name: undefined, arrayMode: boolean, mapRows: RowMapper): MappedQuery };
  dialect: { sqlToQuery(query: SQL): { sql: string; params: unknown[] } };
}
interface MappedQuery {
  execute(): Promise<unknown[]>;
}
interface PreparedSelect {
  fields: unknown;
  joinsNotNullableMap?: unknown;
}

/** drizzle's own row mapper (exported by drizzle-orm/utils, left out of its types): what `await query` applies. */
const mapResultRow = (drizzleUtils as unknown as { mapResultRow(fields: unknown, row: unknown[], joinsNotNullableMap: unknown): unknown }).mapResultRow;

/**
 * Maps a batch as drizzle does, then empties the driver's array of raw rows. That array (and the
 * node-postgres result holding it) can reach V8's old generation before its batch is written; it
 * then keeps the batch's raw rows and their strings alive through every young collection until
 * the next full one, which moved nearly every row of a 200,000-row export to the old generation
 * (the server's peak memory; bench/export-memory.ts). Emptied, the rows die young.
 */
function mapAndRelease(prepared: PreparedSelect): RowMapper {
  return (rows) => {
    const mapped = rows.map((row) => mapResultRow(prepared.fields, row, prepared.joinsNotNullableMap));
    rows.length = 0;
    return mapped;
  };
}

/**
 * Yields a batch's rows in order, each let go by the batch as it is handed over: a row already
 * written is garbage at once, even while the rest of its batch waits (an XLSX row makes more
 * garbage than a young collection's space holds every few hundred rows, and a row still held at
 * two young collections is moved to the old generation).
 */
function* handOver<T>(batch: T[]): Generator<T> {
  batch.reverse();
  while (batch.length) yield batch.pop()!;
}

/**
 * The rows of a drizzle select, read batch by batch through a server-side cursor, each batch mapped
 * by drizzle exactly as `await query` would (nested objects, dates, JSON): memory holds one batch
 * whatever the number of rows. On PostgreSQL the cursor lives in a read-only transaction on one
 * pooled connection; on PGlite (one session shared by every request) it is declared WITH HOLD
 * outside any transaction, so other requests run between two batches. Stopping early (a client
 * gone) closes the cursor.
 */
export async function* streamRows<T>(db: Db, query: StreamableSelect<T>): AsyncGenerator<T> {
  // drizzle's own statement for the select (internal): its fields and joins map the cursor's rows the same way
  const prepared = (query as unknown as { _prepare(): PreparedSelect })._prepare();
  const cursor = sql.identifier(`export_${randomUUID().replace(/-/g, '')}`);
  const declare = (hold: boolean) =>
    hold ? sql`declare ${cursor} no scroll cursor with hold for ${query.getSQL()}` : sql`declare ${cursor} no scroll cursor for ${query.getSQL()}`;
  const fetchFrom = (on: Db) => {
    const internals = on as unknown as DrizzleInternals;
    const statement = internals.session.prepareQuery(internals.dialect.sqlToQuery(sql`fetch forward 500 from ${cursor}`), prepared.fields, undefined, true, mapAndRelease(prepared));
    return () => statement.execute() as Promise<T[]>;
  };

  if (isPgliteClient((db as unknown as { $client: unknown }).$client)) {
    await db.execute(declare(true));
    try {
      const next = fetchFrom(db);
      for (;;) {
        const batch = await next();
        const full = batch.length === batchSize;
        yield* handOver(batch);
        if (!full) return;
      }
    } finally {
      await db.execute(sql`close ${cursor}`);
    }
  }

  yield* inTransaction(db, async function* (tx) {
    await tx.execute(sql`set transaction read only`);
    await tx.execute(declare(false));
    const next = fetchFrom(tx);
    for (;;) {
      const batch = await next();
      const full = batch.length === batchSize;
      yield batch;
      if (!full) return;
    }
  });
}

/**
 * Runs `produce` inside a transaction and hands its batches to the caller one at a time: the
 * transaction waits while the caller writes a batch, and ends (committed) when the producer is
 * done or the caller stops asking.
 */
async function* inTransaction<T>(db: Db, produce: (tx: Db) => AsyncGenerator<T[]>): AsyncGenerator<T> {
  const demand = new Mailbox<boolean>();
  const supply = new Mailbox<T[] | null>();
  const work = db.transaction(async (tx) => {
    const batches = produce(tx as unknown as Db);
    try {
      while (await demand.take()) {
        const next = await batches.next();
        supply.put(next.done ? null : next.value);
        if (next.done) return;
      }
    } finally {
      await batches.return(undefined);
    }
  });
  work.catch((error: unknown) => supply.fail(error));
  try {
    for (;;) {
      demand.put(true);
      const batch = await supply.take();
      if (batch === null) break;
      yield* handOver(batch);
    }
  } finally {
    demand.put(false);
    await work.catch(() => undefined);
  }
}

/** One value handed from one side to the other; a failure reaches the side that waits. */
class Mailbox<T> {
  private values: T[] = [];
  private waiting: { resolve: (value: T) => void; reject: (error: unknown) => void } | null = null;
  private error: { reason: unknown } | null = null;

  put(value: T): void {
    if (this.waiting) {
      const { resolve } = this.waiting;
      this.waiting = null;
      resolve(value);
    } else this.values.push(value);
  }

  fail(reason: unknown): void {
    this.error = { reason };
    if (this.waiting) {
      const { reject } = this.waiting;
      this.waiting = null;
      reject(reason);
    }
  }

  take(): Promise<T> {
    if (this.values.length) return Promise.resolve(this.values.shift()!);
    if (this.error) return Promise.reject(this.error.reason);
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }
}
