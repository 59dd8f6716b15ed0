import type { InjectOptions } from 'fastify';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp, type TestUser } from '../../../test/app.js';
import { siteLinks } from '../../marches/links/db/schema.js';
import { assessmentSnapshots, targetProfiles, targetProfileVersions } from '../db/schema.js';
import { lyceeTargets, seedSteering } from '../routes/steering-test-data.js';
import { pilotageJobNames } from './take-snapshots.js';

let t: TestApp;
let now = new Date('2026-11-01T02:30:00Z'); // 03:30 in Paris, 1 November
const run = () => t.app.jobs.runNow(pilotageJobNames.snapshots) as Promise<{ month: string; taken: number }>;

beforeAll(async () => {
  t = await testApp({ clock: () => now });
  await seedSteering(t);
  // straight into the table: a session opened now would have expired by the reads, months later
  const tenantId = t.ids.a.tenantId;
  const [profile] = await t.ctx.db.insert(targetProfiles).values({ tenantId, name: 'Lycées', establishmentKind: 'lycee' }).returning();
  await t.ctx.db.insert(targetProfileVersions).values({ tenantId, profileId: profile.id, number: 1, indicators: [...lyceeTargets] });
});
afterAll(() => t.close());

async function send(method: 'GET' | 'POST', url: string, user: TestUser, payload?: unknown) {
  const options: InjectOptions = { method, url, headers: await t.headers(user) };
  if (payload !== undefined) options.payload = payload as InjectOptions['payload'];
  return t.app.inject(options);
}

describe('monthly snapshots of the assessments', () => {
  it('takes each school once a month, whatever the number of runs, and keeps the month as it was', async () => {
    const first = await run();
    expect(first.month).toBe('2026-11-01');
    expect(first.taken).toBeGreaterThan(1);
    expect(await run()).toEqual({ month: '2026-11-01', taken: 0 });
    const school = t.ids.staffSchool;
    // the staff school's link becomes 100/100 mid-November: November's snapshot stays, December's shows it
    now = new Date('2026-11-20T10:00:00Z');
    await t.ctx.db.update(siteLinks).set({ endDate: '2026-11-19' }).where(and(eq(siteLinks.tenantId, t.ids.a.tenantId), eq(siteLinks.establishmentId, school.id)));
    await t.ctx.db.insert(siteLinks).values({ tenantId: t.ids.a.tenantId, establishmentId: school.id, operator: 'Opérateur essai', technology: 'fibre', symmetric: true, downMbps: 100, upMbps: 100, monthlyCostCents: 30_000, startDate: '2026-11-20', createdBy: 'essai' });
    expect((await run()).taken).toBe(0);
    // 31 December 23:30 UTC is already 1 January in Paris: that run is January's
    now = new Date('2026-12-01T02:10:00Z');
    expect((await run()).month).toBe('2026-12-01');
    now = new Date('2026-12-31T23:30:00Z');
    expect((await run()).month).toBe('2027-01-01');
    const kept = await t.ctx.db.select().from(assessmentSnapshots).where(and(eq(assessmentSnapshots.tenantId, t.ids.a.tenantId), eq(assessmentSnapshots.establishmentId, school.id)));
    expect(kept.map((k) => k.month).sort()).toEqual(['2026-11-01', '2026-12-01', '2027-01-01']);
  });

  it('answers one school’s trend, oldest month first, unknown kept unknown', async () => {
    const trend = await send('GET', `/api/establishments/${t.ids.staffSchool.uai}/assessment/trend`, 'establishment-staff');
    expect(trend.statusCode).toBe(200);
    const points = trend.json().points as { month: string; indicators: { code: string; value: number | null; met: boolean | null }[]; targetedCount: number; metCount: number; knownCount: number }[];
    expect(points.map((p) => p.month)).toEqual(['2026-11', '2026-12', '2027-01']);
    const symmetric = (i: number) => points[i].indicators.find((x) => x.code === 'internet_symmetric');
    expect(symmetric(0)).toMatchObject({ value: 50, met: false });
    expect(symmetric(1)).toMatchObject({ value: 100, met: true });
    expect(points[0].targetedCount).toBe(lyceeTargets.length);
    expect(points[1].metCount).toBe(points[0].metCount + 1);
    const amiensReply = await send('GET', `/api/establishments/${t.ids.establishments.unit2[0].uai}/assessment/trend?months=1`, 'steering');
    expect(amiensReply.json()).toMatchObject({ points: [{}] });
    const amiens = amiensReply.json().points;
    expect(amiens).toHaveLength(1);
    expect(amiens[0].month).toBe('2027-01');
    expect(amiens[0].indicators.find((i: { code: string }) => i.code === 'internet_down_mbps')).toMatchObject({ value: null, met: null });
  });

  it('aggregates the trend over the caller’s schools only', async () => {
    const allReply = await send('GET', '/api/pilotage/trend', 'steering');
    expect(allReply.json()).toHaveProperty('points');
    const all = allReply.json().points;
    const mine = (await send('GET', '/api/pilotage/trend', 'establishment-staff')).json().points;
    expect(all.map((p: { month: string }) => p.month)).toEqual(['2026-11', '2026-12', '2027-01']);
    expect(all[0].schools).toBeGreaterThan(1);
    expect(mine.map((p: { schools: number }) => p.schools)).toEqual([1, 1, 1]);
    const symmetric = (p: { indicators: { code: string; met: number; notMet: number }[] }) => p.indicators.find((i) => i.code === 'internet_symmetric');
    expect([symmetric(mine[0]), symmetric(mine[1])]).toMatchObject([{ met: 0, notMet: 1 }, { met: 1, notMet: 0 }]);
    expect((await send('GET', `/api/establishments/${t.ids.establishments.unit2[0].uai}/assessment/trend`, 'establishment-staff')).statusCode).toBe(404);
    expect((await send('GET', '/api/pilotage/trend', 'admin-b')).json().points).toEqual([]);
    expect((await send('GET', '/api/pilotage/trend?months=0', 'steering')).statusCode).toBe(400);
  });
});
