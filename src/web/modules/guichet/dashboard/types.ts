/** GET /api/desk/dashboard (see src/modules/guichet/routes/dashboard.ts). */

export interface AgreementShare {
  measured: number;
  within: number;
  breached: number;
  openBreached: number;
  withinRate: number | null;
}

export interface DurationFigures {
  count: number;
  medianHours: number | null;
  p90Hours: number | null;
  meanHours: number | null;
}

export interface SchoolRef {
  id: string;
  uai: string;
  name: string;
}

export interface DeskDashboard {
  period: { from: string; to: string };
  backlog: {
    total: number;
    byTeam: { id: string | null; name: string; level: number | null; count: number }[];
    byLevel: { level: number; label: string; count: number }[];
    byCategory: { key: string | null; label: string; count: number }[];
    bySchool: (SchoolRef & { count: number })[];
  };
  agreement: { own: AgreementShare; resolve: AgreementShare };
  times: { own: DurationFigures; resolve: DurationFigures };
  devices: { tickets: number; devices: number; per100Devices: number | null; bySchool: (SchoolRef & { tickets: number; devices: number; per100Devices: number | null })[] };
  satisfaction: { solved: number; rated: number; responseRate: number | null; mean: number | null; distribution: { rating: number; count: number }[] };
  weekly: { week: string; opened: number; solved: number }[];
}

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
