import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../../server/platform/db.js';
import { uuidArray } from '../../../server/platform/prepared.js';
import { tickets } from '../db/schema.js';

export interface DeskAgreementFigures {
  solved: number;
  /** Solved after their resolution deadline (the stopped clock keeps its deadline only when missed). */
  late: number;
}

/** Tickets solved since `since` by school, and how many missed their deadline: one grouped pass. */
export async function deskAgreementByEstablishment(
  db: Db,
  tenantId: string,
  establishmentIds: readonly string[] | null,
  since: Date,
): Promise<Map<string, DeskAgreementFigures>> {
  const filter = establishmentIds ? sql`and ${tickets.establishmentId} = any(${uuidArray(establishmentIds)})` : sql``;
  const found = await rows<DeskAgreementFigures & { establishmentId: string }>(
    db,
    sql`select ${tickets.establishmentId} as "establishmentId", count(*)::int as solved, count(${tickets.dueToResolve})::int as late
          from ${tickets}
         where ${tickets.tenantId} = ${tenantId} and ${tickets.solvedAt} is not null and ${tickets.solvedAt} >= ${since} ${filter}
         group by ${tickets.establishmentId}`,
  );
  return new Map(found.map(({ establishmentId, ...figures }) => [establishmentId, figures]));
}
