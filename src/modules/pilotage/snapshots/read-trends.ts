import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../../server/platform/context.js';
import { rows } from '../../../server/platform/db.js';
import { uuidArray } from '../../../server/platform/prepared.js';
import { assessmentSnapshots } from '../db/schema.js';
import { steeringSchools } from '../indicators/schools.js';
import { schoolInScope, steeringScope } from '../operations/steering-scope.js';

export const trendQuery = z.object({ months: z.coerce.number().int().min(1).max(60).default(24) });

export interface SchoolTrendPoint {
  month: string;
  metCount: number;
  knownCount: number;
  targetedCount: number;
  indicators: { code: string; value: number | null; target: number | null; met: boolean | null }[];
}

/** One school's monthly snapshots, oldest first (the last `months` of them). */
export async function getSchoolTrend(ctx: Ctx, uai: string, months: number): Promise<{ uai: string; name: string; points: SchoolTrendPoint[] }> {
  const scope = steeringScope(ctx);
  const school = await schoolInScope(scope, uai);
  const s = assessmentSnapshots;
  const points = await rows<SchoolTrendPoint>(
    ctx.db,
    sql`select * from (select to_char(${s.month}, 'YYYY-MM') as month, ${s.metCount}::int as "metCount", ${s.knownCount}::int as "knownCount",
               jsonb_array_length(${s.indicators})::int as "targetedCount", ${s.indicators} as indicators
          from ${s} where ${s.tenantId} = ${scope.tenantId} and ${s.establishmentId} = ${school.id}
         order by ${s.month} desc limit ${months}) t order by month`,
  );
  return { uai: school.uai, name: school.name, points };
}

export interface ScopeTrendPoint {
  month: string;
  schools: number;
  /** Schools meeting every indicator of their profile (an unknown figure is not met). */
  atTarget: number;
  metShare: number | null;
  indicators: { code: string; met: number; notMet: number; unknown: number }[];
}

/** The monthly history over the schools the actor reaches: the authority's estate, an académie's schools, a head's own. */
export async function getScopeTrend(ctx: Ctx, months: number): Promise<{ points: ScopeTrendPoint[] }> {
  const scope = steeringScope(ctx);
  const ids = (await steeringSchools(ctx.db, scope.tenantId, scope.where)).map((school) => school.id);
  if (!ids.length) return { points: [] };
  const s = assessmentSnapshots;
  const found = await rows<{ month: string; schools: number; atTarget: number; met: number; targeted: number; indicators: ScopeTrendPoint['indicators'] | null }>(
    ctx.db,
    sql`with kept as (
          select * from ${s} where ${s.tenantId} = ${scope.tenantId} and ${s.establishmentId} = any(${uuidArray(ids)})
            and ${s.month} >= (select coalesce(max(month), current_date) from ${s} where tenant_id = ${scope.tenantId}) - make_interval(months => ${months - 1})),
        per_month as (
          select month, count(*)::int as schools,
                 count(*) filter (where met_count > 0 and met_count = jsonb_array_length(indicators))::int as "atTarget",
                 sum(met_count)::int as met, sum(jsonb_array_length(indicators))::int as targeted
            from kept group by month),
        per_indicator as (
          select k.month, i->>'code' as code,
                 count(*) filter (where i->'met' = 'true'::jsonb)::int as met,
                 count(*) filter (where i->'met' = 'false'::jsonb)::int as "notMet",
                 count(*) filter (where i->'met' = 'null'::jsonb or i->'met' is null)::int as unknown
            from kept k cross join lateral jsonb_array_elements(k.indicators) i group by k.month, i->>'code')
        select to_char(p.month, 'YYYY-MM') as month, p.schools, p."atTarget", p.met, p.targeted,
               (select jsonb_agg(jsonb_build_object('code', x.code, 'met', x.met, 'notMet', x."notMet", 'unknown', x.unknown) order by x.code)
                  from per_indicator x where x.month = p.month) as indicators
          from per_month p order by p.month`,
  );
  return {
    points: found.map((p) => ({ month: p.month, schools: p.schools, atTarget: p.atTarget, metShare: p.targeted ? Math.round((p.met / p.targeted) * 1000) / 1000 : null, indicators: p.indicators ?? [] })),
  };
}
