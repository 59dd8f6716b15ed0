/** The desk configuration as GET /api/desk/configuration returns it (routes/desk-config.ts). */

export interface OrgRef {
  id: string;
  name: string | null;
}

export interface SupportTeam {
  id: string;
  name: string;
  level: number;
  organization: OrgRef;
  unitIds: string[];
  categories: string[];
  warrantyHolders: string[];
  triage: boolean;
  active: boolean;
  version: number;
}

export interface TicketCategory {
  key: string;
  label: string;
  responsibleOrganization: OrgRef;
  defaultTeams: Record<string, string>;
  hardware: boolean;
  agreementId: string | null;
  sortOrder: number;
  active: boolean;
  version: number;
}

export interface SlaTarget {
  timeToOwnMinutes: number;
  timeToResolveMinutes: number;
  warnBeforeMinutes?: number;
  warnAtRatio?: number;
  calendarId: string;
}

export interface VersionInfo {
  version: number;
  validFrom: string;
}

export interface Agreement {
  id: string;
  version: number;
  validFrom: string;
  versions: VersionInfo[];
  label: string;
  pauseOnThirdParty: boolean;
  targets: Record<string, SlaTarget>;
  categories: Record<string, Record<string, SlaTarget>>;
}

export interface OpeningRange {
  from: string;
  to: string;
}

export const weekdayKeys = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type WeekdayKey = (typeof weekdayKeys)[number];
export const weekdayLabels: Record<WeekdayKey, string> = { mon: 'Lundi', tue: 'Mardi', wed: 'Mercredi', thu: 'Jeudi', fri: 'Vendredi', sat: 'Samedi', sun: 'Dimanche' };

export interface Closure {
  label: string;
  start: string;
  end: string;
}

export interface SchoolHolidayPeriod extends Closure {
  zone: string;
}

export interface Calendar {
  id: string;
  version: number;
  validFrom: string;
  versions: VersionInfo[];
  label: string;
  timeZone: string;
  week: Record<WeekdayKey, OpeningRange[]>;
  holidays: 'fr' | 'fr-alsace-moselle' | 'none';
  closures: Closure[];
  schoolHolidays: { zone: 'A' | 'B' | 'C' | 'Corse' | null; periods: SchoolHolidayPeriod[] };
}

export interface DeskSettings {
  version: number;
  defaultAgreementId: string;
  problemThreshold: number;
  problemWindowDays: number;
}

export interface DeskConfiguration {
  canConfigure: boolean;
  organizations: { id: string; name: string; kind: string }[];
  units: { id: string; name: string; kind: string; parentId: string | null }[];
  teams: SupportTeam[];
  categories: TicketCategory[];
  priorityMatrix: { version: number; validFrom: string; versions: VersionInfo[]; matrix: number[][] };
  agreements: Agreement[];
  calendars: Calendar[];
  settings: DeskSettings;
}

export const levelLabels: Record<number, string> = {
  0: 'Niveau 0 — sur site',
  1: 'Niveau 1 — techniciens de secteur',
  2: 'Niveau 2 — experts régionaux',
  3: 'Niveau 3 — prestataires et constructeurs',
};

export const priorityLabels: Record<number, string> = { 1: 'Très basse', 2: 'Basse', 3: 'Moyenne', 4: 'Haute', 5: 'Très haute', 6: 'Majeure' };
export const urgencyLabels: Record<number, string> = { 1: 'Très basse', 2: 'Basse', 3: 'Moyenne', 4: 'Haute', 5: 'Très haute' };
export const impactLabels: Record<number, string> = { 1: 'Très bas', 2: 'Bas', 3: 'Moyen', 4: 'Haut', 5: 'Très haut' };
