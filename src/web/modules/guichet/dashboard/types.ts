import type { ResponseOf } from '../../../api/types';

/** GET /api/desk/dashboard, named from the generated contract. */
export type DeskDashboard = ResponseOf<'/api/desk/dashboard'>;
export type AgreementShare = DeskDashboard['agreement']['own'];
export type DurationFigures = DeskDashboard['times']['own'];

/** The dashboard's filters, as they live in the address bar. */
export interface DeskDashboardSearch {
  from?: string;
  to?: string;
  unitId?: string;
  teamId?: string;
  level?: string;
  category?: string;
  uai?: string;
}

const isoDay = /^\d{4}-\d{2}-\d{2}$/;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const text = (v: unknown, pattern: RegExp) => (typeof v === 'string' && pattern.test(v) ? v : undefined);

export function validateDeskDashboardSearch(raw: Record<string, unknown>): DeskDashboardSearch {
  return {
    from: text(raw.from, isoDay),
    to: text(raw.to, isoDay),
    unitId: text(raw.unitId, uuid),
    teamId: text(raw.teamId, uuid),
    level: text(raw.level, /^[0-3]$/),
    category: text(raw.category, /^[a-z0-9_][a-z0-9-]{0,62}$/),
    uai: text(raw.uai, /^[0-9]{7}[A-Za-z]$/),
  };
}
