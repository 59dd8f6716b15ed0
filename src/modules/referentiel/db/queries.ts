import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { EstablishmentScope } from '../../../server/platform/authz.js';
import type { Db } from '../../../server/platform/db.js';
import { establishments, organizations } from './schema.js';

/** The SQL form of an actor's establishment scope; an empty scope matches nothing. */
export function establishmentScopeWhere(scope: EstablishmentScope): SQL {
  if (scope.all) return sql`true`;
  const parts: SQL[] = [];
  if (scope.establishmentIds.length) parts.push(inArray(establishments.id, scope.establishmentIds));
  if (scope.unitIds.length) parts.push(inArray(establishments.unitId, scope.unitIds));
  if (scope.academyCodes.length) parts.push(inArray(establishments.academyCode, scope.academyCodes));
  return parts.length ? or(...parts)! : sql`false`;
}

export async function findEstablishmentByUai(db: Db, params: { tenantId: string; uai: string }) {
  const [row] = await db
    .select()
    .from(establishments)
    .where(and(eq(establishments.tenantId, params.tenantId), eq(establishments.uai, params.uai)));
  return row ?? null;
}

export async function findOrganizationByCode(db: Db, code: string) {
  const [row] = await db.select().from(organizations).where(eq(organizations.code, code));
  return row ?? null;
}

export type EstablishmentRow = typeof establishments.$inferSelect;
