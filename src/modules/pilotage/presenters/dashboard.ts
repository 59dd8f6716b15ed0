import { z } from 'zod';
import type { getSteeringDashboard } from '../operations/get-steering-dashboard.js';

export const dashboardSchema = z.object({
  computedAt: z.string(),
  schools: z.number(),
  indicators: z.array(z.object({ code: z.string(), label: z.string(), met: z.number(), notMet: z.number(), unknown: z.number() })),
  equity: z.array(z.object({ key: z.string(), label: z.string(), groups: z.array(z.object({ label: z.string(), schools: z.number(), metShare: z.number().nullable() })) })),
  points: z.array(
    z.object({
      uai: z.string(),
      name: z.string(),
      latitude: z.number().nullable(),
      longitude: z.number().nullable(),
      departmentCode: z.string().nullable(),
      pupilsEstimated: z.boolean(),
      gapScore: z.number(),
      metShare: z.number().nullable(),
    }),
  ),
});

export function presentDashboard(d: Awaited<ReturnType<typeof getSteeringDashboard>>): z.infer<typeof dashboardSchema> {
  return {
    computedAt: d.computedAt.toISOString(),
    schools: d.schools,
    indicators: d.indicators,
    equity: d.equity,
    points: d.points.map((p) => ({
      uai: p.assessment.school.uai,
      name: p.assessment.school.name,
      latitude: p.assessment.school.latitude,
      longitude: p.assessment.school.longitude,
      departmentCode: p.assessment.school.departmentCode,
      pupilsEstimated: p.assessment.school.pupilsEstimated,
      gapScore: Math.round(p.gapScore * 1000) / 1000,
      metShare: p.metShare === null ? null : Math.round(p.metShare * 1000) / 1000,
    })),
  };
}
