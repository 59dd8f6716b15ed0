import { and, asc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/database.js';
import { auditEvents } from './db-schema.js';
import { rows, type Database } from './db.js';
import { streamRows } from './query-stream.js';

/** The cursor reader on the test database (PGlite, or PostgreSQL with TEST_DATABASE_URL). */

let database: Database;
const tenantId = '00000000-0000-4000-8000-000000000010';

beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database?.close());

const collect = async <T>(rows: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
};

describe('streamRows', () => {
  it('reads every row of a select in order, batch after batch', async () => {
    const query = database.db
      .select({ n: sql<number>`n`.mapWith(Number), label: sql<string>`'ligne ' || n` })
      .from(sql`generate_series(1, 1234) as n`)
      .orderBy(sql`n desc`);
    const streamed = await collect(streamRows(database.db, query));
    expect(streamed).toHaveLength(1234);
    expect(streamed[0]).toEqual({ n: 1234, label: 'ligne 1234' });
    expect(streamed.at(-1)).toEqual({ n: 1, label: 'ligne 1' });
  });

  it('maps rows exactly as drizzle does (dates, JSON, nested objects of a join)', async () => {
    await database.db.execute(sql`insert into platform.audit_events (tenant_id, at, actor_type, actor_label, action, entity_type, entity_id, after)
      select ${tenantId}, now() - n * interval '1 minute', 'system', 'Essai', 'update', 'essai', 'e' || lpad(n::text, 4, '0'), jsonb_build_object('n', n)
        from generate_series(1, 700) n`);
    const query = () =>
      database.db
        .select({ event: auditEvents, twice: sql<number>`(${auditEvents.after} ->> 'n')::int * 2`.mapWith(Number) })
        .from(auditEvents)
        .where(eq(auditEvents.tenantId, tenantId))
        .orderBy(asc(auditEvents.entityId));
    const streamed = await collect(streamRows(database.db, query()));
    expect(streamed).toEqual(await query());
    expect(streamed[0].event.at).toBeInstanceOf(Date);
    expect(streamed[0].event.after).toMatchObject({ n: expect.any(Number) });
  });

  it('gives a left join’s missing side as null, as drizzle does', async () => {
    const other = alias(auditEvents, 'other');
    const query = () =>
      database.db
        .select({ id: auditEvents.entityId, other })
        .from(auditEvents)
        .leftJoin(other, and(eq(other.tenantId, auditEvents.tenantId), eq(other.entityId, sql`'absent'`)))
        .where(eq(auditEvents.tenantId, tenantId))
        .orderBy(asc(auditEvents.entityId))
        .limit(600);
    const streamed = await collect(streamRows(database.db, query()));
    expect(streamed).toHaveLength(600);
    expect(streamed[599]).toEqual({ id: 'e0600', other: null });
    expect(streamed).toEqual(await query());
  });

  it('closes its cursor when the reader stops early, and the database keeps answering', async () => {
    const query = database.db.select({ n: sql<number>`n`.mapWith(Number) }).from(sql`generate_series(1, 5000) as n`);
    let seen = 0;
    for await (const row of streamRows(database.db, query)) {
      seen = row.n;
      if (seen === 600) break;
    }
    expect(seen).toBe(600);
    const [{ cursors }] = await rows<{ cursors: number }>(database.db, sql`select count(*)::int as cursors from pg_cursors where name <> ''`);
    expect(cursors).toBe(0);
    expect(await collect(streamRows(database.db, query))).toHaveLength(5000);
  });

  it('passes a failing query’s error to the reader', async () => {
    const query = database.db.select({ n: sql<number>`1 / (n - 700)` }).from(sql`generate_series(1, 1000) as n`);
    await expect(collect(streamRows(database.db, query))).rejects.toThrow();
    expect(await rows(database.db, sql`select 1 as ok`)).toHaveLength(1);
  });
});
