import { and, asc, eq } from 'drizzle-orm';
import { authorize, can } from '../../../../server/platform/authz.js';
import type { Ctx } from '../../../../server/platform/context.js';
import { deskSettings, serviceTerms, type CategoryRow, type SupportTeamRow } from '../../db/schema.js';
import { loadDeskConfig, type DeskConfig, type DeskOrganization, type DeskUnit } from '../../desk-config.js';
import {
  DEMO_CALENDAR_ID,
  defaultPriorityMatrix,
  demoAgreement,
  demoCalendar,
  type BusinessCalendar,
  type Closure,
  type PriorityMatrix,
  type SchoolHoliday,
  type ServiceAgreement,
} from '../../sla/index.js';

/**
 * Everything the configuration page shows, for those who work the desk (ticket.private.read):
 * teams and categories (inactive ones too), and for each set of terms its latest version, the
 * base of the next edit, with the dates of all versions. Terms never stored are the built-in
 * ones, shown as version 0.
 */

export interface TermsVersionInfo {
  version: number;
  validFrom: Date;
}

export interface Versioned<T> {
  version: number;
  validFrom: Date;
  versions: TermsVersionInfo[];
  value: T;
}

export interface CalendarForm {
  label: string;
  timeZone: string;
  week: BusinessCalendar['week'];
  holidays: BusinessCalendar['holidays'];
  closures: Closure[];
  schoolHolidays: { zone: 'A' | 'B' | 'C' | 'Corse' | null; periods: SchoolHoliday[] };
}

export interface DeskConfiguration {
  canConfigure: boolean;
  organizations: DeskOrganization[];
  units: DeskUnit[];
  teams: SupportTeamRow[];
  categories: CategoryRow[];
  priorityMatrix: Versioned<PriorityMatrix>;
  agreements: (Versioned<ServiceAgreement> & { id: string })[];
  calendars: (Versioned<CalendarForm> & { id: string })[];
  settings: { version: number; defaultAgreementId: string; problemThreshold: number; problemWindowDays: number };
  config: DeskConfig;
}

const builtInSince = new Date(0);

export async function getDeskConfiguration(ctx: Ctx): Promise<DeskConfiguration> {
  authorize(ctx.actor, 'ticket.private.read');
  const tenantId = ctx.actor.tenantId;
  const [config, settings, terms] = await Promise.all([
    loadDeskConfig(ctx, tenantId),
    ctx.db.select({ version: deskSettings.version }).from(deskSettings).where(eq(deskSettings.tenantId, tenantId)),
    ctx.db.select().from(serviceTerms).where(and(eq(serviceTerms.tenantId, tenantId))).orderBy(asc(serviceTerms.version)),
  ]);
  const grouped = new Map<string, typeof terms>();
  for (const term of terms) grouped.set(`${term.kind}/${term.key}`, [...(grouped.get(`${term.kind}/${term.key}`) ?? []), term]);
  const latest = <T>(kind: string, key: string, read: (body: unknown) => T, builtIn: T | null): Versioned<T> | null => {
    const list = grouped.get(`${kind}/${key}`) ?? [];
    const last = list.at(-1);
    if (!last) return builtIn === null ? null : { version: 0, validFrom: builtInSince, versions: [], value: builtIn };
    return { version: last.version, validFrom: last.validFrom, versions: list.map((v) => ({ version: v.version, validFrom: v.validFrom })), value: read(last.body) };
  };
  const keysOf = (kind: string, builtIn: string) => [...new Set([builtIn, ...terms.filter((t) => t.kind === kind).map((t) => t.key)])];
  return {
    canConfigure: can(ctx.actor, 'desk.configure'),
    organizations: [...config.organizations.values()],
    units: [...config.units.values()].sort((a, b) => a.name.localeCompare(b.name)),
    teams: config.teams,
    categories: [...config.categories.values()],
    priorityMatrix: latest('priority-matrix', 'default', (body) => body as PriorityMatrix, defaultPriorityMatrix)!,
    agreements: keysOf('agreement', demoAgreement.id).map((id) => ({
      id,
      ...latest('agreement', id, (body) => body as ServiceAgreement, id === demoAgreement.id ? demoAgreement : null)!,
    })),
    calendars: keysOf('calendar', DEMO_CALENDAR_ID).map((id) => ({
      id,
      ...latest('calendar', id, calendarForm, id === DEMO_CALENDAR_ID ? calendarForm(demoCalendar) : null)!,
    })),
    settings: {
      version: settings[0]?.version ?? 0,
      defaultAgreementId: config.defaultAgreementId,
      problemThreshold: config.problemThreshold,
      problemWindowDays: config.problemWindowDays,
    },
    config,
  };
}

/** The calendar as the authority typed it: extra closures apart from the school holidays. */
function calendarForm(body: unknown): CalendarForm {
  const stored = body as BusinessCalendar & { extraClosures?: Closure[]; schoolHolidays?: CalendarForm['schoolHolidays'] };
  return {
    label: stored.label ?? 'Calendrier',
    timeZone: stored.timeZone,
    week: stored.week,
    holidays: stored.holidays,
    closures: stored.extraClosures ?? stored.closures,
    schoolHolidays: stored.schoolHolidays ?? { zone: null, periods: [] },
  };
}
