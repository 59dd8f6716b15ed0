import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/database.js';
import { rows, type Database } from './db.js';
import { isoInstant, isoOf } from './instants.js';

/** Instants PostgreSQL writes differently: fractions of every length, none, old offsets with seconds, years below 100, DST changes. */
const instants = [
  '2026-03-05 14:07:09.123456+00',
  '2026-03-05 14:07:09.1+00',
  '2026-03-05 14:07:09.999999+00',
  '2026-03-05 14:07:09+00',
  '2026-03-29 00:59:59.999+00',
  '2026-03-29 01:00:00+00',
  '2026-10-25 00:30:00.000001+00',
  '2024-02-29 23:59:59.5+00',
  '1999-12-31 23:59:59.9995+00',
  '1850-06-01 12:00:00.25+00',
  '0050-01-01 00:00:00+00',
  '1970-01-01 00:00:00+00',
];
const zones = ['UTC', 'Europe/Paris', 'America/St_Johns', 'Asia/Kolkata', 'Pacific/Chatham', 'America/Los_Angeles'];

describe('isoInstant: PostgreSQL timestamptz text to ISO 8601', () => {
  let database: Database;
  beforeAll(async () => {
    database = await testDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it('gives what PostgreSQL itself writes in UTC, whatever the session time zone', async () => {
    for (const zone of zones) {
      const read = await database.db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('TimeZone', ${zone}, true)`);
        return rows<{ text: string; iso: string }>(
          tx,
          sql`select v::timestamptz::text as text, to_char(v::timestamptz at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as iso
                from unnest(${`{${instants.map((i) => `"${i}"`).join(',')}}`}::text[]) v`,
        );
      });
      expect(read).toHaveLength(instants.length);
      for (const { text, iso } of read) expect({ zone, text, got: isoInstant(text) }).toEqual({ zone, text, got: iso });
    }
  });

  it('agrees with a Date on every path, and refuses what is no instant', () => {
    expect(isoInstant('2026-03-05 14:07:09.123456+01')).toBe('2026-03-05T13:07:09.123Z');
    expect(isoInstant('2026-03-05 00:07:09-03:30')).toBe('2026-03-05T03:37:09.000Z');
    expect(isoInstant('1850-06-01 12:09:21.25+00:09:21')).toBe('1850-06-01T12:00:00.250Z');
    expect(isoOf(new Date('2026-03-05T14:07:09.123Z'))).toBe('2026-03-05T14:07:09.123Z');
    expect(isoOf('2026-03-05 14:07:09.123+00')).toBe('2026-03-05T14:07:09.123Z');
    expect(() => isoInstant('hier')).toThrow(RangeError);
  });
});
