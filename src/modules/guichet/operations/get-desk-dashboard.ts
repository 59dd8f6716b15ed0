import { and, eq, or, sql, type SQL } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { authorize } from '../../../server/platform/authz.js';
import type { Ctx } from '../../../server/platform/context.js';
import { AppError } from '../../../server/platform/errors.js';
import { defineCache } from '../../../server/platform/cache.js';
import { tickets } from '../db/schema.js';
import { backlog, devicesInService, opened, owned, schoolNames, solved, solvedByWeek, type Period } from '../dashboard/dashboard-queries.js';
import { assembleDashboard, weeksOf } from '../dashboard/assemble-dashboard.js';
import { loadDeskConfig, type DeskConfig } from '../desk-config.js';
import { seesPrivate, ticketScope, ticketScopeWhere } from '../ticket-access.js';
import { uuidArray } from '../../../server/platform/prepared.js';

const zone = 'Europe/Paris';
const defaultDays = 90;
const maxDays = 731;
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Date au format AAAA-MM-JJ.');

export const deskDashboardInput = z.object({
  from: isoDate.optional().describe('Premier jour de la période (défaut : 90 jours avant « to »)'),
  to: isoDate.optional().describe('Dernier jour de la période, inclus (défaut : aujourd’hui)'),
  unitId: z.uuid().optional().describe('Unité territoriale (et ses sous-unités)'),
  teamId: z.uuid().optional(),
  level: z.coerce.number().int().min(0).max(3).optional(),
  category: z.string().trim().max(63).optional(),
  uai: z.string().trim().max(20).optional(),
  organizationId: z.uuid().optional().describe('Organisation responsable ou attributaire des tickets'),
});
export type DeskDashboardInput = z.infer<typeof deskDashboardInput>;

/**
 * Devices in service change with deliveries and inventories, not by the second: their counts by
 * school are kept a minute per tenant and school filter (nothing invalidates them: the minute is
 * the promise), so a dashboard refreshed over and over does not count a Région's 100,000 devices each time.
 */
const deviceCounts = defineCache<Promise<{ school: string; n: number }[]>>('desk-dashboard-devices', { max: 500, ttlMs: 60_000 });
function cachedDevicesInService(ctx: Ctx, tenantId: string, key: string, schools: SQL | null) {
  return ctx.cache.of(deviceCounts).remember(`${tenantId}|${key}`, () => devicesInService(ctx.db, tenantId, schools));
}

const invalid = (path: string, message: string) => new AppError('VALIDATION', message, { issues: [{ path, message }] });

/** The period as instants: from the first day's midnight to the midnight after the last day, in Paris. */
export function periodOf(input: Pick<DeskDashboardInput, 'from' | 'to'>, now: Date): Period & { fromDay: string; toDay: string } {
  const day = (text: string, path: string) => {
    const d = DateTime.fromISO(text, { zone });
    if (!d.isValid) throw invalid(path, `Date invalide : ${text}.`);
    return d.startOf('day');
  };
  const last = input.to ? day(input.to, 'to') : DateTime.fromJSDate(now, { zone }).startOf('day');
  const first = input.from ? day(input.from, 'from') : last.minus({ days: defaultDays - 1 });
  if (first > last) throw invalid('from', 'Le début de la période doit précéder sa fin.');
  if (last.diff(first, 'days').days >= maxDays) throw invalid('from', 'La période ne peut dépasser deux ans.');
  const from = first.toJSDate();
  const to = last.plus({ days: 1 }).toJSDate();
  const fromDay = first.toISODate()!;
  const toDay = last.toISODate()!;
  const weekStarts = weeksOf(fromDay, toDay).map((w) => w.start);
  return { from, to, lateUntil: new Date(Math.min(to.getTime(), now.getTime())), fromDay, toDay, weekStarts };
}

function unitAndDescendants(config: DeskConfig, unitId: string): string[] {
  const found = [unitId];
  for (let i = 0; i < found.length; i++) {
    for (const unit of config.units.values()) if (unit.parentId === found[i] && !found.includes(unit.id)) found.push(unit.id);
  }
  return found;
}


/** The schools the filters narrow to (unit, UAI), as a subquery; null when they do not. */
function schoolFilter(tenantId: string, input: DeskDashboardInput, config: DeskConfig): SQL | null {
  const parts: SQL[] = [];
  if (input.unitId) parts.push(sql`unit_id = any(${uuidArray(unitAndDescendants(config, input.unitId))})`);
  if (input.uai) parts.push(sql`uai = ${input.uai.toUpperCase()}`);
  if (parts.length === 0) return null;
  return sql`select id from referentiel.establishments_view where tenant_id = ${tenantId} and ${sql.join(parts, sql` and `)}`;
}

/**
 * The service desk's figures over the tickets the caller may read (the same scope SQL as the
 * ticket list): a Région's administrator sees its whole desk, a technician the schools of their
 * units, the Académie its scope, a contractor what was assigned to it, a member authority its schools.
 */
export async function getDeskDashboard(ctx: Ctx, input: DeskDashboardInput) {
  authorize(ctx.actor, 'ticket.read');
  const actor = ctx.actor;
  const tenantId = actor.tenantId;
  const now = ctx.now();
  const period = periodOf(input, now);
  const config = await loadDeskConfig(ctx, tenantId);
  if (input.unitId && !config.units.has(input.unitId)) throw invalid('unitId', 'Unité territoriale inconnue.');

  const scope = await ticketScope(ctx.db, actor, 'ticket.read');
  const schools = schoolFilter(tenantId, input, config);
  const conditions: (SQL | undefined)[] = [eq(tickets.tenantId, tenantId), ticketScopeWhere(scope, tenantId)];
  if (schools) conditions.push(sql`${tickets.establishmentId} in (${schools})`);
  if (input.teamId) conditions.push(eq(tickets.assignedTeamId, input.teamId));
  if (input.level !== undefined) conditions.push(eq(tickets.level, input.level));
  if (input.category) conditions.push(eq(tickets.category, input.category));
  if (input.organizationId) conditions.push(or(eq(tickets.responsibleOrgId, input.organizationId), eq(tickets.assignedOrgId, input.organizationId)));
  const where = and(...conditions)!;

  // independent passes: on PostgreSQL each takes its own pooled connection
  const [open, own, solve, solvedWeeks, opening, devices] = await Promise.all([
    backlog(ctx.db, where, period),
    owned(ctx.db, where, period),
    solved(ctx.db, where, period),
    solvedByWeek(ctx.db, where, period),
    opened(ctx.db, where, period),
    cachedDevicesInService(ctx, tenantId, `${input.unitId ?? ''}|${input.uai?.toUpperCase() ?? ''}`, schools),
  ]);
  const schoolIds = new Set<string>();
  for (const r of open) if (r.dim === 'school' && r.school) schoolIds.add(r.school);
  for (const r of opening) if (r.school) schoolIds.add(r.school);
  // a whole-desk view compares every school, those without tickets too; a narrower one its schools with tickets
  if (scope.schools.all) for (const d of devices) schoolIds.add(d.school);
  const names = await schoolNames(ctx.db, tenantId, [...schoolIds]);

  return assembleDashboard({
    period,
    config,
    wholeDesk: scope.schools.all,
    showTeams: seesPrivate(actor),
    open,
    own,
    solve,
    solvedWeeks,
    opening,
    devices,
    names,
  });
}

export type DeskDashboard = Awaited<ReturnType<typeof getDeskDashboard>>;
