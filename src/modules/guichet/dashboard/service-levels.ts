import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../../server/platform/db.js';
import { uuidArray } from '../../../server/platform/prepared.js';
import { tickets } from '../db/schema.js';

/**
 * The desk's service levels per school and category over a period, for the modules that report
 * on them (pilotage's agreements, data packs and a Métropole's communes). A solved ticket keeps
 * its resolve deadline only when it was missed, and an open ticket past its deadline is already
 * a breach: the same rule as the dashboard's « part dans les délais ». No actor here: the caller
 * has already narrowed `establishmentIds` to what its reader may see.
 */
export interface SchoolServiceLevel {
  establishmentId: string;
  category: string | null;
  opened: number;
  solved: number;
  solvedLate: number;
  openLate: number;
}

export interface ServiceLevelQuery {
  tenantId: string;
  /** null: every school of the tenant. */
  establishmentIds: string[] | null;
  from: Date;
  to: Date;
}

export function serviceLevelsBySchool(db: Db, q: ServiceLevelQuery): Promise<SchoolServiceLevel[]> {
  if (q.establishmentIds && q.establishmentIds.length === 0) return Promise.resolve([]);
  const schools = q.establishmentIds ? sql`and ${tickets.establishmentId} = any(${uuidArray(q.establishmentIds)})` : sql``;
  return rows<SchoolServiceLevel>(
    db,
    sql`select ${tickets.establishmentId}::text as "establishmentId", ${tickets.category} as category,
               count(*) filter (where ${tickets.openedAt} >= ${q.from} and ${tickets.openedAt} < ${q.to})::int as opened,
               count(*) filter (where ${tickets.solvedAt} >= ${q.from} and ${tickets.solvedAt} < ${q.to})::int as solved,
               count(*) filter (where ${tickets.solvedAt} >= ${q.from} and ${tickets.solvedAt} < ${q.to} and ${tickets.dueToResolve} is not null)::int as "solvedLate",
               count(*) filter (where ${tickets.status} not in ('solved', 'closed') and ${tickets.dueToResolve} < ${q.to})::int as "openLate"
          from ${tickets}
         where ${tickets.tenantId} = ${q.tenantId} ${schools}
           and (${tickets.openedAt} < ${q.to}) and (${tickets.solvedAt} is null or ${tickets.solvedAt} >= ${q.from})
         group by ${tickets.establishmentId}, ${tickets.category}`,
  );
}

/** Sums of rows into one figure: measured = solved + open late; within = measured − breaches. */
export function withinAgreement(levels: readonly SchoolServiceLevel[]) {
  const solved = levels.reduce((s, l) => s + l.solved, 0);
  const breached = levels.reduce((s, l) => s + l.solvedLate + l.openLate, 0);
  const measured = solved + levels.reduce((s, l) => s + l.openLate, 0);
  const opened = levels.reduce((s, l) => s + l.opened, 0);
  return { opened, measured, within: measured - breached, withinRate: measured === 0 ? null : Math.round(((measured - breached) / measured) * 10000) / 10000 };
}
