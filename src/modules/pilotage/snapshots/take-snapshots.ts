import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../../server/platform/context.js';
import { appSystemCtx } from '../../../server/platform/http.js';
import type { JobDefinition } from '../../../server/platform/jobs.js';
import { assessmentSnapshots, targetProfiles } from '../db/schema.js';
import { assessSchools, parisDate } from '../indicators/assess.js';
import { loadProfileCatalogue } from '../indicators/profiles.js';

/** The first day of the Paris month `now` falls in: the key of that month's snapshot. */
export const snapshotMonth = (now: Date) => `${parisDate(now).slice(0, 7)}-01`;

/**
 * Keeps every school's assessment once a month, for each tenant that has target profiles. A month
 * already taken is left as it was (the primary key is tenant, month, school), so a second run or a
 * second process changes nothing and the history stays what it was when taken. The job runs daily
 * so a month whose first day the server missed is still taken, on the first day it runs.
 */
export async function takeMonthlySnapshots(ctx: Ctx): Promise<{ month: string; taken: number }> {
  const now = ctx.now();
  const month = snapshotMonth(now);
  const tenants = await ctx.db.selectDistinct({ tenantId: targetProfiles.tenantId }).from(targetProfiles);
  let taken = 0;
  for (const { tenantId } of tenants) taken += await snapshotTenant(ctx, tenantId, month, now);
  return { month, taken };
}

async function snapshotTenant(ctx: Ctx, tenantId: string, month: string, now: Date): Promise<number> {
  const [done] = await ctx.db
    .select({ month: assessmentSnapshots.month })
    .from(assessmentSnapshots)
    .where(sql`${assessmentSnapshots.tenantId} = ${tenantId} and ${assessmentSnapshots.month} = ${month}`)
    .limit(1);
  if (done) return 0;
  const assessments = await assessSchools(ctx.db, tenantId, sql`true`, await loadProfileCatalogue(ctx.db, tenantId), now);
  const values = assessments.map((a) => {
    const targeted = a.indicators.filter((i) => i.target !== null).map(({ code, value, target, met }) => ({ code, value, target, met }));
    return {
      tenantId,
      month,
      establishmentId: a.school.id,
      profileVersionId: a.profile?.versionId ?? null,
      indicators: targeted,
      metCount: targeted.filter((i) => i.met === true).length,
      knownCount: targeted.filter((i) => i.met !== null).length,
      takenAt: now,
    };
  });
  let taken = 0;
  for (let i = 0; i < values.length; i += 1000) {
    const inserted = await ctx.db.insert(assessmentSnapshots).values(values.slice(i, i + 1000)).onConflictDoNothing().returning({ id: assessmentSnapshots.establishmentId });
    taken += inserted.length;
  }
  return taken;
}

export const pilotageJobNames = { snapshots: 'pilotage-monthly-snapshots' } as const;

/** The steering's background job: daily at 03:00 (Paris); only the month's first run takes anything. */
export function pilotageJobs(app: FastifyInstance): JobDefinition[] {
  return [{ name: pilotageJobNames.snapshots, schedule: '0 3 * * *', policy: 'singleton', handler: () => takeMonthlySnapshots(appSystemCtx(app)) }];
}
