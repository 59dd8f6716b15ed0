import { z } from 'zod';
import { authorize } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { AppError } from '../../../server/platform/errors.js';
import type { ExportSource } from '../../../server/platform/export.js';
import { exportFormat } from '../../../server/platform/export.js';
import { pageQuery } from '../../../server/platform/http.js';
import { indicatorCodes, indicatorDefinitions } from '../indicators/catalogue.input.js';
import { ipsOf } from '../presenters/assessment.js';
import { equityDimensions, equityKeys, indicatorStatus, ipsQuartiles, schoolStatuses } from './figures.js';
import { dashboardFilters, scopedAssessments, toPoint, type DashboardPoint } from './get-dashboard.js';

/** Which figure of the dashboard is opened: an indicator's bar, a status, an equity group, a département. */
export const drillFilters = dashboardFilters.extend({
  indicator: z.enum(indicatorCodes).optional(),
  status: z.enum(schoolStatuses).optional(),
  dimension: z.enum(equityKeys).optional(),
  group: z.string().trim().min(1).max(200).optional(),
});
export const drillInput = drillFilters.extend(pageQuery.shape);
export const drillExportInput = drillFilters.extend({ format: exportFormat.default('csv') });
type DrillFilters = z.infer<typeof drillFilters>;

export interface DrillRow extends DashboardPoint {
  equityGroup: string | null;
}

/** The schools behind one figure, from the same live assessments as the dashboard (so the counts agree). */
async function drillRows(ctx: Ctx, input: DrillFilters): Promise<DrillRow[]> {
  if (input.group !== undefined && !input.dimension) throw new AppError('VALIDATION', 'Un groupe d’équité se choisit avec sa dimension (unité, département, IPS…).');
  const assessments = await scopedAssessments(ctx, input);
  const quartiles = ipsQuartiles(assessments);
  return assessments
    .map((a) => ({ ...toPoint(a), equityGroup: input.dimension ? equityDimensions[input.dimension].of(a, quartiles) : null }))
    .filter((r) => (input.group === undefined || r.equityGroup === input.group) && matchesStatus(r, input));
}

function matchesStatus(r: DrillRow, input: DrillFilters) {
  if (input.indicator) {
    const status = indicatorStatus(r.assessment, input.indicator);
    return status !== null && (!input.status || status === input.status);
  }
  return !input.status || r.status === input.status;
}

export async function drillDown(ctx: Ctx, input: z.infer<typeof drillInput>) {
  const rows = await drillRows(ctx, input);
  rows.sort((a, b) => b.gapScore - a.gapScore || a.assessment.school.uai.localeCompare(b.assessment.school.uai));
  const start = (input.page - 1) * input.pageSize;
  return { total: rows.length, page: input.page, pageSize: input.pageSize, indicator: input.indicator ?? null, items: rows.slice(start, start + input.pageSize) };
}

const statusLabel = (s: string | null) => (s === null ? '' : s === 'met' ? 'atteint' : s === 'not_met' ? 'non atteint' : 'inconnu');

/** The same schools as the drill-down, every indicator's value, target and status, in CSV or XLSX. */
export async function exportDrillDown(ctx: Ctx, input: z.infer<typeof drillExportInput>): Promise<ExportSource<DrillRow>> {
  authorize(ctx.actor, 'steering.export');
  const rows = await drillRows(ctx, input);
  return {
    basename: 'pilotage-etablissements',
    sheetName: 'Écarts à la cible',
    columns: [
      { header: 'UAI', value: (r) => r.assessment.school.uai },
      { header: 'Établissement', value: (r) => r.assessment.school.name },
      { header: 'Commune', value: (r) => r.assessment.school.communeName },
      { header: 'Département', value: (r) => r.assessment.school.departmentCode },
      { header: 'Académie', value: (r) => r.assessment.school.academyCode },
      { header: 'Unité territoriale', value: (r) => r.assessment.school.unitName },
      { header: 'Élèves', value: (r) => r.assessment.school.pupils },
      { header: 'Élèves estimés', value: (r) => (r.assessment.school.pupilsEstimated ? 'oui' : 'non') },
      { header: 'IPS', value: (r) => ipsOf(r.assessment.school) ?? 'inconnu' },
      { header: 'Rural', value: (r) => (r.assessment.school.rural === null ? 'inconnu' : r.assessment.school.rural ? 'oui' : 'non') },
      { header: 'Profil cible', value: (r) => r.assessment.profile?.name ?? null },
      { header: 'Statut', value: (r) => statusLabel(r.status) },
      { header: 'Part des indicateurs atteints', value: (r) => r.metShare },
      ...indicatorCodes.flatMap((code) => [
        { header: `${indicatorDefinitions[code].label} (valeur)`, value: (r: DrillRow) => r.assessment.indicators.find((i) => i.code === code)!.value },
        { header: `${indicatorDefinitions[code].label} (cible)`, value: (r: DrillRow) => r.assessment.indicators.find((i) => i.code === code)!.target },
        { header: `${indicatorDefinitions[code].label} (statut)`, value: (r: DrillRow) => statusLabel(indicatorStatus(r.assessment, code)) },
      ]),
    ],
    rows,
  };
}
