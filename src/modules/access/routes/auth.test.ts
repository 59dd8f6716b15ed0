import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, test } from 'vitest';
import { auditEvents } from '../../../server/platform/db-schema.js';
import { testApp, testPassword } from '../../../test/app.js';

const t = await testApp();
afterAll(() => t.close());

const login = (email: string, password: string, remoteAddress = '10.0.0.1') =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress });
const withoutRequestId = (body: string) => ({ ...JSON.parse(body), error: { ...JSON.parse(body).error, requestId: undefined } });

describe('sign-in', () => {
  test('GET /api/auth/providers says OIDC is off when it is not configured', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/auth/providers' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ password: true, oidc: null });
  });

  test('an unknown and a known e-mail get the same status and body', async () => {
    const unknown = await login('personne@essai.coherence.fr', 'Wrong-Password-1');
    const known = await login(t.ids.users.steering.email, 'Wrong-Password-1');
    expect(unknown.statusCode).toBe(401);
    expect(known.statusCode).toBe(401);
    expect(withoutRequestId(unknown.body)).toEqual(withoutRequestId(known.body));
    expect(known.cookies.find((c) => c.name === 'coh_session')).toBeUndefined();
  });

  test('five failures lock the e-mail: 429, even with the right password', async () => {
    const email = t.ids.users.auditor.email;
    for (let i = 0; i < 5; i++) expect((await login(email, `Wrong-Password-${i}`)).statusCode).toBe(401);
    const locked = await login(email, testPassword);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('TOO_MANY_REQUESTS');
  });

  test('the session cookie is httpOnly and SameSite=Strict', async () => {
    const response = await login(t.ids.users.steering.email, testPassword);
    const cookie = response.cookies.find((c) => c.name === 'coh_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
  });
});

describe('POST /api/auth/password', () => {
  const change = (cookie: string | undefined, payload: unknown) =>
    t.app.inject({ method: 'POST', url: '/api/auth/password', payload: payload as object, headers: cookie ? { cookie } : {} });

  test('refuses anonymous callers (401) and API tokens', async () => {
    const payload = { currentPassword: testPassword, newPassword: 'Nouveau-Mot-2026' };
    expect((await change(undefined, payload)).statusCode).toBe(401);
    const token = await t.app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: await t.headers('authority-admin'),
      payload: { name: 'Intégration', role: 'authority-admin', access: 'write' },
    });
    const bearer = { authorization: `Bearer ${token.json().secret}` };
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/password', payload, headers: bearer })).statusCode).toBe(401);
  });

  test('refuses a wrong current password and a weak new one (400)', async () => {
    const cookie = await t.login('technician', { fresh: true });
    const wrong = await change(cookie, { currentPassword: 'Not-The-Password-1', newPassword: 'Nouveau-Mot-2026' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.issues[0].path).toBe('currentPassword');
    const short = await change(cookie, { currentPassword: testPassword, newPassword: 'Court-1' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.issues[0].path).toBe('newPassword');
    expect(short.json().error.message).toContain('12 caractères');
    const plain = await change(cookie, { currentPassword: testPassword, newPassword: 'toutenminusculesettrop' });
    expect(plain.statusCode).toBe(400);
    const same = await change(cookie, { currentPassword: testPassword, newPassword: testPassword });
    expect(same.statusCode).toBe(400);
    expect((await change(cookie, { currentPassword: testPassword })).statusCode).toBe(400);
  });

  test('changes the password, keeps this session and ends the others', async () => {
    const current = await t.login('academy-staff', { fresh: true });
    const other = await t.login('academy-staff', { fresh: true });
    const response = await change(current, { currentPassword: testPassword, newPassword: 'Nouveau-Mot-2026' });
    expect(response.statusCode).toBe(200);
    expect(response.json().endedSessions).toBeGreaterThanOrEqual(1);
    const me = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect((await me(current)).statusCode).toBe(200);
    expect((await me(other)).statusCode).toBe(401);
    const email = t.ids.users['academy-staff'].email;
    expect((await login(email, testPassword, '10.0.0.2')).statusCode).toBe(401);
    expect((await login(email, 'Nouveau-Mot-2026', '10.0.0.2')).statusCode).toBe(200);
    const trail = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, t.ids.users['academy-staff'].id), eq(auditEvents.action, 'change-password')));
    expect(trail.map((e) => e.tenantId)).toEqual([t.ids.a.tenantId]);
    expect(JSON.stringify(trail)).not.toContain('Nouveau-Mot-2026');
    t.forgetSession('academy-staff');
  });
});
