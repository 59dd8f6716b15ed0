import { sql, type SQL } from 'drizzle-orm';
import { rows, type Db } from '../../../server/platform/db.js';
import { tickets } from '../db/schema.js';
import { pgArray, uuidArray } from '../../../server/platform/prepared.js';

/**
 * The dashboard's SQL: one grouped pass per set of tickets (open, owned in the period, solved in
 * the period, opened in the period), each written over the columns of one partial index so that
 * a Région's million tickets are read from the index alone. `where` holds the tenant, the caller's
 * scope and the filters; JavaScript only ever sees groups, never one row per ticket.
 */

export interface Period {
  from: Date;
  to: Date;
  /** min(to, now): an open ticket is late once its deadline is behind this instant. */
  lateUntil: Date;
  /** The instants the weeks of the trend start (Mondays 00:00 in Paris), in order. */
  weekStarts: Date[];
}

/**
 * The week of an instant as its 1-based position in the period's weeks: a binary search over a
 * handful of instants, far cheaper per row than time-zone arithmetic and text formatting.
 */
const weekOf = (column: SQL, period: Period) => sql`width_bucket(${column}, ${pgArray(period.weekStarts.map((d) => d.toISOString()))}::timestamptz[])`;

export interface BacklogRow {
  dim: 'team' | 'level' | 'category' | 'school' | 'all';
  team: string | null;
  level: number | null;
  category: string | null;
  school: string | null;
  n: number;
  ownLate: number;
  resolveLate: number;
}

/** Open tickets by team, level, category and school, and (overall) those already past a deadline in the period. */
export function backlog(db: Db, where: SQL, period: Period): Promise<BacklogRow[]> {
  return rows<BacklogRow>(
    db,
    sql`select case when grouping(${tickets.assignedTeamId}) = 0 then 'team' when grouping(${tickets.level}) = 0 then 'level'
                    when grouping(${tickets.category}) = 0 then 'category' when grouping(${tickets.establishmentId}) = 0 then 'school' else 'all' end as dim,
               ${tickets.assignedTeamId}::text as team, ${tickets.level}::int as level, ${tickets.category} as category,
               ${tickets.establishmentId}::text as school, count(*)::int as n,
               count(*) filter (where ${tickets.status} = 'new' and ${tickets.dueToOwn} >= ${period.from} and ${tickets.dueToOwn} < ${period.lateUntil})::int as "ownLate",
               count(*) filter (where ${tickets.dueToResolve} >= ${period.from} and ${tickets.dueToResolve} < ${period.lateUntil})::int as "resolveLate"
          from ${tickets}
         where ${where} and ${tickets.status} not in ('solved', 'closed')
         group by grouping sets ((${tickets.assignedTeamId}), (${tickets.level}), (${tickets.category}), (${tickets.establishmentId}), ())`,
  );
}

export interface OwnedRow {
  minutes: number | null;
  n: number;
  late: number;
}

/** Tickets owned in the period, by business minutes to own; a stopped clock keeps its deadline only when missed. */
export function owned(db: Db, where: SQL, period: Period): Promise<OwnedRow[]> {
  return rows<OwnedRow>(
    db,
    sql`select ${tickets.ownMinutes} as minutes, count(*)::int as n, count(${tickets.dueToOwn})::int as late
          from ${tickets}
         where ${where} and ${tickets.ownedAt} is not null and ${tickets.ownedAt} >= ${period.from} and ${tickets.ownedAt} < ${period.to}
         group by ${tickets.ownMinutes}`,
  );
}

export interface SolvedRow {
  minutes: number | null;
  n: number;
  late: number;
}

/** Tickets solved in the period, by business minutes to resolve (a stopped clock keeps its deadline only when missed). */
export function solved(db: Db, where: SQL, period: Period): Promise<SolvedRow[]> {
  return rows<SolvedRow>(
    db,
    sql`select ${tickets.resolveMinutes} as minutes, count(*)::int as n, count(${tickets.dueToResolve})::int as late
          from ${tickets}
         where ${where} and ${tickets.solvedAt} is not null and ${tickets.solvedAt} >= ${period.from} and ${tickets.solvedAt} < ${period.to}
         group by ${tickets.resolveMinutes}`,
  );
}

export interface SolvedWeekRow {
  rating: number | null;
  week: number | null;
  n: number;
}

/**
 * Tickets solved in the period by satisfaction rating and week: a few dozen groups in one hashed
 * pass (grouping sets with the minutes above made PostgreSQL sort the whole period on disk).
 */
export function solvedByWeek(db: Db, where: SQL, period: Period): Promise<SolvedWeekRow[]> {
  return rows<SolvedWeekRow>(
    db,
    sql`select rating, week, count(*)::int as n
          from (select ${tickets.satisfaction}::int as rating, ${weekOf(sql`${tickets.solvedAt}`, period)} as week
                  from ${tickets}
                 where ${where} and ${tickets.solvedAt} is not null and ${tickets.solvedAt} >= ${period.from} and ${tickets.solvedAt} < ${period.to}) s
         group by rating, week`,
  );
}

export interface OpenedRow {
  week: number | null;
  school: string | null;
  n: number;
}

/** Tickets opened in the period, by week and by school. */
export function opened(db: Db, where: SQL, period: Period): Promise<OpenedRow[]> {
  return rows<OpenedRow>(
    db,
    sql`select week, school::text as school, count(*)::int as n
          from (select ${weekOf(sql`${tickets.openedAt}`, period)} as week, ${tickets.establishmentId} as school
                  from ${tickets}
                 where ${where} and ${tickets.openedAt} >= ${period.from} and ${tickets.openedAt} < ${period.to}) o
         group by grouping sets ((week), (school))`,
  );
}

/** Devices in service by school (parc.assets_view), within the establishments filter when there is one. */
export function devicesInService(db: Db, tenantId: string, schools: SQL | null): Promise<{ school: string; n: number }[]> {
  return rows(
    db,
    sql`select establishment_id::text as school, count(*)::int as n
          from parc.assets_view
         where tenant_id = ${tenantId} and status = 'in-service' and establishment_id is not null ${schools ? sql`and establishment_id in (${schools})` : sql``}
         group by establishment_id`,
  );
}

export function schoolNames(db: Db, tenantId: string, ids: string[]): Promise<{ id: string; uai: string; name: string }[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return rows(
    db,
    sql`select id::text, uai, name from referentiel.establishments_view
         where tenant_id = ${tenantId} and id = any(${uuidArray(ids)})`,
  );
}
