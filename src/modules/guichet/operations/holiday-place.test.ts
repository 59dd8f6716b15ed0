import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp, type TestEstablishment } from '../../../test/app.js';
import { actorCtx } from '../../access/testing.js';
import { establishments } from '../../referentiel/db/schema.js';
import { tickets } from '../db/schema.js';
import { changeTicketStatus } from './change-ticket-status.js';
import { createTicket } from './create-ticket.js';
import { getTicket } from './get-ticket.js';

/**
 * A ticket's clock is closed on the public holidays of its school's place whatever calendar its
 * agreement names: the demo calendar says « fr », yet a Bas-Rhin lycée keeps Good Friday and
 * 26 December and a Guadeloupe school the abolition of slavery (27 May).
 */

let now = 0;
const clock = () => new Date(now);
let t: TestApp;
let nord: TestEstablishment;
let basRhin: TestEstablishment;
let guadeloupe: TestEstablishment;

const moveTo = async (school: TestEstablishment, departmentCode: string) => {
  await t.ctx.db
    .update(establishments)
    .set({ departmentCode })
    .where(and(eq(establishments.tenantId, t.ids.a.tenantId), eq(establishments.id, school.id)));
};

beforeAll(async () => {
  t = await testApp({ clock });
  [nord, basRhin, guadeloupe] = t.ids.establishments.all;
  await moveTo(nord, '59');
  await moveTo(basRhin, '67');
  await moveTo(guadeloupe, '971');
});
afterAll(() => t?.close());

// medium priority under the built-in terms: 4 business hours to own, on the demo calendar (« fr »)
const base = { title: 'Vidéoprojecteur en panne', description: 'Plus d’image', type: 'incident' as const, urgency: 3, impact: 3 };

async function dueToOwn(school: TestEstablishment, at: string): Promise<string | undefined> {
  now = new Date(at).getTime();
  const ctx = await actorCtx(t.ctx.db, t.ids.users['authority-admin'].id, t.ids.a.code, clock);
  const { ticket } = await createTicket(ctx, { ...base, uai: school.uai });
  return ticket.dueToOwn?.toISOString();
}

describe('due dates at the school’s place', () => {
  it('skips 26 December for a Bas-Rhin lycée only', async () => {
    // Wednesday 24 December 2025, 16:00: 1 h 30 that day, Christmas closed, then 2 h 30 more
    expect(await dueToOwn(nord, '2025-12-24T15:00:00Z')).toBe('2025-12-26T09:30:00.000Z'); // Friday 10:30
    expect(await dueToOwn(basRhin, '2025-12-24T15:00:00Z')).toBe('2025-12-29T09:30:00.000Z'); // Monday 10:30
  });

  it('skips Good Friday for a Bas-Rhin lycée only', async () => {
    // Thursday 2 April 2026, 16:00: Good Friday, the weekend and Easter Monday lie ahead
    expect(await dueToOwn(nord, '2026-04-02T14:00:00Z')).toBe('2026-04-03T08:30:00.000Z'); // Friday 10:30
    expect(await dueToOwn(basRhin, '2026-04-02T14:00:00Z')).toBe('2026-04-07T08:30:00.000Z'); // Tuesday 10:30
  });

  it('skips an overseas school’s own holiday (Guadeloupe, 27 May)', async () => {
    expect(await dueToOwn(nord, '2026-05-26T14:00:00Z')).toBe('2026-05-27T08:30:00.000Z');
    expect(await dueToOwn(guadeloupe, '2026-05-26T14:00:00Z')).toBe('2026-05-28T08:30:00.000Z');
  });

  it('keeps the place when the clock is replayed on reading and on a change', async () => {
    now = new Date('2026-04-02T14:00:00Z').getTime();
    const ctx = await actorCtx(t.ctx.db, t.ids.users['authority-admin'].id, t.ids.a.code, clock);
    const { ticket } = await createTicket(ctx, { ...base, uai: basRhin.uai });
    expect(ticket.departmentCode).toBe('67');
    const read = await getTicket(ctx, { id: ticket.id });
    expect(read.clock.own.dueAt).toBe('2026-04-07T08:30:00.000Z');
    now += 3600_000; // still Thursday: the resolve deadline is stored again after a change
    await changeTicketStatus(ctx, { id: ticket.id, changes: { action: 'assign', version: ticket.version } });
    const [stored] = await t.ctx.db.select().from(tickets).where(and(eq(tickets.tenantId, t.ids.a.tenantId), eq(tickets.id, ticket.id)));
    const resolveDue = stored.dueToResolve!.getTime();
    expect(new Date(resolveDue).toISOString().slice(0, 10) >= '2026-04-07').toBe(true);
  });
});
