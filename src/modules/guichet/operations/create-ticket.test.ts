import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/app.js';
import { testApp } from '../../../test/app.js';
import { actorCtx } from '../../access/testing.js';
import { createApiToken } from '../../access/operations/create-api-token.js';
import { actorFromApiToken } from '../../access/index.js';
import { ticketEvents, tickets } from '../db/schema.js';
import { seedGuichetDemo } from '../demo/seed-guichet-demo.js';
import { deskConfigCache } from '../desk-config.js';
import { changeTicketStatus } from './change-ticket-status.js';
import { createTicket } from './create-ticket.js';
import { getTicket } from './get-ticket.js';

/** Operations on the real database, with a clock set by hand. */

let now = new Date('2026-03-06T15:00:00Z').getTime(); // Friday 16:00 Europe/Paris
const clock = () => new Date(now);
let t: TestApp;

beforeAll(async () => {
  t = await testApp({ clock });
});
afterAll(() => t?.close());

const base = { title: 'Poste bloqué', description: 'Écran bleu au démarrage', type: 'incident' as const, urgency: 3, impact: 3 };

describe('createTicket', () => {
  it('works before the desk is configured: built-in terms, no team, waiting for triage', async () => {
    const ctx = await actorCtx(t.ctx.db, t.ids.users['authority-admin'].id, t.ids.a.code, clock);
    const { ticket, routing } = await createTicket(ctx, { ...base, uai: t.ids.staffSchool.uai });
    expect(routing.team).toBeNull();
    expect(ticket).toMatchObject({ status: 'new', assignedTeamId: null, agreementId: 'convention-demo', priority: 3, number: 1 });
    // Friday 16:00 at medium priority: due to own on Monday 10:30, to resolve on Tuesday 16:00 (Paris)
    expect(ticket.dueToOwn?.toISOString()).toBe('2026-03-09T09:30:00.000Z');
    expect(ticket.dueToResolve?.toISOString()).toBe('2026-03-10T15:00:00.000Z');
  });

  it('routes and numbers tickets once the demo desk is seeded, concurrently without duplicates', async () => {
    await seedGuichetDemo(t.ctx, t.ids.a.tenantId);
    expect(await seedGuichetDemo(t.ctx, t.ids.a.tenantId)).toEqual({ teams: 0, categories: 0 }); // idempotent
    const ctx = await actorCtx(t.ctx.db, t.ids.users.technician.id, t.ids.a.code, clock);
    const created = await Promise.all(
      Array.from({ length: 30 }, (_, i) => createTicket(ctx, { ...base, uai: t.ids.establishments.unit1[i % 2].uai, channel: 'phone', category: 'devices' })),
    );
    const numbers = created.map((c) => c.ticket.number).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(30);
    expect(numbers[0]).toBeGreaterThan(1);
    expect(created.every((c) => c.routing.team?.name === `UTIL — ${t.ids.unit1.name}`)).toBe(true);
    const [event] = await t.ctx.db
      .select()
      .from(ticketEvents)
      .where(and(eq(ticketEvents.tenantId, t.ids.a.tenantId), eq(ticketEvents.ticketId, created[0].ticket.id)));
    expect(event).toMatchObject({ kind: 'created', status: 'new', category: 'devices', priority: 3, agreementId: 'convention-demo', level: 1, actorLabel: 'Essai technician' });
  });

  it('keeps the triage key in the history of a ticket without category, and rebuilds the clock from it', async () => {
    const ctx = await actorCtx(t.ctx.db, t.ids.users.technician.id, t.ids.a.code, clock);
    const { ticket } = await createTicket(ctx, { ...base, uai: t.ids.staffSchool.uai, channel: 'phone' });
    const [event] = await t.ctx.db.select().from(ticketEvents).where(and(eq(ticketEvents.tenantId, t.ids.a.tenantId), eq(ticketEvents.ticketId, ticket.id)));
    expect(event.category).toBe('_triage');
    now += 3 * 86_400_000 + 17 * 3600_000; // Tuesday 08:00 UTC: own deadline (Monday 10:30) passed
    const read = await getTicket(ctx, { id: ticket.id });
    expect(read.clock.own).toMatchObject({ state: 'breached', breached: true, dueAt: '2026-03-09T09:30:00.000Z' });
    await changeTicketStatus(ctx, { id: ticket.id, changes: { action: 'assign', version: ticket.version } });
    const [stored] = await t.ctx.db.select().from(tickets).where(and(eq(tickets.tenantId, t.ids.a.tenantId), eq(tickets.id, ticket.id)));
    // owned late: the deadline stays, so "breached" lists keep it
    expect(stored.dueToOwn?.toISOString()).toBe('2026-03-09T09:30:00.000Z');
    now = new Date('2026-03-06T15:00:00Z').getTime();
  });

  it('opens through the API with the api channel, and wants a named requester', async () => {
    const adminCtx = await actorCtx(t.ctx.db, t.ids.users['authority-admin'].id, t.ids.a.code, clock);
    const { secret } = await createApiToken(adminCtx, { name: 'Supervision', access: 'write', role: 'technician', unitIds: [t.ids.unit1.id] });
    const actor = await actorFromApiToken(t.ctx, secret);
    const ctx = { ...t.ctx, actor };
    await expect(createTicket(ctx, { ...base, uai: t.ids.staffSchool.uai })).rejects.toMatchObject({ code: 'VALIDATION', issues: [{ path: 'requester' }] });
    const { ticket } = await createTicket(ctx, { ...base, uai: t.ids.staffSchool.uai, channel: 'phone', requester: { name: 'Supervision réseau', contact: 'noc@essai.fr' } });
    expect(ticket).toMatchObject({ channel: 'api', requesterUserId: null, requesterName: 'Supervision réseau', level: 1 });
    await expect(createTicket(ctx, { ...base, uai: t.ids.establishments.unit2[0].uai, requester: { name: 'x' } })).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('refuses a call taken in the future or more than 30 days ago', async () => {
    const ctx = await actorCtx(t.ctx.db, t.ids.users.technician.id, t.ids.a.code, clock);
    await expect(createTicket(ctx, { ...base, uai: t.ids.staffSchool.uai, openedAt: '2026-03-06T15:00:01Z' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(createTicket(ctx, { ...base, uai: t.ids.staffSchool.uai, openedAt: '2026-02-01T15:00:00Z' })).rejects.toMatchObject({ code: 'VALIDATION' });
    const { ticket } = await createTicket(ctx, { ...base, uai: t.ids.staffSchool.uai, channel: 'phone', openedAt: '2026-03-06T15:00:00Z' });
    expect(ticket.openedAt.toISOString()).toBe('2026-03-06T15:00:00.000Z');
  });

  it('uses the category’s own agreement when it has one', async () => {
    await t.ctx.db.execute(
      (await import('drizzle-orm')).sql`insert into guichet.service_terms (tenant_id, kind, key, version, valid_from, body)
        values (${t.ids.a.tenantId}, 'agreement', 'convention-ent', 1, '2020-01-01', ${JSON.stringify({
          id: 'convention-ent',
          version: 1,
          label: 'ENT',
          targets: Object.fromEntries(['1', '2', '3', '4', '5', '6'].map((p) => [p, { timeToOwnMinutes: 60, timeToResolveMinutes: 120, warnAtRatio: 0.5, calendarId: 'heures-ouvrees' }])),
        })}::jsonb)`,
    );
    await t.ctx.db.execute((await import('drizzle-orm')).sql`update guichet.categories set agreement_id = 'convention-ent' where tenant_id = ${t.ids.a.tenantId} and key = 'ent'`);
    t.ctx.cache.invalidate(deskConfigCache, t.ids.a.tenantId);
    const ctx = await actorCtx(t.ctx.db, t.ids.users.technician.id, t.ids.a.code, clock);
    const { ticket } = await createTicket(ctx, { ...base, uai: t.ids.staffSchool.uai, channel: 'phone', category: 'ent' });
    expect(ticket.agreementId).toBe('convention-ent');
    expect(ticket.dueToOwn?.toISOString()).toBe('2026-03-06T16:00:00.000Z'); // one business hour after 16:00
  });
});
