import { and, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../server/app.js';
import { rows } from '../../../server/platform/db.js';
import type { TestApp } from '../../../test/app.js';
import { notifications } from '../../../server/platform/db-schema.js';
import { slaAlertsRaised, ticketEvents, tickets } from '../db/schema.js';
import { call, deskTestApp, openTicket, schoolPerson, type SchoolPerson } from '../testing.js';
import { backgroundOf } from './background.js';

/**
 * The service-level watcher and the notifications menu's routes. The clock starts on Monday
 * 2 March 2026, 09:00 in Paris; the default agreement gives 4 business hours to own (warning
 * at 75 %: 12:00; deadline 14:30 after the lunch break). A second app on the same database
 * plays a second server process: every alert happens once.
 */

let now = new Date('2026-03-02T08:00:00Z').getTime();
const clock = () => new Date(now);
const at = (iso: string) => void (now = new Date(iso).getTime());
let t: TestApp;
let second: FastifyInstance;
let teacher: SchoolPerson;
let ticket: { id: string; number: number; version: number; level: number; assignedTeam: { id: string } | null };

beforeAll(async () => {
  t = await deskTestApp({ clock });
  teacher = await schoolPerson(t, t.ids.staffSchool, 'teacher');
  second = await buildApp({ database: t.database, clock, serveWeb: false });
  await second.ready();
  ticket = (await openTicket(t, teacher, { title: 'Serveur pédagogique arrêté' })).json();
}, 60_000);
afterAll(async () => {
  await second?.close();
  await t?.close();
});

/** Both "processes" run the watcher at the same time. */
const watchTwice = () => Promise.all([backgroundOf(t.app).runNow('sla-watch'), backgroundOf(second).runNow('sla-watch')]);
const notificationsOf = (kind: string) =>
  t.ctx.db.select().from(notifications).where(and(eq(notifications.refId, ticket.id), eq(notifications.kind, kind)));
const eventsOf = (kind: string) => t.ctx.db.select().from(ticketEvents).where(and(eq(ticketEvents.ticketId, ticket.id), eq(ticketEvents.kind, kind)));

describe('service-level watcher', () => {
  it('says nothing before the warning time', async () => {
    at('2026-03-02T10:50:00Z'); // 11:50 in Paris
    await watchTwice();
    expect(await t.ctx.db.select().from(slaAlertsRaised).where(eq(slaAlertsRaised.ticketId, ticket.id))).toEqual([]);
  });

  it('warns the assigned team once at 75 % of the time to own', async () => {
    at('2026-03-02T11:05:00Z'); // 12:05
    await watchTwice();
    await watchTwice();
    const warned = await notificationsOf('sla-warning');
    expect(warned.length).toBeGreaterThan(0);
    expect(new Set(warned.map((n) => n.recipientUserId)).size).toBe(warned.length);
    expect(warned[0].subject).toBe(`[n° ${ticket.number}] Délai de prise en charge bientôt atteint : Serveur pédagogique arrêté`);
    expect(warned[0].body).toContain('lundi 2 mars à 14h30');
    expect(await eventsOf('escalation')).toEqual([]);
  });

  it('escalates once at the breach, by the system, with the reason in the history, and tells the next level', async () => {
    at('2026-03-02T13:35:00Z'); // 14:35, five minutes late
    const results = await watchTwice();
    await watchTwice();
    const escalations = await eventsOf('escalation');
    expect(escalations).toHaveLength(1);
    expect(escalations[0]).toMatchObject({ actorType: 'system', actorLabel: 'Système', level: ticket.level + 1 });
    expect(escalations[0].reason).toBe('Dépassement du délai de prise en charge (échéance : lundi 2 mars à 14h30).');
    expect(results.map((r) => (r as { escalations: number }).escalations).reduce((a, b) => a + b)).toBe(1);

    const [row] = await t.ctx.db.select().from(tickets).where(eq(tickets.id, ticket.id));
    expect(row.level).toBe(ticket.level + 1);
    expect(row.assignedTeamId).toBe(escalations[0].teamId);
    expect(row.assignedTeamId).not.toBe(ticket.assignedTeam?.id ?? null);
    const told = await notificationsOf('escalated');
    expect(told.length).toBeGreaterThan(0);
    expect(new Set(told.map((n) => n.recipientUserId)).size).toBe(told.length);
    expect((await notificationsOf('sla-breach')).length).toBeGreaterThan(0);

    // the history shown on the ticket carries the reason
    const detail = (await call(t, 'authority-admin', 'GET', `/api/tickets/${ticket.id}`)).json();
    expect(JSON.stringify(detail)).toContain('Dépassement du délai de prise en charge');
  });
});

describe('notifications routes', () => {
  let mine: { id: number; ticketId: string; readAt: string | null }[];

  it('lists the current user’s notifications, newest first, with the unread count', async () => {
    const warnedUser = (await notificationsOf('sla-warning'))[0].recipientUserId!;
    const [who] = await rows<{ email: string }>(t.ctx.db, sql`select email from access.users where id = ${warnedUser}`);
    expect(who.email).toBeTruthy();
    const admin = await call(t, 'authority-admin', 'GET', '/api/notifications?pageSize=50');
    expect(admin.statusCode).toBe(200);
    const body = admin.json();
    mine = body.items;
    const adminId = t.ids.users['authority-admin'].id;
    const stored = await t.ctx.db.select().from(notifications).where(and(eq(notifications.tenantId, t.ids.a.tenantId), eq(notifications.recipientUserId, adminId)));
    expect(body.total).toBe(stored.length);
    expect(body.unread).toBe(stored.filter((n) => !n.readAt).length);
    expect(mine.map((n) => n.id)).toEqual([...mine.map((n) => n.id)].sort((a, b) => b - a));
  });

  it('lets a user mark their own as read, and answers 404 on another person’s', async () => {
    // the teacher is told when the desk answers in public
    await call(t, 'authority-admin', 'POST', `/api/tickets/${ticket.id}/followups`, { body: 'Nous regardons.' });
    const teacherList = (await call(t, teacher, 'GET', '/api/notifications')).json();
    expect(teacherList.items.map((n: { kind: string }) => n.kind)).toEqual(['followup']);
    expect(teacherList.unread).toBe(1);
    const theirs = teacherList.items[0].id;

    for (const other of ['authority-admin', 'technician', 'admin-b'] as const) {
      expect((await call(t, other, 'POST', `/api/notifications/${theirs}/read`)).statusCode).toBe(404);
      const list = (await call(t, other, 'GET', '/api/notifications?pageSize=500')).json();
      expect(list.items.some((n: { id: number }) => n.id === theirs)).toBe(false);
    }
    expect((await t.ctx.db.select().from(notifications).where(eq(notifications.id, theirs)))[0].readAt).toBeNull();

    expect((await call(t, teacher, 'POST', `/api/notifications/${theirs}/read`)).statusCode).toBe(200);
    const after = (await call(t, teacher, 'GET', '/api/notifications')).json();
    expect(after.unread).toBe(0);
    expect(after.items[0].readAt).not.toBeNull();
    expect((await t.app.inject({ method: 'GET', url: '/api/notifications' })).statusCode).toBe(401);
  });

  it('marks all of one’s own as read, and only one’s own', async () => {
    const teacherUnreadBefore = (await call(t, teacher, 'GET', '/api/notifications')).json().unread;
    const marked = await call(t, 'authority-admin', 'POST', '/api/notifications/read-all');
    expect(marked.statusCode).toBe(200);
    expect((await call(t, 'authority-admin', 'GET', '/api/notifications')).json().unread).toBe(0);
    expect((await call(t, teacher, 'GET', '/api/notifications')).json().unread).toBe(teacherUnreadBefore);
  });
});

describe('service-level watcher, time to resolve', () => {
  // last: two days later, the sessions of the routes tests have expired
  it('acts once more at the resolve breach (Wednesday 09:00 after 16 business hours): escalation or breach noted, once', async () => {
    const before = [...(await eventsOf('escalation')), ...(await eventsOf('sla-breach'))].length;
    at('2026-03-04T08:30:00Z'); // Wednesday 09:30 in Paris
    await watchTwice();
    await watchTwice();
    const after = [...(await eventsOf('escalation')), ...(await eventsOf('sla-breach'))];
    expect(after).toHaveLength(before + 1);
    const latest = after.sort((a, b) => b.id - a.id)[0];
    expect(latest.reason).toMatch(/^Dépassement du délai de résolution \(échéance : mercredi 4 mars à 09h00\)\./);
    const alerts = await t.ctx.db.select().from(slaAlertsRaised).where(eq(slaAlertsRaised.ticketId, ticket.id));
    expect(alerts.map((a) => `${a.clock}/${a.level}`).sort()).toEqual(['own/breach', 'own/warning', 'resolve/breach']);
  });
});

describe('pg-boss', () => {
  it('runs the jobs through pg-boss queues on the app’s own database, and stops with the app', async () => {
    const withJobs = await buildApp({ database: t.database, clock, serveWeb: false, config: { jobs: true } });
    await withJobs.ready();
    try {
      await backgroundOf(withJobs).enqueue('sla-watch');
      let state = '';
      for (let i = 0; i < 60 && state !== 'completed'; i++) {
        await new Promise((r) => setTimeout(r, 500));
        const [job] = await rows<{ state: string }>(t.ctx.db, sql`select state from pgboss.job where name = 'guichet-sla-watch' order by created_on desc limit 1`);
        state = job?.state ?? '';
      }
      expect(state).toBe('completed');
      const [schedule] = await rows<{ cron: string }>(t.ctx.db, sql`select cron from pgboss.schedule where name = 'platform-mail-send'`);
      expect(schedule.cron).toBe('* * * * *');
    } finally {
      await withJobs.close();
    }
  }, 60_000);
});
