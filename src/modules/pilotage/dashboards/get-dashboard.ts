import { z } from 'zod';
import type { Ctx } from '../../../server/platform/context.js';
import { assessSchools, type Assessment } from '../indicators/assess.js';
import { indicatorCodes, indicatorDefinitions } from '../indicators/catalogue.input.js';
import { cachedProfileCatalogue } from '../indicators/steering-caches.js';
import { steeringScope } from '../operations/steering-scope.js';
import { gapScore } from '../ppi/propose.js';
import { equityDimensions, equityKeys, ipsQuartiles, metShare, schoolStatus, type SchoolStatus } from './figures.js';

/** Filters only narrow the actor's scope (steeringScope's SQL comes first): no filter reaches a school outside it. */
export const dashboardFilters = z.object({
  academyCode: z.string().trim().max(3).optional(),
  departmentCode: z.string().trim().toUpperCase().max(3).optional(),
});
export type DashboardFilters = z.infer<typeof dashboardFilters>;
/** The dashboard's query: its filters, and `fresh=true` to compute it again now instead of reading the cached one. */
export const dashboardQueryInput = dashboardFilters.extend({ fresh: z.enum(['true', 'false']).optional() });

export interface DashboardPoint {
  assessment: Assessment;
  status: SchoolStatus;
  gapScore: number;
  metShare: number | null;
}

/** The schools of the actor's scope, assessed live, then narrowed by the filters. */
export async function scopedAssessments(ctx: Ctx, filters: DashboardFilters): Promise<Assessment[]> {
  const scope = steeringScope(ctx);
  const all = await assessSchools(ctx.db, scope.tenantId, scope.where, await cachedProfileCatalogue(ctx, scope.tenantId), ctx.now());
  return all.filter((a) => (!filters.academyCode || a.school.academyCode === filters.academyCode) && (!filters.departmentCode || a.school.departmentCode === filters.departmentCode));
}

const round3 = (v: number) => Math.round(v * 1000) / 1000;

function indicatorFigures(assessments: readonly Assessment[]) {
  return indicatorCodes.map((code, index) => {
    // assessOne lists the indicators in the catalogue's order
    const results = assessments.map((a) => a.indicators[index]).filter((i) => i.target !== null);
    return { code, label: indicatorDefinitions[code].label, met: results.filter((i) => i.met === true).length, notMet: results.filter((i) => i.met === false).length, unknown: results.filter((i) => i.met === null).length };
  });
}

function equityFigures(points: readonly DashboardPoint[]) {
  const quartiles = ipsQuartiles(points.map((p) => p.assessment));
  return equityKeys.map((key) => {
    const groups = new Map<string, DashboardPoint[]>();
    for (const p of points) {
      const label = equityDimensions[key].of(p.assessment, quartiles);
      const group = groups.get(label);
      if (group) group.push(p);
      else groups.set(label, [p]);
    }
    return {
      key,
      label: equityDimensions[key].label,
      groups: [...groups].sort(([x], [y]) => x.localeCompare(y, 'fr')).map(([label, list]) => {
        const shares = list.map((p) => p.metShare).filter((v): v is number => v !== null);
        const count = (s: SchoolStatus) => list.filter((p) => p.status === s).length;
        return { label, schools: list.length, met: count('met'), notMet: count('not_met'), unknown: count('unknown'), metShare: shares.length ? round3(shares.reduce((s, v) => s + v, 0) / shares.length) : null };
      }),
    };
  });
}

export const toPoint = (a: Assessment): DashboardPoint => ({ assessment: a, status: schoolStatus(a), gapScore: gapScore(a), metShare: metShare(a) });

/** The dashboard's figures of assessed schools: attainment per indicator, per school status, territorial equity, map points. */
export function dashboardOf(assessments: readonly Assessment[], computedAt: Date) {
  const points = assessments.map(toPoint);
  const count = (s: SchoolStatus) => points.filter((p) => p.status === s).length;
  return {
    computedAt,
    schools: points.length,
    statuses: { met: count('met'), notMet: count('not_met'), unknown: count('unknown') },
    indicators: indicatorFigures(assessments),
    equity: equityFigures(points),
    points,
  };
}

/** The steering dashboard of the actor's schools, assessed live. */
export async function getDashboard(ctx: Ctx, filters: DashboardFilters) {
  return dashboardOf(await scopedAssessments(ctx, filters), ctx.now());
}
