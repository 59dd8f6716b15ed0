import { SQL, sql } from 'drizzle-orm';
import { rows, type Db } from '../../../server/platform/db.js';
import { uuidArray } from '../../../server/platform/prepared.js';
import { tickets } from '../db/schema.js';

export interface DeskAgreementFigures {
  solved: number;
  /** Solved after their resolution deadline (the stopped clock keeps its deadline only when missed). */
  late: number;
}

/**
 * Tickets solved since `since` by school, and how many missed their deadline: one grouped pass over
 * the schools asked (ids, the whole tenant when null, or one school named by an SQL expression of
 * the caller's statement, for a lateral join).
 */
export function deskAgreementSql(tenantId: string, asked: readonly string[] | null | SQL, since: Date): SQL {
  const filter =
    asked === null ? sql`` : asked instanceof SQL ? sql`and ${tickets.establishmentId} = ${asked}` : sql`and ${tickets.establishmentId} = any(${uuidArray(asked)})`;
  return sql`select ${tickets.establishmentId} as "establishmentId", count(*)::int as solved, count(${tickets.dueToResolve})::int as late
          from ${tickets}
         where ${tickets.tenantId} = ${tenantId} and ${tickets.solvedAt} is not null and ${tickets.solvedAt} >= ${since} ${filter}
         group by ${tickets.establishmentId}`;
}

export async function deskAgreementByEstablishment(
  db: Db,
  tenantId: string,
  establishmentIds: readonly string[] | null,
  since: Date,
): Promise<Map<string, DeskAgreementFigures>> {
  const found = await rows<DeskAgreementFigures & { establishmentId: string }>(db, deskAgreementSql(tenantId, establishmentIds, since));
  return new Map(found.map(({ establishmentId, ...figures }) => [establishmentId, figures]));
}
