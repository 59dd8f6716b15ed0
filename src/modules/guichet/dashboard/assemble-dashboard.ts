import { DateTime } from 'luxon';
import type { DeskConfig } from '../desk-config.js';
import { levelLabels } from '../vocabulary.js';
import type { BacklogRow, OpenedRow, OwnedRow, Period, SolvedRow, SolvedWeekRow } from './dashboard-queries.js';
import { durationStats, toHours, type Bin } from './histogram.js';

/** Turns the grouped rows of the dashboard's queries into its figures (a few hundred groups at most). */

export interface DashboardParts {
  period: Period & { fromDay: string; toDay: string };
  config: DeskConfig;
  /** The caller sees the whole desk: every school's devices count, tickets or not. */
  wholeDesk: boolean;
  /** Team names are the desk's internal organisation: not for requesters. */
  showTeams: boolean;
  open: BacklogRow[];
  own: OwnedRow[];
  solve: SolvedRow[];
  solvedWeeks: SolvedWeekRow[];
  opening: OpenedRow[];
  devices: { school: string; n: number }[];
  names: { id: string; uai: string; name: string }[];
}

const byCountDesc = <T extends { count: number }>(a: T, b: T) => b.count - a.count;
const rate = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10000) / 10000);

function agreementShare(closedIn: { n: number; late: number }[], openLate: number) {
  const stopped = closedIn.reduce((s, r) => s + r.n, 0);
  const breachedStopped = closedIn.reduce((s, r) => s + r.late, 0);
  const measured = stopped + openLate;
  const breached = breachedStopped + openLate;
  return { measured, within: measured - breached, breached, openBreached: openLate, withinRate: rate(measured - breached, measured) };
}

function hours(bins: Bin[]) {
  const stats = durationStats(bins);
  return { count: stats.count, medianHours: toHours(stats.median), p90Hours: toHours(stats.p90), meanHours: toHours(stats.mean) };
}

/** Every Monday from the period's first week to its last, so the trend has no holes. */
export function weeksOf(fromDay: string, toDay: string): { day: string; start: Date }[] {
  const weeks: { day: string; start: Date }[] = [];
  let week = DateTime.fromISO(fromDay, { zone: 'Europe/Paris' }).startOf('week');
  const last = DateTime.fromISO(toDay, { zone: 'Europe/Paris' });
  while (week <= last) {
    weeks.push({ day: week.toISODate()!, start: week.toJSDate() });
    week = week.plus({ weeks: 1 });
  }
  return weeks;
}

export function assembleDashboard(parts: DashboardParts) {
  const { config, period } = parts;
  const schoolOf = new Map(parts.names.map((n) => [n.id, n]));
  const school = (id: string) => ({ id, uai: schoolOf.get(id)?.uai ?? '', name: schoolOf.get(id)?.name ?? '' });
  const rowsOf = (dim: BacklogRow['dim']) => parts.open.filter((r) => r.dim === dim);
  const all = rowsOf('all')[0] ?? { n: 0, ownLate: 0, resolveLate: 0 };

  const backlog = {
    total: all.n,
    byTeam: parts.showTeams
      ? rowsOf('team')
          .map((r) => {
            const team = r.team ? config.teamsById.get(r.team) : undefined;
            return { id: r.team, name: team?.name ?? 'Sans équipe (tri)', level: team?.level ?? null, count: r.n };
          })
          .sort(byCountDesc)
      : [],
    byLevel: rowsOf('level')
      .map((r) => ({ level: r.level ?? 0, label: levelLabels[r.level ?? 0] ?? `Niveau ${r.level}`, count: r.n }))
      .sort((a, b) => a.level - b.level),
    byCategory: rowsOf('category')
      .map((r) => ({ key: r.category, label: r.category ? (config.categories.get(r.category)?.label ?? r.category) : 'Sans catégorie (tri)', count: r.n }))
      .sort(byCountDesc),
    bySchool: rowsOf('school')
      .map((r) => ({ ...school(r.school!), count: r.n }))
      .sort((a, b) => b.count - a.count || a.uai.localeCompare(b.uai)),
  };

  const agreement = {
    own: agreementShare(parts.own, all.ownLate),
    resolve: agreementShare(parts.solve, all.resolveLate),
  };
  const times = {
    own: hours(parts.own.filter((r) => r.minutes !== null).map((r) => ({ value: r.minutes!, count: r.n }))),
    resolve: hours(parts.solve.filter((r) => r.minutes !== null).map((r) => ({ value: r.minutes!, count: r.n }))),
  };

  const solvedCount = parts.solve.reduce((s, r) => s + r.n, 0);
  const byRating = new Map<number, number>();
  const solvedByWeek = new Map<number, number>();
  for (const r of parts.solvedWeeks) {
    if (r.rating !== null) byRating.set(r.rating, (byRating.get(r.rating) ?? 0) + r.n);
    if (r.week !== null) solvedByWeek.set(r.week, (solvedByWeek.get(r.week) ?? 0) + r.n);
  }
  const rated = [...byRating.values()].reduce((s, n) => s + n, 0);
  const satisfaction = {
    solved: solvedCount,
    rated,
    responseRate: rate(rated, solvedCount),
    mean: rated === 0 ? null : Math.round(([...byRating].reduce((s, [rating, n]) => s + rating * n, 0) / rated) * 100) / 100,
    distribution: [1, 2, 3, 4, 5].map((rating) => ({ rating, count: byRating.get(rating) ?? 0 })),
  };

  const openedBySchool = new Map(parts.opening.filter((r) => r.school).map((r) => [r.school!, r.n]));
  const devicesBySchool = new Map(parts.devices.map((d) => [d.school, d.n]));
  const compared = [...new Set([...openedBySchool.keys(), ...(parts.wholeDesk ? devicesBySchool.keys() : [])])];
  const per100 = (t: number, d: number) => (d === 0 ? null : Math.round((t / d) * 10000) / 100);
  const bySchool = compared
    .map((id) => {
      const ticketCount = openedBySchool.get(id) ?? 0;
      const deviceCount = devicesBySchool.get(id) ?? 0;
      return { ...school(id), tickets: ticketCount, devices: deviceCount, per100Devices: per100(ticketCount, deviceCount) };
    })
    .sort((a, b) => (b.per100Devices ?? -1) - (a.per100Devices ?? -1) || b.tickets - a.tickets || a.uai.localeCompare(b.uai));
  const ticketTotal = bySchool.reduce((s, r) => s + r.tickets, 0);
  const deviceTotal = bySchool.reduce((s, r) => s + r.devices, 0);

  const openedByWeek = new Map(parts.opening.filter((r) => r.week).map((r) => [r.week!, r.n]));
  // the queries number weeks from 1 (width_bucket over the period's week starts)
  const weekly = weeksOf(period.fromDay, period.toDay).map(({ day }, i) => ({ week: day, opened: openedByWeek.get(i + 1) ?? 0, solved: solvedByWeek.get(i + 1) ?? 0 }));

  return {
    period: { from: period.fromDay, to: period.toDay },
    backlog,
    agreement,
    times,
    devices: { tickets: ticketTotal, devices: deviceTotal, per100Devices: per100(ticketTotal, deviceTotal), bySchool },
    satisfaction,
    weekly,
  };
}
