import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, test } from 'vitest';
import { auditEvents } from '../../../server/platform/db-schema.js';
import { testApp } from '../../../test/app.js';
import { apiTokens } from '../db/schema.js';

const t = await testApp();
afterAll(() => t.close());

const admin = () => t.headers('authority-admin');
const school = () => t.ids.establishments.unit1[0];

async function createToken(body: Record<string, unknown>, headers?: Record<string, string>) {
  return t.app.inject({ method: 'POST', url: '/api/tokens', headers: headers ?? (await admin()), payload: body });
}

describe('API tokens', () => {
  test('an authority admin creates a token whose secret is shown once, bound to the tenant', async () => {
    const response = await createToken({ name: 'Inventaire GLPI', role: 'technician', access: 'read', unitIds: [t.ids.unit1.id] });
    expect(response.statusCode).toBe(201);
    const { token, secret } = response.json();
    expect(secret).toMatch(new RegExp(`^coh_${t.ids.a.tenantId.replace(/-/g, '')}_[A-Za-z0-9_-]{40,}$`));
    expect(token).toMatchObject({ name: 'Inventaire GLPI', role: 'technician', access: 'read', status: 'active', unitIds: [t.ids.unit1.id] });
    expect(response.headers['cache-control']).toBe('no-store');
    const [stored] = await t.database.db.select().from(apiTokens).where(eq(apiTokens.id, token.id));
    expect(stored.tokenHash).not.toContain(secret);

    const list = await t.app.inject({ method: 'GET', url: '/api/tokens', headers: await admin() });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(secret);
    expect(list.body).not.toContain(stored.tokenHash);
    expect(list.json().items.map((i: { id: string }) => i.id)).toContain(token.id);

    // the token reads within its scope only
    const seen = await t.app.inject({ method: 'GET', url: '/api/establishments', headers: { authorization: `Bearer ${secret}` } });
    expect(seen.statusCode).toBe(200);
    expect(seen.json().items.map((e: { uai: string }) => e.uai).sort()).toEqual(t.ids.establishments.unit1.map((e) => e.uai).sort());
  });

  test('a read token is refused on writes (403); a write token may write', async () => {
    const read = (await createToken({ name: 'Lecture', role: 'authority-admin', access: 'read' })).json().secret;
    const write = (await createToken({ name: 'Écriture', role: 'authority-admin', access: 'write' })).json().secret;
    const patch = (secret: string) =>
      t.app.inject({ method: 'PATCH', url: `/api/establishments/${school().uai}`, headers: { authorization: `Bearer ${secret}` }, payload: { version: 1, pupils: 321 } });
    expect((await patch(read)).statusCode).toBe(403);
    expect((await patch(write)).statusCode).toBe(200);
    // whatever its role, no token manages tokens or people
    for (const secret of [read, write]) {
      expect((await t.app.inject({ method: 'GET', url: '/api/tokens', headers: { authorization: `Bearer ${secret}` } })).statusCode).toBe(403);
      const created = await createToken({ name: 'Par jeton', role: 'auditor', access: 'read' }, { authorization: `Bearer ${secret}` });
      expect(created.statusCode).toBe(403);
    }
  });

  test('revoking a token refuses it at once, and is audited', async () => {
    const { token, secret } = (await createToken({ name: 'À révoquer', role: 'auditor', access: 'read' })).json();
    const first = await t.app.inject({ method: 'DELETE', url: `/api/tokens/${token.id}`, headers: await admin() });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ id: token.id, status: 'revoked' });
    const refused = await t.app.inject({ method: 'GET', url: '/api/establishments', headers: { authorization: `Bearer ${secret}` } });
    expect(refused.statusCode).toBe(401);
    const again = await t.app.inject({ method: 'DELETE', url: `/api/tokens/${token.id}`, headers: await admin() });
    expect(again.statusCode).toBe(409);
    const trail = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.tenantId, t.ids.a.tenantId), eq(auditEvents.entityType, 'api-token'), eq(auditEvents.entityId, token.id)));
    expect(trail.map((e) => e.action).sort()).toEqual(['create', 'revoke']);
    expect(trail.every((e) => e.actorId === t.ids.users['authority-admin'].id)).toBe(true);
  });

  test('an expired token is refused', async () => {
    const { token, secret } = (await createToken({ name: 'Court', role: 'auditor', access: 'read', expiresAt: new Date(Date.now() + 60_000).toISOString() })).json();
    await t.database.db.update(apiTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiTokens.id, token.id));
    expect((await t.app.inject({ method: 'GET', url: '/api/establishments', headers: { authorization: `Bearer ${secret}` } })).statusCode).toBe(401);
    const list = (await t.app.inject({ method: 'GET', url: '/api/tokens', headers: await admin() })).json();
    expect(list.items.find((i: { id: string }) => i.id === token.id).status).toBe('expired');
  });

  test('statuses: 400 on bad input, 401 anonymous, 403 without the right, 404 on another tenant', async () => {
    expect((await createToken({ name: 'x', role: 'auditor', access: 'read' })).statusCode).toBe(400);
    expect((await createToken({ name: 'Passé', role: 'auditor', access: 'read', expiresAt: '2001-01-01T00:00:00Z' })).statusCode).toBe(400);
    expect((await createToken({ name: 'Sans unité', role: 'technician', access: 'read' })).statusCode).toBe(400);
    expect((await createToken({ name: 'Unité de B', role: 'contractor', access: 'read', unitIds: [t.ids.unitB.id] })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/tokens' })).statusCode).toBe(401);
    for (const user of ['steering', 'auditor', 'technician'] as const) {
      expect((await t.app.inject({ method: 'GET', url: '/api/tokens', headers: await t.headers(user) })).statusCode).toBe(403);
      expect((await createToken({ name: 'Refusé', role: 'auditor', access: 'read' }, await t.headers(user))).statusCode).toBe(403);
    }
    const ofB = await createToken({ name: 'Jeton de B', role: 'auditor', access: 'read' }, await t.headers('admin-b'));
    expect(ofB.statusCode).toBe(201);
    const id = ofB.json().token.id;
    expect((await t.app.inject({ method: 'DELETE', url: `/api/tokens/${id}`, headers: await admin() })).statusCode).toBe(404);
    const listA = await t.app.inject({ method: 'GET', url: '/api/tokens', headers: await admin() });
    expect(listA.body).not.toContain(id);
    expect((await t.app.inject({ method: 'DELETE', url: '/api/tokens/not-a-uuid', headers: await admin() })).statusCode).toBe(400);
  });
});
