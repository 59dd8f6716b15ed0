import { describe, expect, it } from 'vitest';
import { rememberVerified, wasVerified } from './agent-credential-cache.js';

describe('agent credential cache', () => {
  it('remembers a verified password for a while, for that user, password and stored hash only', () => {
    const now = Date.parse('2026-11-24T10:00:00Z');
    expect(wasVerified('region-a/agents', 'Secret-2026!', '$argon2id$h1', now)).toBe(false);
    rememberVerified('region-a/agents', 'Secret-2026!', '$argon2id$h1', now);
    expect(wasVerified('region-a/agents', 'Secret-2026!', '$argon2id$h1', now + 60_000)).toBe(true);
    expect(wasVerified('region-a/agents', 'secret-2026!', '$argon2id$h1', now)).toBe(false);
    expect(wasVerified('region-a/other', 'Secret-2026!', '$argon2id$h1', now)).toBe(false);
    expect(wasVerified('region-a/agents', 'Secret-2026!', '$argon2id$h2', now)).toBe(false); // password changed
    expect(wasVerified('region-a/agents', 'Secret-2026!', '$argon2id$h1', now + 16 * 60_000)).toBe(false);
    expect(wasVerified('region-a/agents', 'Secret-2026!', '$argon2id$h1', now)).toBe(false); // expired entries are dropped
  });
});
