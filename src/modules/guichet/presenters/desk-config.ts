import { z } from 'zod';
import type { CategoryRow, SupportTeamRow } from '../db/schema.js';
import type { DeskConfig } from '../desk-config.js';

/** Response shapes and presenters of the desk-configuration routes (routes/desk-config.ts). */

const orgRef = z.object({ id: z.string(), name: z.string().nullable() });
const versionInfo = z.object({ version: z.number(), validFrom: z.string() });
const weekRanges = z.array(z.object({ from: z.string(), to: z.string() }));
const target = z.object({
  timeToOwnMinutes: z.number(),
  timeToResolveMinutes: z.number(),
  warnBeforeMinutes: z.number().optional(),
  warnAtRatio: z.number().optional(),
  calendarId: z.string(),
});
const closure = z.object({ label: z.string(), start: z.string(), end: z.string() });

export const supportTeamSchema = z.object({
  id: z.string(),
  name: z.string(),
  level: z.number(),
  organization: orgRef,
  unitIds: z.array(z.string()),
  categories: z.array(z.string()),
  warrantyHolders: z.array(z.string()),
  triage: z.boolean(),
  active: z.boolean(),
  version: z.number(),
});

export const ticketCategorySchema = z.object({
  key: z.string(),
  label: z.string(),
  responsibleOrganization: orgRef,
  defaultTeams: z.record(z.string(), z.string()),
  hardware: z.boolean(),
  agreementId: z.string().nullable(),
  sortOrder: z.number(),
  active: z.boolean(),
  version: z.number(),
});

export const publishedTermsSchema = z.object({ version: z.number(), validFrom: z.string() });

export const deskSettingsSchema = z.object({
  version: z.number(),
  defaultAgreementId: z.string(),
  problemThreshold: z.number(),
  problemWindowDays: z.number(),
});

export const deskConfigurationSchema = z.object({
  canConfigure: z.boolean(),
  organizations: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string() })),
  units: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string(), parentId: z.string().nullable() })),
  teams: z.array(supportTeamSchema),
  categories: z.array(ticketCategorySchema),
  priorityMatrix: z.object({ version: z.number(), validFrom: z.string(), versions: z.array(versionInfo), matrix: z.array(z.array(z.number())) }),
  agreements: z.array(
    z.object({
      id: z.string(),
      version: z.number(),
      validFrom: z.string(),
      versions: z.array(versionInfo),
      label: z.string(),
      pauseOnThirdParty: z.boolean(),
      targets: z.record(z.string(), target),
      categories: z.record(z.string(), z.record(z.string(), target)),
    }),
  ),
  calendars: z.array(
    z.object({
      id: z.string(),
      version: z.number(),
      validFrom: z.string(),
      versions: z.array(versionInfo),
      label: z.string(),
      timeZone: z.string(),
      week: z.record(z.string(), weekRanges),
      holidays: z.string(),
      closures: z.array(closure),
      schoolHolidays: z.object({
        zone: z.string().nullable(),
        periods: z.array(z.object({ label: z.string(), zone: z.string(), start: z.string(), end: z.string() })),
      }),
    }),
  ),
  settings: deskSettingsSchema,
});

const orgOf = (config: DeskConfig, id: string) => ({ id, name: config.organizations.get(id)?.name ?? null });

export function presentSupportTeam(config: DeskConfig, t: SupportTeamRow): z.output<typeof supportTeamSchema> {
  return {
    id: t.id,
    name: t.name,
    level: t.level,
    organization: orgOf(config, t.organizationId),
    unitIds: t.unitIds,
    categories: t.categories,
    warrantyHolders: t.warrantyHolders,
    triage: t.triage,
    active: t.active,
    version: t.version,
  };
}

export function presentCategory(config: DeskConfig, c: CategoryRow): z.output<typeof ticketCategorySchema> {
  return {
    key: c.key,
    label: c.label,
    responsibleOrganization: orgOf(config, c.responsibleOrganizationId),
    defaultTeams: c.defaultTeams,
    hardware: c.hardware,
    agreementId: c.agreementId,
    sortOrder: c.sortOrder,
    active: c.active,
    version: c.version,
  };
}

export const versionsOut = (versions: { version: number; validFrom: Date }[]) => versions.map((v) => ({ version: v.version, validFrom: v.validFrom.toISOString() }));
