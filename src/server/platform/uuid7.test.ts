import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { uuidv7 } from './uuid7.js';

describe('ticket ids (UUID version 7)', () => {
  it('are UUIDs of version 7, variant RFC 9562, accepted wherever an id is', () => {
    const id = uuidv7();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(z.uuid().safeParse(id).success).toBe(true);
  });

  it('carry their millisecond first, so they sort by creation time, and differ within one millisecond', () => {
    const at = Date.parse('2026-03-06T15:00:00Z');
    const earlier = uuidv7(at);
    const later = uuidv7(at + 1);
    expect(earlier < later).toBe(true);
    expect(earlier.replace(/-/g, '').slice(0, 12)).toBe(at.toString(16).padStart(12, '0'));
    const same = new Set(Array.from({ length: 1000 }, () => uuidv7(at)));
    expect(same.size).toBe(1000);
  });
});
