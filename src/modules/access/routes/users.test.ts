import { afterAll, describe, expect, test } from 'vitest';
import { tenantHeader } from '../../../server/platform/http.js';
import { testApp, testPassword } from '../../../test/app.js';

const t = await testApp();
afterAll(() => t.close());

const as = (user: Parameters<typeof t.headers>[0]) => t.headers(user);
const get = async (url: string, user?: Parameters<typeof t.headers>[0]) =>
  t.app.inject({ method: 'GET', url, headers: user ? await as(user) : {} });
const post = async (url: string, payload: unknown, user: Parameters<typeof t.headers>[0] = 'authority-admin') =>
  t.app.inject({ method: 'POST', url, payload: payload as object, headers: await as(user) });
const emails = (body: { items: { email: string }[] }) => body.items.map((u) => u.email).sort();

describe('users of the active tenant', () => {
  test("lists the tenant's people with their roles there only, never a password hash", async () => {
    const response = await get('/api/users?pageSize=100', 'authority-admin');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.total).toBe(7);
    expect(emails(body)).not.toContain(t.ids.users['admin-b'].email);
    const technician = body.items.find((u: { email: string }) => u.email === t.ids.users.technician.email);
    expect(technician).toMatchObject({ active: true, hasPassword: true, identityLinked: false, permissions: { manage: true } });
    expect(technician.roles).toEqual([expect.objectContaining({ role: 'technician', roleLabel: 'Technicien', level: 1, unitIds: [t.ids.unit1.id] })]);
    expect(response.body).not.toMatch(/argon2|passwordHash|password_hash/);

    const page = (await get('/api/users?pageSize=2&page=2&search=essai', 'authority-admin')).json();
    expect(page).toMatchObject({ total: 7 });
    expect(page.items).toHaveLength(2);
    const technicians = (await get('/api/users?role=technician', 'authority-admin')).json();
    expect(emails(technicians)).toEqual([t.ids.users.technician.email]);
  });

  test('steering and auditor read, without the right to manage; other roles are refused', async () => {
    for (const user of ['steering', 'auditor'] as const) {
      const body = (await get('/api/users', user)).json();
      expect(body.total).toBe(7);
      expect(body.items.every((u: { permissions: { manage: boolean } }) => !u.permissions.manage)).toBe(true);
      expect((await post('/api/users', { email: 'x@essai.fr', displayName: 'X', role: 'auditor' }, user)).statusCode).toBe(403);
    }
    for (const user of ['technician', 'establishment-staff', 'academy-staff', 'contractor'] as const) {
      expect((await get('/api/users', user)).statusCode).toBe(403);
    }
    expect((await get('/api/users')).statusCode).toBe(401);
  });

  test("tenant B's admin sees B's people only, and gets 404 on A's", async () => {
    const body = (await get('/api/users', 'admin-b')).json();
    expect(emails(body)).toEqual([t.ids.users['admin-b'].email]);
    const id = t.ids.users.technician.id;
    expect((await get(`/api/users/${id}`, 'admin-b')).statusCode).toBe(404);
    expect((await post(`/api/users/${id}/roles`, { role: 'auditor' }, 'admin-b')).statusCode).toBe(404);
    expect((await post(`/api/users/${id}/disable`, {}, 'admin-b')).statusCode).toBe(404);
    const roleId = (await get(`/api/users/${id}`, 'authority-admin')).json().roles[0].id;
    const removal = await t.app.inject({ method: 'DELETE', url: `/api/users/${id}/roles/${roleId}`, headers: await as('admin-b') });
    expect(removal.statusCode).toBe(404);
  });

  test('creates an account with its first role, then refuses the same role twice', async () => {
    const payload = { email: 'New.Person@Essai.fr', displayName: 'Nouvelle personne', password: 'Un-Mot-De-Passe-1', role: 'establishment-staff', establishmentId: t.ids.staffSchool.id, staffFunction: 'head' };
    const created = await post('/api/users', payload);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ created: true, user: { email: 'new.person@essai.fr', roles: [{ role: 'establishment-staff', staffFunction: 'head', staffFunctionLabel: "Chef d'établissement" }] } });
    expect((await post('/api/users', payload)).statusCode).toBe(409);
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'new.person@essai.fr', password: 'Un-Mot-De-Passe-1' } });
    expect(login.statusCode).toBe(200);
  });

  test('refuses bad input with 400 and the field at fault', async () => {
    const base = { email: 'bad@essai.fr', displayName: 'Bad', role: 'auditor' };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, email: 'pas-un-email' }, 'body.email'],
      [{ ...base, password: 'court' }, 'password'],
      [{ ...base, role: 'superuser' }, 'body.role'],
      [{ ...base, role: 'technician', level: 1 }, 'unitIds'],
      [{ ...base, role: 'establishment-staff', establishmentId: t.ids.establishmentsB[0].id }, 'establishmentId'],
      [{ ...base, role: 'contractor', organizationId: t.ids.b.tenantId }, 'organizationId'],
    ];
    for (const [payload, path] of cases) {
      const response = await post('/api/users', payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
    expect((await get('/api/users?email=1', 'authority-admin')).statusCode).toBe(200);
    expect((await get('/api/users?pageSize=9999', 'authority-admin')).statusCode).toBe(400);
  });

  test('grants and removes roles within the tenant; the last administrator stays', async () => {
    const id = t.ids.users.auditor.id;
    const granted = await post(`/api/users/${id}/roles`, { role: 'contractor', organizationId: t.ids.contractorOrg.tenantId, unitIds: [t.ids.unit2.id] });
    expect(granted.statusCode).toBe(201);
    const { assignmentId, user } = granted.json();
    expect(user.roles.map((r: { role: string }) => r.role).sort()).toEqual(['auditor', 'contractor']);
    expect((await post(`/api/users/${id}/roles`, { role: 'technician', unitIds: [t.ids.unitB.id], level: 0 })).statusCode).toBe(400);
    const del = async (userId: string, roleId: string, who: Parameters<typeof t.headers>[0] = 'authority-admin') =>
      t.app.inject({ method: 'DELETE', url: `/api/users/${userId}/roles/${roleId}`, headers: await as(who) });
    expect((await del(id, assignmentId, 'steering')).statusCode).toBe(403);
    expect((await del(id, assignmentId)).statusCode).toBe(204);
    expect((await del(id, assignmentId)).statusCode).toBe(404);
    const adminId = t.ids.users['authority-admin'].id;
    const adminRole = (await get(`/api/users/${adminId}`, 'authority-admin')).json().roles[0].id;
    const last = await del(adminId, adminRole);
    expect(last.statusCode).toBe(409);
    expect(last.json().error.message).toContain('dernier administrateur');
  });

  test('disables an account: its sessions end and it can no longer log in; enable restores it', async () => {
    const id = t.ids.users.contractor.id;
    const before = await t.login('contractor', { fresh: true });
    expect((await post(`/api/users/${id}/disable`, {}, 'steering')).statusCode).toBe(403);
    const disabled = await post(`/api/users/${id}/disable`, {});
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json().active).toBe(false);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: before } })).statusCode).toBe(401);
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: t.ids.users.contractor.email, password: testPassword } });
    expect(login.statusCode).toBe(401);
    expect((await post(`/api/users/${id}/enable`, {})).json().active).toBe(true);
    t.forgetSession('contractor');
    expect((await get('/api/auth/me', 'contractor')).statusCode).toBe(200);
    expect((await post(`/api/users/${t.ids.users['authority-admin'].id}/disable`, {})).statusCode).toBe(409);
  });

  test('a person with roles in two tenants sees each only when it is active', async () => {
    const adminB = t.ids.users['admin-b'];
    const added = await post('/api/users', { email: adminB.email, displayName: 'ignored', password: 'Ignored-Password-1', role: 'auditor' });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ created: false, user: { displayName: adminB.displayName, roles: [{ role: 'auditor' }] } });
    // the account's roles elsewhere are not A's to see, nor its account to switch off
    expect(added.json().user.roles).toHaveLength(1);
    expect((await post(`/api/users/${adminB.id}/disable`, {})).statusCode).toBe(409);

    const cookie = await t.login('admin-b', { fresh: true });
    const inTenant = (code: string, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie, [tenantHeader]: code } });
    const inA = await inTenant(t.ids.a.code, '/api/users?pageSize=100');
    expect(inA.statusCode).toBe(200);
    expect(emails(inA.json())).toContain(t.ids.users.technician.email);
    expect((await inTenant(t.ids.a.code, '/api/tokens')).statusCode).toBe(403); // auditor in A
    const inB = await inTenant(t.ids.b.code, '/api/users?pageSize=100');
    expect(emails(inB.json())).toEqual([adminB.email]);
    expect(inB.body).not.toContain(t.ids.users.technician.email);
    expect((await inTenant(t.ids.b.code, '/api/tokens')).statusCode).toBe(200); // admin in B
    const me = (await inTenant(t.ids.a.code, '/api/auth/me')).json();
    expect(me.activeTenant.code).toBe(t.ids.a.code);
    expect(me.permissions['user.manage']).toBe(false);
  });

  test('exports the list as CSV and XLSX', async () => {
    const csv = await get('/api/users/export?format=csv', 'steering');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain(t.ids.users.technician.email);
    expect(csv.body).toContain('Technicien (niveau 1');
    expect(csv.body).not.toContain('password');
    const xlsx = await get('/api/users/export?format=xlsx', 'authority-admin');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await get('/api/users/export', 'technician')).statusCode).toBe(403);
    expect((await get('/api/users/export?format=pdf', 'steering')).statusCode).toBe(400);
  });

  test('offers the organizations a role may be held for: the tenant and its partners', async () => {
    const body = (await get('/api/users/options', 'authority-admin')).json();
    expect(body.organizations.map((o: { code: string }) => o.code)).toEqual([t.ids.a.code, ...[t.ids.academy, t.ids.contractorOrg].sort((x, y) => x.name.localeCompare(y.name)).map((o) => o.code)]);
    expect(body.roles).toContainEqual({ value: 'technician', label: 'Technicien' });
    expect((await get('/api/users/options', 'technician')).statusCode).toBe(403);
  });
});
