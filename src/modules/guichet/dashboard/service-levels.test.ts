import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../../server/platform/db.js';
import { testApp, type TestApp } from '../../../test/app.js';
import { seedGuichetDemo } from '../demo/seed-guichet-demo.js';
import { seedTicketHistory } from '../demo/seed-ticket-history.js';
import { serviceLevelsBySchool, withinAgreement } from './service-levels.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  await seedGuichetDemo(t.ctx, t.ids.a.tenantId);
});
afterAll(() => t.close());

describe('serviceLevelsBySchool', () => {
  it('counts per school and category what the dashboard counts: solved late and open late are breaches', async () => {
    const school = t.ids.establishments.unit1[0];
    const from = new Date('2026-01-01T00:00:00Z');
    const to = new Date('2026-12-01T00:00:00Z');
    const made = await seedTicketHistory(t.ctx, { tenantId: t.ids.a.tenantId, establishmentIds: [school.id], perSchool: 20, from, to: new Date('2026-10-01T00:00:00Z'), lateShare: 0.3 });
    const levels = await serviceLevelsBySchool(t.ctx.db, { tenantId: t.ids.a.tenantId, establishmentIds: [school.id], from, to });
    expect(levels.every((l) => l.establishmentId === school.id)).toBe(true);
    const [truth] = await rows<{ opened: number; solved: number; late: number; openLate: number }>(
      t.ctx.db,
      sql`select count(*)::int as opened, count(solved_at)::int as solved, count(*) filter (where solved_at is not null and due_to_resolve is not null)::int as late,
                 count(*) filter (where status not in ('solved', 'closed') and due_to_resolve < ${to})::int as "openLate"
            from guichet.tickets where tenant_id = ${t.ids.a.tenantId} and establishment_id = ${school.id}`,
    );
    expect(truth.opened).toBe(made);
    const all = withinAgreement(levels);
    expect(all.opened).toBe(truth.opened);
    expect(all.measured).toBe(truth.solved + truth.openLate);
    expect(all.within).toBe(truth.solved - truth.late);
    expect(all.withinRate).toBeCloseTo((truth.solved - truth.late) / (truth.solved + truth.openLate), 3);
    // another school, and an empty list, see nothing
    expect(await serviceLevelsBySchool(t.ctx.db, { tenantId: t.ids.a.tenantId, establishmentIds: [t.ids.establishments.unit2[0].id], from, to })).toEqual([]);
    expect(await serviceLevelsBySchool(t.ctx.db, { tenantId: t.ids.a.tenantId, establishmentIds: [], from, to })).toEqual([]);
    expect(withinAgreement([]).withinRate).toBeNull();
  });
});
