/** The ticket list's state lives in the URL: filters, sort and page survive reload, back and sharing. */
import { ticketStatuses } from './labels';

export const ticketSortColumns = ['openedAt', 'priority', 'dueToResolve', 'dueToOwn', 'number', 'updatedAt'] as const;
export type TicketSortColumn = (typeof ticketSortColumns)[number];
export const ticketPageSizes = [25, 50, 100] as const;

/** « open » = neither solved nor closed (the default view of a desk). */
export const statusFilters = ['open', ...ticketStatuses] as const;
export type StatusFilter = (typeof statusFilters)[number];

export interface TicketListSearch {
  search?: string;
  status?: StatusFilter;
  type?: 'incident' | 'request';
  priority?: number;
  teamId?: string;
  level?: number;
  uai?: string;
  category?: string;
  mine?: 'requested' | 'assigned';
  breached?: 'true';
  sort?: TicketSortColumn;
  order?: 'asc' | 'desc';
  page?: number;
  pageSize?: number;
}

const oneOf = <T extends string>(values: readonly T[], v: unknown): T | undefined =>
  typeof v === 'string' && (values as readonly string[]).includes(v) ? (v as T) : undefined;
const shortText = (v: unknown, max: number) => (typeof v === 'string' && v.trim() && v.length <= max ? v : typeof v === 'number' ? String(v) : undefined);
const integer = (v: unknown, min: number, max: number) => {
  const n = Number(v);
  return v !== undefined && v !== '' && Number.isInteger(n) && n >= min && n <= max ? n : undefined;
};
const uuid = (v: unknown) => (typeof v === 'string' && /^([0-9a-f-]{36}|none)$/i.test(v) ? v : undefined);

export function validateTicketSearch(raw: Record<string, unknown>): TicketListSearch {
  const page = integer(raw.page, 1, 100000);
  const size = integer(raw.pageSize, 1, 200);
  return {
    search: shortText(raw.search, 200),
    status: oneOf(statusFilters, raw.status),
    type: oneOf(['incident', 'request'] as const, raw.type),
    priority: integer(raw.priority, 1, 6),
    teamId: uuid(raw.teamId),
    level: integer(raw.level, 0, 3),
    uai: shortText(raw.uai, 20)?.toUpperCase(),
    category: shortText(raw.category, 63),
    mine: oneOf(['requested', 'assigned'] as const, raw.mine),
    breached: raw.breached === 'true' || raw.breached === true ? 'true' : undefined,
    sort: oneOf(ticketSortColumns, raw.sort),
    order: oneOf(['asc', 'desc'] as const, raw.order),
    page: page && page > 1 ? page : undefined,
    pageSize: size && (ticketPageSizes as readonly number[]).includes(size) && size !== 25 ? size : undefined,
  };
}

/** The filters only (what the export takes). */
export function ticketFiltersOf(s: TicketListSearch) {
  const { page: _page, pageSize: _size, ...filters } = s;
  return filters;
}

export function hasTicketFilters(s: TicketListSearch): boolean {
  return Boolean(s.search || s.status || s.type || s.priority || s.teamId || s.level !== undefined || s.uai || s.category || s.mine || s.breached);
}
