import { z } from 'zod';
import type { drillDown } from './drill-down.js';
import type { DashboardPoint, dashboardOf } from './get-dashboard.js';
import type { getDashboardOutlines } from './outlines.js';

const status = z.enum(['met', 'not_met', 'unknown']).describe('atteint, non atteint, ou inconnu (aucune cible manquée mais une valeur sans donnée, ou aucune cible)');
const counts = { met: z.number(), notMet: z.number(), unknown: z.number() };

export const schoolPointSchema = z.object({
  uai: z.string(),
  name: z.string(),
  communeName: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  departmentCode: z.string().nullable(),
  pupilsEstimated: z.boolean(),
  status,
  gapScore: z.number(),
  metShare: z.number().nullable(),
});

export const dashboardSchema = z.object({
  computedAt: z.string(),
  schools: z.number(),
  statuses: z.object(counts),
  indicators: z.array(z.object({ code: z.string(), label: z.string(), ...counts })),
  equity: z.array(z.object({ key: z.string(), label: z.string(), groups: z.array(z.object({ label: z.string(), schools: z.number(), ...counts, metShare: z.number().nullable() })) })),
  points: z.array(schoolPointSchema),
});

const round3 = (v: number) => Math.round(v * 1000) / 1000;

function presentPoint(p: DashboardPoint): z.infer<typeof schoolPointSchema> {
  const s = p.assessment.school;
  return {
    uai: s.uai,
    name: s.name,
    communeName: s.communeName,
    latitude: s.latitude,
    longitude: s.longitude,
    departmentCode: s.departmentCode,
    pupilsEstimated: s.pupilsEstimated,
    status: p.status,
    gapScore: round3(p.gapScore),
    metShare: p.metShare === null ? null : round3(p.metShare),
  };
}

export type DashboardView = z.infer<typeof dashboardSchema>;

export function presentDashboard(d: ReturnType<typeof dashboardOf>): DashboardView {
  return { ...d, computedAt: d.computedAt.toISOString(), points: d.points.map(presentPoint) };
}

export const drillDownSchema = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  items: z.array(
    schoolPointSchema.extend({
      equityGroup: z.string().nullable(),
      indicator: z.object({ code: z.string(), value: z.number().nullable(), target: z.number().nullable(), status: status.nullable() }).nullable(),
    }),
  ),
});

export function presentDrillDown(d: Awaited<ReturnType<typeof drillDown>>): z.infer<typeof drillDownSchema> {
  return {
    total: d.total,
    page: d.page,
    pageSize: d.pageSize,
    items: d.items.map((r) => {
      const i = d.indicator ? r.assessment.indicators.find((x) => x.code === d.indicator)! : null;
      return { ...presentPoint(r), equityGroup: r.equityGroup, indicator: i && { code: i.code, value: i.value, target: i.target, status: i.met === null ? 'unknown' : i.met ? 'met' : 'not_met' } };
    }),
  };
}

export const outlinesSchema = z.object({
  departments: z.array(z.object({ code: z.string(), name: z.string(), polygons: z.array(z.array(z.array(z.tuple([z.number(), z.number()])))) })),
});
export const presentOutlines = (o: Awaited<ReturnType<typeof getDashboardOutlines>>): z.infer<typeof outlinesSchema> => o;
