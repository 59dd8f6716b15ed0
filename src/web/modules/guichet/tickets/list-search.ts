/** The ticket list's state lives in the URL: filters, sort and page survive reload, back and sharing. */
import { integer, oneOf, shortText, sortAndPageOf, trueFlag, withoutPaging, type SortAndPage } from '../../../ui/list-search';
import { ticketStatuses } from './labels';

export const ticketSortColumns = ['openedAt', 'priority', 'dueToResolve', 'dueToOwn', 'number', 'updatedAt'] as const;
export type TicketSortColumn = (typeof ticketSortColumns)[number];
export const ticketPageSizes = [25, 50, 100] as const;

/** « open » = neither solved nor closed (the default view of a desk). */
export const statusFilters = ['open', ...ticketStatuses] as const;
export type StatusFilter = (typeof statusFilters)[number];

export interface TicketListSearch extends SortAndPage<TicketSortColumn> {
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
}

const uuid = (v: unknown) => (typeof v === 'string' && /^([0-9a-f-]{36}|none)$/i.test(v) ? v : undefined);

export function validateTicketSearch(raw: Record<string, unknown>): TicketListSearch {
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
    breached: trueFlag(raw.breached),
    ...sortAndPageOf(raw, ticketSortColumns, ticketPageSizes, 100000),
  };
}

/** The filters only (what the export takes). */
export const ticketFiltersOf = (s: TicketListSearch) => withoutPaging(s);

export function hasTicketFilters(s: TicketListSearch): boolean {
  return Boolean(s.search || s.status || s.type || s.priority || s.teamId || s.level !== undefined || s.uai || s.category || s.mine || s.breached);
}
