import { and, asc, eq, exists, ilike, inArray, isNotNull, not, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../../server/platform/db.js';
import { schoolsFleetSummary } from '../../../parc/index.js';
import { establishmentsView, territorialUnitsView } from '../../../referentiel/index.js';
import type { CampaignRow } from '../../campaign-access.js';
import { dossiers } from '../../db/schema.js';
import { renewalLines, renewalRequests } from '../db/schema.js';
import { requestsOf } from '../renewal-store.js';
import { pricedClasses, renewalSettingsOf } from '../settings.js';
import { linesBesideFleet } from './get-renewal-file.js';

/** The states a submitted file can be in: a draft is no request yet. */
export const arbitratedStates = ['en_construction', 'en_instruction', 'accepte', 'refuse', 'classe_sans_suite'] as const;

/**
 * What the authority narrows the arbitration to, on the server (the page, its totals of the
 * selection and its export read the same filters): where the schools are, what they are, the
 * file's state, whether it asks beyond its fleet, whether it was arbitrated, a UAI or a name.
 */
export const arbitrationFilters = z.object({
  departmentCode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^(\d{2,3}|2A|2B)$/, 'Département : son code (59, 2A, 971).')
    .optional(),
  /** A territorial unit and every unit under it. */
  unitId: z.uuid('Unité territoriale : identifiant invalide.').optional(),
  natureCode: z
    .string()
    .trim()
    .regex(/^\d{3}$/, 'Nature : un code à 3 chiffres (300, 320…).')
    .optional(),
  state: z.enum(arbitratedStates, { message: 'État : en_construction, en_instruction, accepte, refuse ou classe_sans_suite.' }).optional(),
  /** `true`: asks more than its fleet has due in at least one class; `false`: never. */
  overAsked: z.enum(['true', 'false'], { message: 'Demande au-delà du parc : true ou false.' }).optional(),
  /** `pending`: not arbitrated yet; `granted`: something granted; `none`: arbitrated to nothing (or refused, closed). */
  arbitration: z.enum(['pending', 'granted', 'none'], { message: 'Arbitrage : pending, granted ou none.' }).optional(),
  /** A UAI, a file number, or part of the school's name. */
  q: z.string().trim().max(100).optional(),
});
export type ArbitrationFilters = z.infer<typeof arbitrationFilters>;

export const hasFilters = (f: ArbitrationFilters) => Object.values(f).some((v) => v !== undefined && v !== '');

const like = (text: string) => `%${text.replace(/[%_\\]/g, '\\$&')}%`;

/** Something granted on a file that counts: refused and closed files grant nothing, whatever their lines say. */
function grantsSomething(db: Db) {
  return and(
    sql`${dossiers.state} not in ('refuse', 'classe_sans_suite')`,
    exists(
      db
        .select({ one: sql`1` })
        .from(renewalLines)
        .where(and(eq(renewalLines.tenantId, dossiers.tenantId), eq(renewalLines.dossierId, dossiers.id), sql`${renewalLines.granted} > 0`)),
    ),
  )!;
}

function arbitrated(db: Db) {
  return exists(
    db
      .select({ one: sql`1` })
      .from(renewalRequests)
      .where(and(eq(renewalRequests.tenantId, dossiers.tenantId), eq(renewalRequests.dossierId, dossiers.id), isNotNull(renewalRequests.grantedAt))),
  );
}

/** A condition on the file's school, on the référentiel's published view of establishments. */
function schoolMatches(db: Db, parts: SQL[]): SQL | undefined {
  if (!parts.length) return undefined;
  return exists(
    db
      .select({ one: sql`1` })
      .from(establishmentsView)
      .where(and(eq(establishmentsView.tenantId, dossiers.tenantId), eq(establishmentsView.id, dossiers.establishmentId), ...parts)),
  );
}

/** Where the school is and what it is. */
function schoolWhere(db: Db, tenantId: string, f: ArbitrationFilters): SQL | undefined {
  const parts: SQL[] = [];
  if (f.departmentCode) parts.push(eq(establishmentsView.departmentCode, f.departmentCode));
  if (f.natureCode) parts.push(eq(establishmentsView.natureCode, f.natureCode));
  if (f.unitId)
    // a unit holds its sub-units' schools: an agency's filter covers its sectors
    parts.push(sql`${establishmentsView.unitId} in (
      with recursive sub(id) as (
        select id from referentiel.territorial_units_view where tenant_id = ${tenantId} and id = ${f.unitId}
        union all
        select u.id from referentiel.territorial_units_view u join sub on u.parent_id = sub.id where u.tenant_id = ${tenantId})
      select id from sub)`);
  return schoolMatches(db, parts);
}

/** The search: the school's UAI or part of its name, or the file's number. */
function searchWhere(db: Db, q: string): SQL {
  const school = schoolMatches(db, [or(eq(establishmentsView.uai, q.toUpperCase()), ilike(establishmentsView.name, like(q)))!])!;
  return /^\d{1,9}$/.test(q) ? or(eq(dossiers.number, Number(q)), school)! : school;
}

/** The filters that SQL answers alone (all but over-asking, which reads the fleet). */
export function filtersWhere(db: Db, campaign: CampaignRow, scope: SQL, f: ArbitrationFilters): SQL {
  const parts: (SQL | undefined)[] = [scope, schoolWhere(db, campaign.tenantId, f)];
  if (f.q) parts.push(searchWhere(db, f.q));
  if (f.state) parts.push(eq(dossiers.state, f.state));
  if (f.arbitration === 'pending') parts.push(not(arbitrated(db)));
  if (f.arbitration === 'granted') parts.push(grantsSomething(db));
  if (f.arbitration === 'none') parts.push(and(arbitrated(db), not(grantsSomething(db))));
  return and(...parts)!;
}

/**
 * Over-asking is read beside each school's fleet from the Parc (its own module, not SQL of ours):
 * the files the other filters keep are read once with their schools' fleets (three queries, one
 * line per school of the call), and the filter becomes the list of the files that match.
 */
export async function overAskingWhere(db: Db, campaign: CampaignRow, where: SQL, overAsked: 'true' | 'false', today: string): Promise<SQL> {
  const rows = await db.select({ id: dossiers.id, establishmentId: dossiers.establishmentId }).from(dossiers).where(where).orderBy(asc(dossiers.number));
  if (!rows.length) return sql`false`;
  const { costs } = renewalSettingsOf(campaign);
  const classes = pricedClasses(campaign);
  const requests = await requestsOf(db, campaign.tenantId, rows.map((r) => r.id));
  const fleets = await schoolsFleetSummary(db, { tenantId: campaign.tenantId, establishmentIds: rows.map((r) => r.establishmentId!), today });
  const wanted = overAsked === 'true';
  const kept = rows.filter((r) => linesBesideFleet(classes, costs, requests.get(r.id)?.lines ?? [], fleets.get(r.establishmentId!) ?? []).some((l) => l.overAsked) === wanted);
  return kept.length ? and(where, inArray(dossiers.id, kept.map((r) => r.id)))! : sql`false`;
}

/** Every filter, SQL first then over-asking: the WHERE of the page, its totals and its export. */
export async function arbitrationWhere(db: Db, campaign: CampaignRow, scope: SQL, f: ArbitrationFilters, today: string): Promise<SQL> {
  const where = filtersWhere(db, campaign, scope, f);
  return f.overAsked ? overAskingWhere(db, campaign, where, f.overAsked, today) : where;
}

export const filterOptionsSchema = z.object({
  departments: z.array(z.string()),
  natures: z.array(z.object({ code: z.string(), label: z.string() })),
  units: z.array(z.object({ id: z.uuid(), name: z.string() })),
});
export type FilterOptions = z.infer<typeof filterOptionsSchema>;

/**
 * The values worth offering in the filters: the départements and natures of the schools that
 * submitted (in the actor's scope), and their territorial units with the units above them.
 */
export async function arbitrationFilterOptions(db: Db, campaign: CampaignRow, scope: SQL): Promise<FilterOptions> {
  const schools = await db
    .selectDistinct({ departmentCode: establishmentsView.departmentCode, natureCode: establishmentsView.natureCode, natureLabel: establishmentsView.natureLabel, unitId: establishmentsView.unitId })
    .from(dossiers)
    .innerJoin(establishmentsView, and(eq(establishmentsView.tenantId, dossiers.tenantId), eq(establishmentsView.id, dossiers.establishmentId)))
    .where(scope);
  const units = await db
    .select({ id: territorialUnitsView.id, parentId: territorialUnitsView.parentId, name: territorialUnitsView.name })
    .from(territorialUnitsView)
    .where(eq(territorialUnitsView.tenantId, campaign.tenantId));
  const byId = new Map(units.map((u) => [u.id, u]));
  const offered = new Set<string>();
  for (const s of schools) for (let u = s.unitId ? byId.get(s.unitId) : undefined; u && !offered.has(u.id); u = u.parentId ? byId.get(u.parentId) : undefined) offered.add(u.id);
  const natures = new Map(schools.filter((s) => s.natureCode).map((s) => [s.natureCode!, s.natureLabel ?? s.natureCode!]));
  return {
    departments: [...new Set(schools.map((s) => s.departmentCode).filter((d): d is string => !!d))].sort(),
    natures: [...natures].map(([code, label]) => ({ code, label })).sort((a, b) => a.code.localeCompare(b.code)),
    units: units.filter((u) => offered.has(u.id)).map((u) => ({ id: u.id, name: u.name })).sort((a, b) => a.name.localeCompare(b.name, 'fr')),
  };
}
