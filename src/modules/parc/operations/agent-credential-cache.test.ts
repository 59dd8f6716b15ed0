import { describe, expect, it } from 'vitest';
import { openCaches } from '../../../server/platform/cache.js';
import { rememberVerified, wasVerified } from './agent-credential-cache.js';

describe('agent credential cache', () => {
  it('remembers a verified password for a while, for that user, password and stored hash only', async () => {
    const now = Date.parse('2026-11-24T10:00:00Z');
    let at = now;
    const cache = await openCaches({ clock: () => new Date(at) });
    const was = (user: string, password: string, hash: string, when: number) => ((at = when), wasVerified(cache, user, password, hash));
    expect(was('region-a/agents', 'Secret-2026!', '$argon2id$h1', now)).toBe(false);
    rememberVerified(cache, 'region-a/agents', 'Secret-2026!', '$argon2id$h1');
    expect(was('region-a/agents', 'Secret-2026!', '$argon2id$h1', now + 60_000)).toBe(true);
    expect(was('region-a/agents', 'secret-2026!', '$argon2id$h1', now)).toBe(false);
    expect(was('region-a/other', 'Secret-2026!', '$argon2id$h1', now)).toBe(false);
    expect(was('region-a/agents', 'Secret-2026!', '$argon2id$h2', now)).toBe(false); // password changed
    expect(was('region-a/agents', 'Secret-2026!', '$argon2id$h1', now + 16 * 60_000)).toBe(false);
    expect(was('region-a/agents', 'Secret-2026!', '$argon2id$h1', now)).toBe(false); // expired entries are dropped
  });
});
