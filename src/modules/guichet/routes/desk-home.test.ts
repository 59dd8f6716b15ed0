import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp, TestUser } from '../../../test/app.js';
import { rows } from '../../../server/platform/db.js';
import { seedDemoTickets } from '../demo/seed-demo-tickets.js';
import { call, deskTestApp } from '../testing.js';
import { ticketStatuses } from '../vocabulary.js';

/**
 * The demo's months of tickets (both tenants, every status) and GET /api/desk/home over them: each
 * figure of each role's home page is the one the ticket list gives for the same filter, and the
 * desk's figures are those of the records themselves.
 */
const now = new Date('2026-03-12T10:00:00Z');
let t: TestApp;

beforeAll(async () => {
  t = await deskTestApp({ clock: () => now });
  const a = t.ids.a.tenantId;
  await seedDemoTickets(t.ctx, a, {
    now,
    days: 120,
    perSchool: 40,
    technicianId: t.ids.users.technician.id,
    referent: { userId: t.ids.users['establishment-staff'].id, establishmentId: t.ids.staffSchool.id },
  });
  // enough for 50 tickets in the last ten days (every status) in its few schools
  await seedDemoTickets(t.ctx, t.ids.b.tenantId, { now, days: 30, perSchool: 100 });
});
afterAll(() => t.close());

const get = async (caller: TestUser, url: string) => {
  const response = await call(t, caller, 'GET', url);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};
const total = async (caller: TestUser, query: string) => (await get(caller, `/api/tickets?${query}&pageSize=1`)).total as number;

describe('demo tickets', () => {
  it('fill both tenants with months of tickets in every status, numbered after them for new ones', async () => {
    for (const tenantId of [t.ids.a.tenantId, t.ids.b.tenantId]) {
      const found = await rows<{ status: string; n: number; opened: Date }>(
        t.ctx.db,
        sql`select status, count(*)::int as n, min(opened_at) as opened from guichet.tickets where tenant_id = ${tenantId} group by status`,
      );
      expect(found.map((r) => r.status).sort(), JSON.stringify(found)).toEqual([...ticketStatuses].sort());
      expect(Math.min(...found.map((r) => new Date(r.opened).getTime()))).toBeLessThan(now.getTime() - 25 * 86_400_000);
      const [{ events }] = await rows<{ events: number }>(t.ctx.db, sql`select count(distinct ticket_id)::int as events from guichet.ticket_events where tenant_id = ${tenantId}`);
      expect(events).toBe(found.reduce((s, r) => s + r.n, 0));
    }
    const created = await call(t, 'authority-admin', 'POST', '/api/tickets', {
      uai: t.ids.staffSchool.uai, title: 'Après la démo', description: 'Numéroté après les tickets de la démo.', type: 'incident', urgency: 3, impact: 3, channel: 'phone', requester: { name: 'Accueil' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const [{ max }] = await rows<{ max: number }>(t.ctx.db, sql`select max(number)::int as max from guichet.tickets where tenant_id = ${t.ids.a.tenantId}`);
    expect(created.json().number).toBe(max);
  });
});

describe('GET /api/desk/home', () => {
  it('gives each role its focus, each figure equal to the ticket list’s for the same filter', async () => {
    const expected: [TestUser, string, string][] = [
      ['authority-admin', 'desk', 'status=open&breached=true&sort=dueToResolve&order=asc'],
      ['steering', 'desk', 'status=open&breached=true&sort=dueToResolve&order=asc'],
      ['technician', 'queue', 'status=open&sort=dueToResolve&order=asc'],
      ['contractor', 'queue', 'status=open&sort=dueToResolve&order=asc'],
      ['establishment-staff', 'school', 'status=open&sort=updatedAt&order=desc'],
    ];
    for (const [caller, focus, firstQuery] of expected) {
      const home = await get(caller, '/api/desk/home');
      expect(home.focus, caller).toBe(focus);
      expect(home.counts, caller).toMatchObject({
        open: await total(caller, 'status=open'),
        late: await total(caller, 'status=open&breached=true'),
        unowned: await total(caller, 'status=new'),
        assignedToMe: await total(caller, 'status=open&mine=assigned'),
        requestedByMe: await total(caller, 'status=open&mine=requested'),
      });
      const list = await get(caller, `/api/tickets?${firstQuery}&pageSize=5`);
      expect(home.tickets.map((x: { id: string }) => x.id), caller).toEqual(list.items.map((x: { id: string }) => x.id));
      expect(home.ticketsTotal, caller).toBe(list.total);
    }
  });

  it('counts the whole desk for its administrator from the records, and a school’s and a technician’s own tickets', async () => {
    const a = t.ids.a.tenantId;
    const [records] = await rows<Record<string, number>>(
      t.ctx.db,
      sql`select count(*) filter (where status not in ('solved', 'closed'))::int as open,
                 count(*) filter (where status not in ('solved', 'closed') and (due_to_own <= ${now} or due_to_resolve <= ${now}))::int as late,
                 count(*) filter (where status = 'new')::int as unowned,
                 count(*) filter (where solved_at >= ${new Date(now.getTime() - 30 * 86_400_000)})::int as "solvedLast30Days",
                 count(*) filter (where status not in ('solved', 'closed') and requester_user_id = ${t.ids.users['establishment-staff'].id})::int as "requested",
                 count(*) filter (where status not in ('solved', 'closed') and assigned_user_id = ${t.ids.users.technician.id})::int as "assigned"
            from guichet.tickets where tenant_id = ${a}`,
    );
    const desk = await get('authority-admin', '/api/desk/home');
    expect(desk.counts).toMatchObject({ open: records.open, late: records.late, unowned: records.unowned, solvedLast30Days: records.solvedLast30Days });
    expect(records.late).toBeGreaterThan(0);
    expect(desk.tickets.every((x: { sla: { breached: boolean } }) => x.sla.breached)).toBe(true);
    const school = await get('establishment-staff', '/api/desk/home');
    expect(records.requested).toBeGreaterThan(0);
    expect(school.counts.requestedByMe).toBe(records.requested);
    expect(school.tickets.every((x: { establishment: { uai: string } }) => x.establishment.uai === t.ids.staffSchool.uai)).toBe(true);
    expect((await get('technician', '/api/desk/home')).counts.assignedToMe).toBe(records.assigned);
  });

  it('refuses without a session and keeps to the tenant', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/desk/home' })).statusCode).toBe(401);
    const [{ open }] = await rows<{ open: number }>(t.ctx.db, sql`select count(*)::int as open from guichet.tickets where tenant_id = ${t.ids.a.tenantId} and status not in ('solved', 'closed')`);
    expect((await get('authority-admin', '/api/desk/home')).counts.open).toBe(open);
  });
});
