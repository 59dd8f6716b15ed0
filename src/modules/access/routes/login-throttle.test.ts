import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../../server/platform/db-schema.js';
import { testApp, testPassword, type TestApp } from '../../../test/app.js';
import { maxAddressFailures, maxFailures, overall } from '../lockout.js';

/** Issue 11, findings 2 and 3: password spraying unchecked, and anyone could lock anyone out. */
let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const login = (email: string, password: string, remoteAddress: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress });

describe('login throttling', () => {
  it('answers 429 with Retry-After once one address failed too often, whatever the e-mails (spraying)', async () => {
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof login>> | null = null;
    for (let i = 0; i < 30; i++) {
      last = await login(`inconnu-${i}@essai.fr`, 'Printemps2026!', '203.0.113.50');
      statuses.push(last.statusCode);
    }
    expect(statuses.slice(0, maxAddressFailures)).toEqual(Array(maxAddressFailures).fill(401));
    expect(statuses.slice(maxAddressFailures)).toEqual(Array(30 - maxAddressFailures).fill(429));
    expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
    expect(last!.json().error.message).toContain('adresse réseau');
    // the right password from that address waits too; from elsewhere it works
    expect((await login(t.ids.users.steering.email, testPassword, '203.0.113.50')).statusCode).toBe(429);
    expect((await login(t.ids.users.steering.email, testPassword, '198.51.100.77')).statusCode).toBe(200);
  });

  it('locks an account only from the address that failed: its owner signs in from their usual one', async () => {
    const victim = t.ids.users.auditor.email;
    for (let i = 0; i < maxFailures; i++) expect((await login(victim, 'mauvais', '203.0.113.66')).statusCode).toBe(401);
    const locked = await login(victim, testPassword, '203.0.113.66');
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(14 * 60);
    expect((await login(victim, testPassword, '192.0.2.44')).statusCode).toBe(200);

    // the administrator sees the lock, lifts it, and both steps are in the audit trail
    const admin = await t.headers('authority-admin');
    const locks = await t.app.inject({ url: '/api/login-locks', headers: admin });
    expect(locks.statusCode).toBe(200);
    const lock = (locks.json().items as { id: string; email: string; address: string }[]).find((l) => l.email === victim)!;
    expect(lock.address).toBe('203.0.113.66');
    expect((await t.app.inject({ url: '/api/login-locks', headers: await t.headers('admin-b') })).json().items).toEqual([]);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/login-locks/${lock.id}`, headers: await t.headers('admin-b') })).statusCode).toBe(404);
    const unlocked = await t.app.inject({ method: 'DELETE', url: `/api/login-locks/${lock.id}`, headers: admin });
    expect(unlocked.json()).toEqual({ unlocked: true });
    expect((await login(victim, testPassword, '203.0.113.66')).statusCode).toBe(200);
    const trail = await t.ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.tenantId, t.ids.a.tenantId), eq(auditEvents.entityType, 'login-lock'), eq(auditEvents.entityId, t.ids.users.auditor.id)));
    expect(trail.map((e) => e.action).sort()).toEqual(['lock', 'unlock']);
  });

  it('answers 429 once failures in all pass the overall limit, from any address', async () => {
    const saved = { ...overall };
    Object.assign(overall, { limit: 3, started: 0, failures: 0 });
    try {
      for (let i = 0; i < 3; i++) expect((await login(`diffus-${i}@essai.fr`, 'x', `198.18.0.${i + 1}`)).statusCode).toBe(401);
      const refused = await login('diffus-9@essai.fr', 'x', '198.18.0.9');
      expect(refused.statusCode).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      Object.assign(overall, saved);
    }
  });
});
