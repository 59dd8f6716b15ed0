import { z } from 'zod';
import { authorize } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import type { ExportSource } from '../../../server/platform/export.js';
import { exportFormat } from '../../../server/platform/export.js';
import { assessSchools, type Assessment } from '../indicators/assess.js';
import { indicatorCodes, indicatorDefinitions } from '../indicators/catalogue.js';
import { loadProfileCatalogue } from '../indicators/profiles.js';
import { lowestIpsQuartileLimit } from '../ppi/compare.js';
import { gapScore } from '../ppi/propose.js';
import { ipsOf } from '../presenters/assessment.js';
import { steeringScope } from './steering-scope.js';

export const dashboardInput = z.object({ academyCode: z.string().trim().max(3).optional() });

/** Share of a school's measured targeted indicators that are met (unknown ones count for nothing). */
const metShare = (a: Assessment) => {
  const known = a.indicators.filter((i) => i.met !== null);
  return known.length ? known.filter((i) => i.met).length / known.length : null;
};

const dimensions: { key: string; label: string; of: (a: Assessment, lowIps: number | null) => string }[] = [
  { key: 'unit', label: 'Unité territoriale', of: (a) => a.school.unitName ?? 'Sans unité' },
  { key: 'department', label: 'Département', of: (a) => a.school.departmentCode ?? 'Inconnu' },
  {
    key: 'ips',
    label: 'Quart d’IPS',
    of: (a, low) => {
      const ips = ipsOf(a.school);
      return ips === null ? 'IPS inconnu' : low !== null && ips <= low ? 'Quart le plus bas' : 'Autres quarts';
    },
  },
  { key: 'rurality', label: 'Rural / urbain', of: (a) => (a.school.rural === null ? 'Inconnu' : a.school.rural ? 'Rural' : 'Urbain') },
  { key: 'sector', label: 'Public / privé', of: (a) => (a.school.sector === 'private' ? 'Privé' : 'Public') },
];

/** The schools of the actor's scope, assessed live, summed up by indicator and by territory, with their map points. */
export async function getSteeringDashboard(ctx: Ctx, input: z.infer<typeof dashboardInput>) {
  const scope = steeringScope(ctx);
  const all = await assessSchools(ctx.db, scope.tenantId, scope.where, await loadProfileCatalogue(ctx.db, scope.tenantId), ctx.now());
  const assessments = input.academyCode ? all.filter((a) => a.school.academyCode === input.academyCode) : all;
  const low = lowestIpsQuartileLimit(assessments.map((a) => a.school));
  const indicators = indicatorCodes.map((code) => {
    const results = assessments.map((a) => a.indicators.find((i) => i.code === code)!).filter((i) => i.target !== null);
    return { code, label: indicatorDefinitions[code].label, met: results.filter((i) => i.met === true).length, notMet: results.filter((i) => i.met === false).length, unknown: results.filter((i) => i.met === null).length };
  });
  const equity = dimensions.map((d) => {
    const groups = new Map<string, Assessment[]>();
    for (const a of assessments) groups.set(d.of(a, low), [...(groups.get(d.of(a, low)) ?? []), a]);
    return {
      key: d.key,
      label: d.label,
      groups: [...groups].sort(([x], [y]) => x.localeCompare(y, 'fr')).map(([label, list]) => {
        const shares = list.map(metShare).filter((v): v is number => v !== null);
        return { label, schools: list.length, metShare: shares.length ? Math.round((shares.reduce((s, v) => s + v, 0) / shares.length) * 1000) / 1000 : null };
      }),
    };
  });
  return { computedAt: ctx.now(), schools: assessments.length, indicators, equity, points: assessments.map((a) => ({ assessment: a, gapScore: gapScore(a), metShare: metShare(a) })) };
}

export const dashboardExportInput = dashboardInput.extend({ format: exportFormat.default('csv') });

type Row = { assessment: Assessment; metShare: number | null };

/** Every school of the dashboard with each indicator's value, target and status: the figures' records. */
export async function exportSteeringDashboard(ctx: Ctx, input: z.infer<typeof dashboardExportInput>): Promise<ExportSource<Row>> {
  authorize(ctx.actor, 'steering.export');
  const dashboard = await getSteeringDashboard(ctx, input);
  const status = (met: boolean | null) => (met === null ? 'inconnu' : met ? 'atteint' : 'non atteint');
  return {
    basename: 'pilotage-etablissements',
    sheetName: 'Écarts à la cible',
    columns: [
      { header: 'UAI', value: (r) => r.assessment.school.uai },
      { header: 'Établissement', value: (r) => r.assessment.school.name },
      { header: 'Département', value: (r) => r.assessment.school.departmentCode },
      { header: 'Élèves', value: (r) => r.assessment.school.pupils },
      { header: 'Élèves estimés', value: (r) => (r.assessment.school.pupilsEstimated ? 'oui' : 'non') },
      { header: 'IPS', value: (r) => ipsOf(r.assessment.school) },
      { header: 'Profil cible', value: (r) => r.assessment.profile?.name ?? null },
      { header: 'Part des indicateurs atteints', value: (r) => r.metShare },
      ...indicatorCodes.flatMap((code) => [
        { header: `${indicatorDefinitions[code].label} (valeur)`, value: (r: Row) => r.assessment.indicators.find((i) => i.code === code)!.value },
        { header: `${indicatorDefinitions[code].label} (cible)`, value: (r: Row) => r.assessment.indicators.find((i) => i.code === code)!.target },
        { header: `${indicatorDefinitions[code].label} (statut)`, value: (r: Row) => status(r.assessment.indicators.find((i) => i.code === code)!.met) },
      ]),
    ],
    rows: dashboard.points,
  };
}
