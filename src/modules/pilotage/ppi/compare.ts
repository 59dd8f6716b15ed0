import { ipsOf } from '../presenters/assessment.js';
import type { SteeringSchool } from '../indicators/schools.js';

export interface PlannedOperation {
  establishmentId: string;
  year: number | null;
  costCents: number;
}

export interface ScenarioFigures {
  years: { year: number; ceilingCents: number; costCents: number; schoolsCompleted: number }[];
  schoolsWithWorks: number;
  unscheduledCostCents: number;
  totalCostCents: number;
  /** Share of the scheduled spending going to each group of schools (0..1; null when nothing is scheduled). */
  equity: { group: string; label: string; schools: number; costShare: number | null; completedShare: number | null }[];
}

/** The lowest quartile of the social position index among the schools that have one (a missing IPS is no quartile). */
export function lowestIpsQuartileLimit(schools: readonly SteeringSchool[]): number | null {
  const values = schools.map(ipsOf).filter((v): v is number => v !== null).sort((a, b) => a - b);
  return values.length ? values[Math.floor((values.length - 1) / 4)] : null;
}

/** Per year: spending against the ceiling and the schools whose works are all done; equity by group. */
export function scenarioFigures(ops: readonly PlannedOperation[], startYear: number, ceilings: readonly number[], schools: readonly SteeringSchool[]): ScenarioFigures {
  const bySchool = new Map<string, PlannedOperation[]>();
  for (const op of ops) bySchool.set(op.establishmentId, [...(bySchool.get(op.establishmentId) ?? []), op]);
  const doneYear = new Map<string, number | null>();
  for (const [id, list] of bySchool) doneYear.set(id, list.some((o) => o.year === null) ? null : Math.max(...list.map((o) => o.year!)));
  const endYear = startYear + ceilings.length - 1;
  const years = ceilings.map((ceilingCents, i) => {
    const year = startYear + i;
    return {
      year,
      ceilingCents,
      costCents: ops.filter((o) => o.year === year).reduce((s, o) => s + o.costCents, 0),
      schoolsCompleted: [...doneYear.values()].filter((y) => y !== null && y <= year).length,
    };
  });
  const scheduled = ops.filter((o) => o.year !== null);
  const scheduledCost = scheduled.reduce((s, o) => s + o.costCents, 0);
  const limit = lowestIpsQuartileLimit(schools);
  const groups: { group: string; label: string; test: (s: SteeringSchool) => boolean }[] = [
    { group: 'priority-education', label: 'Éducation prioritaire (REP, REP+)', test: (s) => s.priorityEducation === 'REP' || s.priorityEducation === 'REP+' },
    { group: 'rural', label: 'Établissements ruraux', test: (s) => s.rural === true },
    { group: 'low-ips', label: 'Quart des IPS les plus bas', test: (s) => limit !== null && ipsOf(s) !== null && ipsOf(s)! <= limit },
    { group: 'all', label: 'Tous les établissements', test: () => true },
  ];
  const equity = groups.map(({ group, label, test }) => {
    const members = new Set(schools.filter(test).map((s) => s.id));
    const withWorks = [...bySchool.keys()].filter((id) => members.has(id));
    const cost = scheduled.filter((o) => members.has(o.establishmentId)).reduce((s, o) => s + o.costCents, 0);
    const completed = withWorks.filter((id) => {
      const y = doneYear.get(id);
      return y !== null && y !== undefined && y <= endYear;
    }).length;
    return { group, label, schools: members.size, costShare: scheduledCost ? Math.round((cost / scheduledCost) * 1000) / 1000 : null, completedShare: withWorks.length ? Math.round((completed / withWorks.length) * 1000) / 1000 : null };
  });
  return {
    years,
    schoolsWithWorks: bySchool.size,
    unscheduledCostCents: ops.filter((o) => o.year === null).reduce((s, o) => s + o.costCents, 0),
    totalCostCents: ops.reduce((s, o) => s + o.costCents, 0),
    equity,
  };
}
