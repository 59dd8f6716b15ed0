import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { EstablishmentScope } from '../../../server/platform/authz.js';
import type { Db } from '../../../server/platform/db.js';
import { pgArray, sqlText } from '../../../server/platform/prepared.js';
import { establishments, organizations } from './schema.js';

/**
 * « Which schools may this person see », the one SQL form of `establishmentScope()`
 * (platform/authz.ts), as text on the relation `on` with its values added through `param`: three
 * array parameters whatever the scope, so a prepared list has one text for every person and is
 * planned once. An empty scope matches nothing; null when the scope is everything.
 */
export function establishmentScopeText(scope: EstablishmentScope, on: string, param: (value: unknown) => string, { usedArms = false } = {}): string | null {
  if (scope.all) return null;
  const arms = [
    { values: scope.establishmentIds, text: (p: string) => `${on}.id = any(${p}::uuid[])` },
    { values: scope.unitIds, text: (p: string) => `${on}.unit_id = any(${p}::uuid[])` },
    { values: scope.academyCodes, text: (p: string) => `${on}.academy_code = any(${p}::text[])` },
  ].filter((arm) => !usedArms || arm.values.length > 0);
  if (arms.length === 0) return 'false';
  return `(${arms.map((arm) => arm.text(param(pgArray(arm.values)))).join(' or ')})`;
}

/**
 * The same filter for drizzle queries over `on` (the table here; other modules get it on the view they
 * read, index.ts). `usedArms`: only the arms the scope fills (a text per shape of scope, not one for
 * all): a technician's `unit_id = any(…)` alone is an index condition, where the three arms ORed
 * were a bitmap OR through the heap (1,500 pages for one sector's 1,800 schools).
 */
export function establishmentScopeWhere(scope: EstablishmentScope, on = 'referentiel.establishments', options: { usedArms?: boolean } = {}): SQL {
  const values: unknown[] = [];
  const text = establishmentScopeText(scope, on, (value) => `$${values.push(value)}`, options);
  return text === null ? sql`true` : sqlText(text, values);
}

export const establishmentsViewScopeWhere = (scope: EstablishmentScope): SQL => establishmentScopeWhere(scope, 'referentiel.establishments_view');

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
