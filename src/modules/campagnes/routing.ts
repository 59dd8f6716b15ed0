import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../server/platform/db.js';
import { AppError } from '../../server/platform/errors.js';
import { establishmentsView } from '../referentiel/index.js';
import { instructorGroups, type Eligibility, type RoutingRule } from './db/schema.js';

export interface SchoolFacts {
  id: string;
  uai: string;
  name: string;
  unitId: string | null;
  departmentCode: string | null;
  natureCode: string | null;
  sector: string;
  academyCode: string | null;
  communeCode: string | null;
  priorityEducation: string | null;
  tracks: string[];
}

export async function schoolFacts(db: Db, tenantId: string, establishmentId: string): Promise<SchoolFacts> {
  const [row] = await db
    .select({
      id: establishmentsView.id,
      uai: establishmentsView.uai,
      name: establishmentsView.name,
      unitId: establishmentsView.unitId,
      departmentCode: establishmentsView.departmentCode,
      natureCode: establishmentsView.natureCode,
      sector: establishmentsView.sector,
      academyCode: establishmentsView.academyCode,
      communeCode: establishmentsView.communeCode,
      priorityEducation: establishmentsView.priorityEducation,
      tracks: establishmentsView.tracks,
    })
    .from(establishmentsView)
    .where(and(eq(establishmentsView.tenantId, tenantId), eq(establishmentsView.id, establishmentId)));
  if (!row) throw new AppError('NOT_FOUND', 'Établissement introuvable.');
  return row;
}

/** Whether the school may apply: every non-empty list of the eligibility must hold it. */
export function eligible(e: Eligibility, school: SchoolFacts, unitAncestors: string[] = []): boolean {
  if (e.establishmentIds.length && !e.establishmentIds.includes(school.id)) return false;
  if (e.natureCodes.length && !(school.natureCode && e.natureCodes.includes(school.natureCode))) return false;
  if (e.unitIds.length && !(school.unitId && [school.unitId, ...unitAncestors].some((u) => e.unitIds.includes(u)))) return false;
  return true;
}

function ruleMatches(rule: RoutingRule, school: SchoolFacts | null, answers: Record<string, unknown>): boolean {
  switch (rule.on) {
    case 'unit':
      return !!school?.unitId && rule.values.includes(school.unitId);
    case 'department':
      return !!school?.departmentCode && rule.values.includes(school.departmentCode);
    case 'nature':
      return !!school?.natureCode && rule.values.includes(school.natureCode);
    case 'answer': {
      const value = rule.field ? answers[rule.field] : undefined;
      return value !== undefined && value !== null && rule.values.includes(String(value));
    }
  }
}

/**
 * The group a file goes to: the first group by priority whose rules all hold (a group without
 * rules matches nothing but is the default when marked so), else the default group, else none
 * (then only the administrators see it).
 */
export async function routeDossier(db: Db, tenantId: string, campaignId: string, school: SchoolFacts | null, answers: Record<string, unknown>): Promise<string | null> {
  const groups = await db
    .select()
    .from(instructorGroups)
    .where(and(eq(instructorGroups.tenantId, tenantId), eq(instructorGroups.campaignId, campaignId)))
    .orderBy(asc(instructorGroups.priority), asc(instructorGroups.name));
  const matching = groups.find((g) => g.rules.length > 0 && g.rules.every((r) => ruleMatches(r, school, answers)));
  return (matching ?? groups.find((g) => g.isDefault))?.id ?? null;
}
