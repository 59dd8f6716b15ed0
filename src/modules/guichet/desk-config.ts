import { asc, eq, sql } from 'drizzle-orm';
import { defineCache, type Caches } from '../../server/platform/cache.js';
import { rows, type Db } from '../../server/platform/db.js';
import { categories, deskSettings, serviceTerms, supportTeams, type CategoryRow, type SupportTeamRow } from './db/schema.js';
import {
  DEMO_CALENDAR_ID,
  always,
  defaultPriorityMatrix,
  demoAgreement,
  demoCalendar,
  parseBusinessCalendar,
  parsePriorityMatrix,
  parseServiceAgreement,
  versionAt,
  type BusinessCalendar,
  type PriorityMatrix,
  type ServiceAgreement,
  type Timeline,
  type Version,
} from './sla/index.js';

/**
 * Everything routing and service levels need about a tenant's desk, loaded in a few queries and
 * kept in the process's caches: creating 1,000 tickets a second must not reload the teams,
 * categories and agreements each time. Operations that change them invalidate `deskConfigCache`
 * with the tenant as key, in every process.
 *
 * A tenant that never configured its desk still works: the built-in demo agreement, calendar and
 * priority matrix apply, and tickets wait in triage without a team.
 */

export interface DeskOrganization {
  id: string;
  code: string;
  kind: string;
  name: string;
  academyCode: string | null;
}

export interface DeskUnit {
  id: string;
  parentId: string | null;
  kind: string;
  name: string;
}

export interface DeskConfig {
  tenantId: string;
  configured: boolean;
  defaultAgreementId: string;
  problemThreshold: number;
  problemWindowDays: number;
  /** Every team, active or not (names of old assignments); routing filters on `active`. */
  teams: SupportTeamRow[];
  teamsById: Map<string, SupportTeamRow>;
  categories: Map<string, CategoryRow>;
  /** The tenant and its partners. */
  organizations: Map<string, DeskOrganization>;
  units: Map<string, DeskUnit>;
  agreements: Record<string, Timeline<ServiceAgreement>>;
  calendars: Record<string, Timeline<BusinessCalendar>>;
  matrices: Timeline<PriorityMatrix>;
}

/** By tenant id; the time to live bounds what a lost notification could leave. */
export const deskConfigCache = defineCache<Promise<DeskConfig>>('desk-config', { max: 1_000, ttlMs: 60_000 });

export function loadDeskConfig(ctx: { db: Db; cache: Caches }, tenantId: string): Promise<DeskConfig> {
  return ctx.cache.of(deskConfigCache).remember(tenantId, () => readDeskConfig(ctx.db, tenantId));
}

async function readDeskConfig(db: Db, tenantId: string): Promise<DeskConfig> {
  const [settings, teams, categoryRows, terms, organizations, units] = await Promise.all([
    db.select().from(deskSettings).where(eq(deskSettings.tenantId, tenantId)),
    db.select().from(supportTeams).where(eq(supportTeams.tenantId, tenantId)).orderBy(asc(supportTeams.level), asc(supportTeams.name)),
    db.select().from(categories).where(eq(categories.tenantId, tenantId)).orderBy(asc(categories.sortOrder), asc(categories.key)),
    db.select().from(serviceTerms).where(eq(serviceTerms.tenantId, tenantId)).orderBy(asc(serviceTerms.validFrom), asc(serviceTerms.version)),
    rows<DeskOrganization>(
      db,
      sql`select o.tenant_id as id, o.code, o.kind, o.name, o.academy_code as "academyCode"
            from referentiel.organizations_view o
           where o.tenant_id = ${tenantId}
              or o.tenant_id in (select p.partner_id from referentiel.partnerships_view p where p.tenant_id = ${tenantId})`,
    ),
    rows<DeskUnit>(
      db,
      sql`select id, parent_id as "parentId", kind, name from referentiel.territorial_units_view where tenant_id = ${tenantId}`,
    ),
  ]);
  const agreements: Record<string, Version<ServiceAgreement>[]> = { [demoAgreement.id]: [...always(demoAgreement)] };
  const calendars: Record<string, Version<BusinessCalendar>[]> = { [DEMO_CALENDAR_ID]: [...always(demoCalendar)] };
  const matrices: Version<PriorityMatrix>[] = [...always(defaultPriorityMatrix)];
  for (const term of terms) {
    const from = term.validFrom;
    if (term.kind === 'agreement') (agreements[term.key] ??= []).push({ from, value: parseServiceAgreement(term.body) });
    else if (term.kind === 'calendar') (calendars[term.key] ??= []).push({ from, value: parseBusinessCalendar(term.body) });
    else if (term.kind === 'priority-matrix') matrices.push({ from, value: parsePriorityMatrix(term.body) });
  }
  const setting = settings[0];
  return {
    tenantId,
    configured: Boolean(setting),
    defaultAgreementId: setting?.defaultAgreementId ?? demoAgreement.id,
    problemThreshold: setting?.problemThreshold ?? 3,
    problemWindowDays: setting?.problemWindowDays ?? 30,
    teams,
    teamsById: new Map(teams.map((t) => [t.id, t])),
    categories: new Map(categoryRows.map((c) => [c.key, c])),
    organizations: new Map(organizations.map((o) => [o.id, o])),
    units: new Map(units.map((u) => [u.id, u])),
    agreements,
    calendars,
    matrices,
  };
}

/** The priority matrix in force at an instant. */
export function matrixAt(config: DeskConfig, at: Date): PriorityMatrix {
  return versionAt(config.matrices, at.getTime()) ?? defaultPriorityMatrix;
}

/** The agreement a category falls under: its own, else the tenant's default. */
export function agreementIdFor(config: DeskConfig, category: string | null): string {
  const own = category ? config.categories.get(category)?.agreementId : null;
  return own ?? config.defaultAgreementId;
}
