import { sql } from 'drizzle-orm';
import { testApp, testPassword, type TestApp, type TestEstablishment, type TestUser } from '../../test/app.js';
import type { Clock } from '../../server/platform/context.js';
import { rows } from '../../server/platform/db.js';
import { tenantHeader } from '../../server/platform/http.js';
import { assignRole, createUser } from '../access/index.js';
import { seedGuichetDemo } from './demo/seed-guichet-demo.js';

/**
 * Test support for the service desk: the route-test world of src/test/app.ts with the demo desk
 * of both tenants, people of a school with a staff function, devices, and a ticket opener.
 */

export async function deskTestApp(options: { clock?: Clock } = {}): Promise<TestApp> {
  const t = await testApp(options);
  await seedGuichetDemo(t.ctx, t.ids.a.tenantId);
  await seedGuichetDemo(t.ctx, t.ids.b.tenantId);
  return t;
}

export interface SchoolPerson {
  id: string;
  email: string;
  headers(): Promise<Record<string, string>>;
}

let people = 0;

/** A person of a school of tenant A with a staff function (teacher, head…), logged in through the API. */
export async function schoolPerson(t: TestApp, school: TestEstablishment, staffFunction: 'teacher' | 'head' | 'digital-referent' | 'bursar' | 'librarian'): Promise<SchoolPerson> {
  const n = ++people;
  const email = `${staffFunction}-${n}-${Date.now().toString(36)}@essai.coherence.fr`;
  const user = await createUser(t.ctx, { tenantId: t.ids.a.tenantId, email, displayName: `Essai ${staffFunction} ${n}`, password: testPassword });
  await assignRole(t.ctx, { tenantId: t.ids.a.tenantId, userId: user.id, organizationId: t.ids.a.tenantId, role: 'establishment-staff', establishmentId: school.id, staffFunction, unitIds: [] });
  let cookie: string | null = null;
  return {
    id: user.id,
    email,
    async headers() {
      if (!cookie) {
        const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: testPassword }, remoteAddress: `127.1.${n % 250}.1` });
        if (response.statusCode !== 200) throw new Error(`login ${email}: ${response.statusCode} ${response.body}`);
        const c = response.cookies.find((x) => x.name === 'coh_session')!;
        cookie = `${c.name}=${c.value}`;
      }
      return { cookie, [tenantHeader]: t.ids.a.code };
    },
  };
}

/** A device of a school of tenant A, with its supplier and warranty end (YYYY-MM-DD). */
export async function insertDevice(t: TestApp, school: TestEstablishment, device: { name: string; supplier?: string; warrantyEnd?: string }): Promise<string> {
  const [row] = await rows<{ id: string }>(
    t.ctx.db,
    sql`insert into parc.assets (tenant_id, establishment_id, class, status, name, supplier, warranty_end)
        values (${t.ids.a.tenantId}, ${school.id}, 'desktop', 'in-service', ${device.name}, ${device.supplier ?? null}, ${device.warrantyEnd ?? null})
        returning id`,
  );
  return row.id;
}

export type Caller = TestUser | SchoolPerson;

export async function headersOf(t: TestApp, caller: Caller): Promise<Record<string, string>> {
  return typeof caller === 'string' ? t.headers(caller) : caller.headers();
}

/** POST /api/tickets as a caller; the body defaults to a medium incident at the staff user's school. */
export async function openTicket(t: TestApp, caller: Caller, body: Record<string, unknown> = {}) {
  return t.app.inject({
    method: 'POST',
    url: '/api/tickets',
    headers: await headersOf(t, caller),
    payload: { uai: t.ids.staffSchool.uai, title: 'Vidéoprojecteur en panne', description: 'Il ne s’allume plus en salle B12.', type: 'incident', urgency: 3, impact: 3, ...body },
  });
}

export async function call(t: TestApp, caller: Caller, method: 'GET' | 'POST', url: string, payload?: unknown) {
  return t.app.inject({ method, url, headers: await headersOf(t, caller), ...(payload === undefined ? {} : { payload: payload as object }) });
}

/** The id of a team of tenant A by the start of its name. */
export async function teamId(t: TestApp, prefix: string): Promise<string> {
  const [row] = await rows<{ id: string }>(
    t.ctx.db,
    sql`select id from guichet.support_teams where tenant_id = ${t.ids.a.tenantId} and name like ${prefix + '%'} order by name limit 1`,
  );
  if (!row) throw new Error(`no team ${prefix}`);
  return row.id;
}
