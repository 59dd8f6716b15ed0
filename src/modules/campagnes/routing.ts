import { and, asc, eq } from 'drizzle-orm';
import { defineCache } from '../../server/platform/cache.js';
import type { Ctx } from '../../server/platform/context.js';
import type { Db } from '../../server/platform/db.js';
import { AppError } from '../../server/platform/errors.js';
import { establishmentsView, territorialUnitsView } from '../referentiel/index.js';
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

/**
 * The units above a school's unit (its sector's agency…): a campaign open to an agency, or a group
 * routing an agency, takes the schools of the sectors and zones inside it. A few levels at most.
 */
export async function unitAncestors(db: Db, tenantId: string, unitId: string | null): Promise<string[]> {
  const found: string[] = [];
  let current = unitId;
  while (current && found.length < 10) {
    const [row] = await db
      .select({ parentId: territorialUnitsView.parentId })
      .from(territorialUnitsView)
      .where(and(eq(territorialUnitsView.tenantId, tenantId), eq(territorialUnitsView.id, current)));
    current = row?.parentId ?? null;
    if (current && !found.includes(current)) found.push(current);
    else break;
  }
  return found;
}

/** Whether the school may apply: every non-empty list of the eligibility must hold it. */
export function eligible(e: Eligibility, school: SchoolFacts, unitAncestors: string[] = []): boolean {
  if (e.establishmentIds.length && !e.establishmentIds.includes(school.id)) return false;
  if (e.natureCodes.length && !(school.natureCode && e.natureCodes.includes(school.natureCode))) return false;
  if (e.unitIds.length && !(school.unitId && [school.unitId, ...unitAncestors].some((u) => e.unitIds.includes(u)))) return false;
  return true;
}

function ruleMatches(rule: RoutingRule, school: SchoolFacts | null, answers: Record<string, unknown>, schoolUnits: string[]): boolean {
  switch (rule.on) {
    case 'unit':
      return schoolUnits.some((u) => rule.values.includes(u));
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

type GroupRow = typeof instructorGroups.$inferSelect;

/**
 * A campaign's groups in routing order, read once per process until `saveGroups` changes them
 * (it empties the entry once committed); the time to live bounds a lost notification.
 */
export const routingGroups = defineCache<Promise<GroupRow[]>>('campagnes-routing-groups', { max: 2_000, ttlMs: 60_000 });

export const routingGroupsKey = (tenantId: string, campaignId: string) => `${tenantId}:${campaignId}`;

function groupsOf(ctx: Pick<Ctx, 'db' | 'cache'>, tenantId: string, campaignId: string): Promise<GroupRow[]> {
  return ctx.cache.of(routingGroups).remember(routingGroupsKey(tenantId, campaignId), () =>
    ctx.db
      .select()
      .from(instructorGroups)
      .where(and(eq(instructorGroups.tenantId, tenantId), eq(instructorGroups.campaignId, campaignId)))
      .orderBy(asc(instructorGroups.priority), asc(instructorGroups.name))
      // a real promise, run once: drizzle's query runs again at each `then`
      .then((rows) => rows),
  );
}

const onSchool = (rule: RoutingRule) => rule.on !== 'answer';

/**
 * The group a file goes to: the first group by priority whose rules all hold (a group without
 * rules matches nothing but is the default when marked so), else the default group, else none
 * (then only the administrators see it). The school is read only when a rule asks about it.
 */
export async function routeDossier(
  ctx: Pick<Ctx, 'db' | 'cache'>,
  dossier: { tenantId: string; campaignId: string; establishmentId: string | null },
  answers: Record<string, unknown>,
): Promise<string | null> {
  const groups = await groupsOf(ctx, dossier.tenantId, dossier.campaignId);
  const ruled = groups.filter((g) => g.rules.length > 0);
  const school = dossier.establishmentId && ruled.some((g) => g.rules.some(onSchool)) ? await schoolFacts(ctx.db, dossier.tenantId, dossier.establishmentId) : null;
  const byUnit = school?.unitId && ruled.some((g) => g.rules.some((r) => r.on === 'unit'));
  const schoolUnits = school?.unitId ? [school.unitId, ...(byUnit ? await unitAncestors(ctx.db, dossier.tenantId, school.unitId) : [])] : [];
  const matching = ruled.find((g) => g.rules.every((r) => ruleMatches(r, school, answers, schoolUnits)));
  return (matching ?? groups.find((g) => g.isDefault))?.id ?? null;
}
