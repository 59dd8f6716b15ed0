import { createHash } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import { rows, type Db } from '../../../server/platform/db.js';

/**
 * The fleet's hot reads as named prepared statements. Planning a join over `assets` (a dozen
 * indexes) costs more than running it for one school (~0.5 ms against ~0.1 ms): a named statement
 * is planned once per connection, then PostgreSQL reuses the plan. The name is the hash of the
 * SQL text, so the same shape of query (the same filters, other values) shares one statement.
 */
const statementName = (text: string) => `parc_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;

interface PreparableSelect<R> {
  toSQL(): { sql: string };
  prepare(name: string): { execute(): Promise<R> };
}

/** A drizzle select, run as a named prepared statement (results mapped as drizzle maps them). */
export function runPrepared<R>(query: PreparableSelect<R>): Promise<R> {
  return query.prepare(statementName(query.toSQL().sql)).execute();
}

interface DrizzleInternals {
  session?: {
    prepareQuery(query: { sql: string; params: unknown[] }, fields: undefined, name: string | undefined, arrayMode: boolean): { execute(): Promise<unknown> };
  };
  dialect?: { sqlToQuery(query: SQL): { sql: string; params: unknown[] } };
}

/** Rows of raw SQL, as a named prepared statement when the driver allows it (else as `rows`). */
export async function preparedRows<T>(db: Db, query: SQL): Promise<T[]> {
  const { session, dialect } = db as unknown as DrizzleInternals;
  if (!session?.prepareQuery || !dialect?.sqlToQuery) return rows<T>(db, query);
  const compiled = dialect.sqlToQuery(query);
  const result = (await session.prepareQuery(compiled, undefined, statementName(compiled.sql), false).execute()) as { rows: T[] };
  return result.rows;
}
