import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/database.js';
import { defineCache, openCaches, unattachedCaches, type Caches } from './cache.js';
import type { Database } from './db.js';

const small = defineCache<string>('test-small', { max: 3, ttlMs: 1_000 });
const loads = defineCache<Promise<number>>('test-loads', { max: 10, ttlMs: 60_000 });
/** Entries that weigh their text's length, and may grow once kept. */
const weighed = defineCache<Promise<{ text: string[] }>>('test-weighed', { max: 100, maxBytes: 10, ttlMs: 60_000, bytesOf: (v) => v.text.join('').length });

let at = Date.parse('2026-03-02T08:00:00Z');
const clock = () => new Date(at);

describe('cache facility, in one process', () => {
  let cache: Caches;
  beforeAll(async () => {
    cache = await openCaches({ clock });
  });

  it('keeps at most its limit, dropping the least recently used', () => {
    const c = cache.of(small);
    c.set('a', 'A');
    c.set('b', 'B');
    c.set('c', 'C');
    expect(c.get('a')).toBe('A'); // a is now the most recent
    c.set('d', 'D');
    expect(c.size).toBe(3);
    expect(c.get('b')).toBeUndefined();
    expect([c.get('a'), c.get('c'), c.get('d')]).toEqual(['A', 'C', 'D']);
  });

  it('forgets an entry past its time to live on the given clock', () => {
    const c = cache.of(small);
    c.set('t', 'T');
    at += 999;
    expect(c.get('t')).toBe('T');
    at += 2;
    expect(c.get('t')).toBeUndefined();
  });

  it('invalidates one key, or the whole cache, by declaration or by name', () => {
    const c = cache.of(small);
    c.set('x', 'X');
    c.set('y', 'Y');
    cache.invalidate(small, 'x');
    expect([c.get('x'), c.get('y')]).toEqual([undefined, 'Y']);
    cache.invalidate('test-small');
    expect(c.size).toBe(0);
    expect(() => cache.invalidate('no-such-cache')).toThrow(/inconnu/);
    expect(() => defineCache('test-small', { max: 1, ttlMs: 1 })).toThrow(/deux fois/);
  });

  it('shares one load between concurrent readers, and keeps no failed load', async () => {
    const c = cache.of(loads);
    let started = 0;
    const load = () => {
      started++;
      return new Promise<number>((resolve) => setTimeout(() => resolve(42), 10));
    };
    expect(await Promise.all([c.remember('k', load), c.remember('k', load)])).toEqual([42, 42]);
    expect(started).toBe(1);
    await expect(c.remember('bad', () => Promise.reject(new Error('panne')))).rejects.toThrow('panne');
    expect(await c.remember('bad', () => Promise.resolve(7))).toBe(7);
    expect(await c.refresh('k', () => Promise.resolve(43))).toBe(43);
    expect(await c.remember('k', load)).toBe(43);
  });

  it('keeps at most its bytes when sized in bytes, measuring a load once it resolves and again when it grew', async () => {
    const c = cache.of(weighed);
    const four = await c.remember('a', () => Promise.resolve({ text: ['aaaa'] }));
    await c.remember('b', () => Promise.resolve({ text: ['bbbb'] }));
    await Promise.resolve();
    expect([c.size, c.bytes]).toEqual([2, 8]);
    // 'a' grows to 7 (just used, it is the most recent): 11 bytes, so the least recently used goes
    four.text.push('aaa');
    c.grew('a', four);
    expect([c.size, c.bytes]).toEqual([1, 7]);
    expect(c.get('b')).toBeUndefined();
    // a value no longer kept under its key is not measured again
    cache.invalidate(weighed, 'a');
    c.grew('a', four);
    expect([c.size, c.bytes]).toEqual([0, 0]);
    expect(() => defineCache('test-half-weighed', { max: 1, ttlMs: 1, maxBytes: 10 })).toThrow(/vont ensemble/);
  });

  it('drops what was being loaded when invalidated meanwhile', async () => {
    const c = cache.of(loads);
    let release!: (n: number) => void;
    const slow = c.remember('slow', () => new Promise<number>((resolve) => (release = resolve)));
    cache.invalidate(loads, 'slow');
    release(1);
    expect(await slow).toBe(1);
    expect(await c.remember('slow', () => Promise.resolve(2))).toBe(2);
  });
});

describe('cache facility, across processes (LISTEN/NOTIFY on the database)', () => {
  let database: Database;
  let one: Caches;
  let other: Caches;
  beforeAll(async () => {
    database = await testDatabase();
    one = await openCaches({ database, clock });
    other = await openCaches({ database, clock });
  });
  afterAll(async () => {
    await one?.close();
    await other?.close();
    await database?.close();
  });

  const heard = async (check: () => boolean) => {
    for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
    return check();
  };

  it('empties a key, then a whole cache, in the other facility', async () => {
    for (const c of [one, other]) {
      c.of(small).set('shared', 'S');
      c.of(small).set('kept', 'K');
    }
    other.invalidate(small, 'shared');
    expect(other.of(small).get('shared')).toBeUndefined();
    expect(await heard(() => one.of(small).get('shared') === undefined)).toBe(true);
    expect(one.of(small).get('kept')).toBe('K');
    one.invalidate(small);
    expect(await heard(() => other.of(small).size === 0)).toBe(true);
  });

  it('hears what a context without an app (a set-up, a one-off command) invalidates', async () => {
    // the handle's unattached facility is the first one opened on it: the same entries
    expect(unattachedCaches(database.db)).toBe(one);
    // another handle on the same database, with no facility opened: its invalidations are only sent
    const otherHandle = Object.create(database.db) as typeof database.db;
    const sender = unattachedCaches(otherHandle);
    expect(sender).not.toBe(one);
    expect(unattachedCaches(otherHandle)).toBe(sender);
    one.of(small).set('from-cli', 'C');
    sender.invalidate(small, 'from-cli');
    await sender.flush();
    expect(await heard(() => one.of(small).get('from-cli') === undefined)).toBe(true);
  });
});
