import type { ItemOf, ResponseOf } from '../../../api/types';

/** GET /api/desk/configuration and its parts, named from the generated contract. */
export type DeskConfiguration = ResponseOf<'/api/desk/configuration'>;
export type SupportTeam = ItemOf<DeskConfiguration['teams']>;
export type OrgRef = SupportTeam['organization'];
export type TicketCategory = ItemOf<DeskConfiguration['categories']>;
export type Agreement = ItemOf<DeskConfiguration['agreements']>;
export type SlaTarget = Agreement['targets'][string];
export type VersionInfo = ItemOf<Agreement['versions']>;
export type Calendar = ItemOf<DeskConfiguration['calendars']>;
export type Closure = ItemOf<Calendar['closures']>;
export type SchoolHolidayPeriod = ItemOf<Calendar['schoolHolidays']['periods']>;
export type OpeningRange = ItemOf<Calendar['week'][keyof Calendar['week']]>;
export type DeskSettings = DeskConfiguration['settings'];

export const weekdayKeys = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type WeekdayKey = (typeof weekdayKeys)[number];
export const weekdayLabels: Record<WeekdayKey, string> = { mon: 'Lundi', tue: 'Mardi', wed: 'Mercredi', thu: 'Jeudi', fri: 'Vendredi', sat: 'Samedi', sun: 'Dimanche' };

export const levelLabels: Record<number, string> = {
  0: 'Niveau 0 — sur site',
  1: 'Niveau 1 — techniciens de secteur',
  2: 'Niveau 2 — experts régionaux',
  3: 'Niveau 3 — prestataires et constructeurs',
};

export { impactLabels, priorityLabels, urgencyLabels } from '../../../../shared/desk';
