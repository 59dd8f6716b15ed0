import { and, asc, eq } from 'drizzle-orm';
import { defineCache } from '../../server/platform/cache.js';
import type { Ctx } from '../../server/platform/context.js';
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
  const matching = ruled.find((g) => g.rules.every((r) => ruleMatches(r, school, answers)));
  return (matching ?? groups.find((g) => g.isDefault))?.id ?? null;
}
